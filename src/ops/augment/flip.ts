import type { Image } from '../../core/types.js';
import { allocate, checkImage } from '../kernel/index.js';

/**
 * Mirrors left–right: output `(x, y)` is input `(w−1−x, y)` (`cv2.flip(img, 1)`). Exact, all
 * channels, any type; flipping twice gives the input back.
 *
 * @example const mirrored = horizontalFlip(image);
 * @throws OpParameterError on a malformed image.
 */
export function horizontalFlip(image: Image): Image {
  checkImage(image, 'horizontalFlip');
  const { data, width, height, channels: c } = image;
  const { raw: out, result } = allocate(image);
  const stride = width * c;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    // Unrolled per channel count: several times faster than an inner channel loop.
    if (c === 1) {
      for (let o = row, i = row + stride - 1; o < row + stride; o++, i--) out[o] = data[i]!;
    } else if (c === 3) {
      for (let o = row, i = row + stride - 3; o < row + stride; o += 3, i -= 3) {
        out[o] = data[i]!;
        out[o + 1] = data[i + 1]!;
        out[o + 2] = data[i + 2]!;
      }
    } else {
      for (let o = row, i = row + stride - 4; o < row + stride; o += 4, i -= 4) {
        out[o] = data[i]!;
        out[o + 1] = data[i + 1]!;
        out[o + 2] = data[i + 2]!;
        out[o + 3] = data[i + 3]!;
      }
    }
  }
  return result;
}

/**
 * Mirrors top–bottom: output `(x, y)` is input `(x, h−1−y)` (`cv2.flip(img, 0)`). Exact; rows are
 * copied whole.
 *
 * @example const upsideDown = verticalFlip(image);
 * @throws OpParameterError on a malformed image.
 */
export function verticalFlip(image: Image): Image {
  checkImage(image, 'verticalFlip');
  const { data, width, height, channels } = image;
  const { raw, result } = allocate(image);
  const stride = width * channels;
  for (let y = 0; y < height; y++) {
    const from = (height - 1 - y) * stride;
    raw.set(data.subarray(from, from + stride), y * stride);
  }
  return result;
}
