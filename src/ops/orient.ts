import type { Image } from '../core/types.js';
import { allocate, checkImage, checkNumber, copyImage } from './kernel/index.js';

/**
 * Applies an EXIF orientation, giving the image as it is meant to be shown: what sharp's
 * `.rotate()` (auto-orient) does after decoding. 1 = as stored, 2 = mirrored left–right,
 * 3 = rotated 180°, 4 = mirrored top–bottom, 5 = transposed (mirror about the main diagonal),
 * 6 = rotated 90° clockwise, 7 = transversed (mirror about the anti-diagonal), 8 = rotated 270°
 * clockwise. 5–8 swap width and height. Exact, any channels and type.
 *
 * @example const upright = orient(decoded, readJpegHeader(bytes)?.orientation ?? 1);
 * @throws OpParameterError on a malformed image or an orientation outside 1..8.
 */
export function orient(image: Image, orientation: number): Image {
  checkImage(image, 'orient');
  checkNumber('orient', 'orientation', orientation, { integer: true, min: 1, max: 8 });
  if (orientation === 1) return copyImage(image);
  const { data, width: w, height: h, channels: c } = image;
  const swap = orientation >= 5;
  const ow = swap ? h : w, oh = swap ? w : h;
  // Output pixel (x, y) reads input pixel base + x·dx + y·dy (in pixels, row-major input).
  const steps: Record<number, readonly [base: number, dx: number, dy: number]> = {
    2: [w - 1, -1, w],
    3: [(h - 1) * w + w - 1, -1, -w],
    4: [(h - 1) * w, 1, -w],
    5: [0, w, 1],
    6: [(h - 1) * w, -w, 1],
    7: [(h - 1) * w + w - 1, -w, -1],
    8: [w - 1, w, -1],
  };
  const [base, dx, dy] = steps[orientation]!;
  const { raw: out, result } = allocate(image, ow, oh);
  let o = 0;
  for (let y = 0; y < oh; y++) {
    let p = (base + y * dy) * c;
    const step = dx * c;
    if (c === 1) {
      for (let x = 0; x < ow; x++, p += step) out[o++] = data[p]!;
    } else if (c === 3) {
      for (let x = 0; x < ow; x++, p += step) {
        out[o++] = data[p]!;
        out[o++] = data[p + 1]!;
        out[o++] = data[p + 2]!;
      }
    } else {
      for (let x = 0; x < ow; x++, p += step) {
        out[o++] = data[p]!;
        out[o++] = data[p + 1]!;
        out[o++] = data[p + 2]!;
        out[o++] = data[p + 3]!;
      }
    }
  }
  return result;
}
