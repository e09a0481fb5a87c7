import { createHash } from 'node:crypto';
import { finishResample, geometry, resample, resamplePlan, type ResampleOptions } from '../../ops/resample.js';
import { orient } from '../../ops/orient.js';
import type { DecodedImage, DecodeOptions } from '../decode.js';
import { scaledJpegAddon } from './addon.js';
import { readJpegHeader } from './header.js';

// Decode at least this many times the resized size: against a full decode + sharp lanczos3,
// 2 keeps the outputs closer than 1 for little more CPU (`npm run bench:quality`; README
// "Performance" has the figures).
const HEADROOM = 2;

/**
 * The fast path for a JPEG that is resized right after loading: libjpeg-turbo decodes it in the
 * DCT domain at the smallest n/8 scale still twice as large as the resized image, and resizes it
 * with the full image's geometry, on libuv's thread pool; then EXIF orientation and
 * the exact resize run in JS. Several times cheaper than a full decode plus a sharp resize, and
 * close to it (PSNR and SSIM against it: README "Performance", `npm run bench:quality`).
 *
 * Returns undefined whenever sharp should decide instead: not a JPEG, CMYK/YCCK, an ICC profile
 * other than sRGB, over `maxPixels`, damaged data (even a libjpeg warning), or no addon. The result is then exactly
 * what the sharp path gives, verdicts included.
 */
export async function decodeJpegResized(bytes: Buffer, options: DecodeOptions, resize: ResampleOptions): Promise<DecodedImage | undefined> {
  const header = readJpegHeader(bytes);
  const addon = scaledJpegAddon();
  if (!header || !addon || (header.components !== 1 && header.components !== 3)) return undefined;
  // sharp converts other embedded profiles (Display P3, Adobe RGB…) to sRGB; libjpeg does not.
  if (header.icc === 'other') return undefined;
  if (header.width * header.height > options.maxPixels) return undefined;
  const [width, height] = header.orientation >= 5 ? [header.height, header.width] : [header.width, header.height];
  const g = geometry(width, height, resize.width, resize.height, resize.fit);
  // Decoding at n/8 shrinks by 8/n: keep that within the resize's own shrink.
  const n = Math.min(8, Math.max(1, Math.ceil((8 * HEADROOM) / Math.min(g.hshrink, g.vshrink) - 1e-9)));
  const channels = options.channels;
  // Upright RGB or gray: the addon resamples too, on the pool thread (same arithmetic as JS).
  const [dw, dh] = [Math.ceil((header.width * n) / 8), Math.ceil((header.height * n) / 8)];
  // The resize follows the full image's geometry (crop, scale), mapped onto the decoded pixels.
  const plan = header.orientation === 1 && channels !== 4 ? resamplePlan(header.width, header.height, resize, { width: dw, height: dh, scale: n / 8 }) : undefined;
  let decoded;
  try {
    decoded = await addon.decode(bytes, n, channels, plan);
  } catch {
    return undefined;
  }
  const pixels = new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength);
  const image = { data: pixels, width: decoded.width, height: decoded.height, channels };
  return {
    ...(plan ? finishResample(image, plan, resize) : resample(orient(image, header.orientation), resize, { width, height, scale: n / 8 })),
    info: fileInfo(bytes, header.components),
  };
}

function fileInfo(bytes: Buffer, components: number): DecodedImage['info'] {
  return {
    format: 'jpeg',
    space: components === 1 ? 'b-w' : 'srgb',
    channels: components,
    depth: 'uchar',
    hasAlpha: false,
    isPalette: false,
    fileBytes: bytes.length,
    fileHash: createHash('sha1').update(bytes).digest('hex'),
  };
}
