import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Channels, Image } from '../core/types.js';
import { DecodeError, markResizedOnLoad, type LoadHint } from './source.js';
import { decodeJpegResized } from './jpeg/fastJpeg.js';

/** Decoding options shared by file sources. */
export interface DecodeOptions {
  /** Output channels: 1 gray, 3 RGB, 4 RGBA. Alpha is dropped for 1 and 3. */
  readonly channels: Channels;
  /** Images declaring more pixels than this are refused from their header, before decoding. */
  readonly maxPixels: number;
  /** `auto`: honour a resize hint with the fast JPEG path; `sharp`: always decode in full with sharp. @default "auto" */
  readonly decoder?: 'auto' | 'sharp';
}

/** What the file was, before conversion: checks that depend on the source mode use it. */
export interface SourceImageInfo {
  readonly format: string;
  /** libvips colour space of the file: `srgb`, `b-w`, `cmyk`, `grey16`, `rgb16`… */
  readonly space: string;
  readonly channels: number;
  /** Sample format: `uchar` (8-bit), `ushort` (16-bit)… */
  readonly depth: string;
  readonly hasAlpha: boolean;
  readonly isPalette: boolean;
  readonly fileBytes: number;
  /** SHA-1 of the file's bytes (hex): identical files have identical hashes. */
  readonly fileHash: string;
}

/** A decoded image with what its file was. */
export type DecodedImage = Image & { readonly info: SourceImageInfo };

/** Default pixel limit: 100 megapixels, far above training images, far below decompression bombs. */
export const DEFAULT_MAX_PIXELS = 100_000_000;

// Formats sharp decodes with its bundled libvips.
const DECODABLE = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif', 'heif', 'svg', 'jp2', 'jxl']);

/**
 * Decodes any image sharp can read, sniffing the content (not the file name): auto-orients
 * from EXIF, takes the first frame of animations, converts CMYK, 16-bit, palette and alpha
 * images to 8-bit `channels`. With a resize `hint`, JPEGs take the fast path
 * (`decodeJpegResized`) and come out resized.
 *
 * @throws DecodeError with reason `corrupt`, `unsupported` or `too_large`.
 */
export async function decodeImage(bytes: Buffer, options: DecodeOptions, hint?: LoadHint): Promise<DecodedImage> {
  if (bytes.length === 0) throw new DecodeError('corrupt', 'empty file (0 bytes)');
  if (hint?.resize && options.decoder !== 'sharp') {
    const fast = await decodeJpegResized(bytes, options, hint.resize);
    if (fast) {
      markResizedOnLoad(fast.data);
      return fast;
    }
  }
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw classifySharpError(error, bytes);
  }
  if (!meta.format || !DECODABLE.has(meta.format)) {
    throw new DecodeError('unsupported', `format ${meta.format ?? 'unknown'} is not supported`);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > options.maxPixels) {
    throw new DecodeError(
      'too_large',
      `declares ${width}×${height} = ${width * height} pixels, over the limit of ${options.maxPixels} (maxPixels)`,
    );
  }
  try {
    let img = sharp(bytes, { failOn: 'error', limitInputPixels: options.maxPixels, pages: 1 }).rotate();
    if (options.channels === 4) img = img.toColourspace('srgb').ensureAlpha();
    else img = img.removeAlpha().toColourspace(options.channels === 1 ? 'b-w' : 'srgb');
    const { data, info } = await img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== options.channels) {
      throw new DecodeError('unsupported', `decoded to ${info.channels} channels, expected ${options.channels}`);
    }
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const source: SourceImageInfo = {
      format: meta.format,
      space: meta.space ?? 'unknown',
      channels: meta.channels ?? options.channels,
      depth: meta.depth ?? 'uchar',
      hasAlpha: Boolean(meta.hasAlpha),
      isPalette: Boolean(meta.isPalette),
      fileBytes: bytes.length,
      fileHash: createHash('sha1').update(bytes).digest('hex'),
    };
    return { data: pixels, width: info.width, height: info.height, channels: options.channels, info: source };
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    throw classifySharpError(error, bytes, meta.format);
  }
}

/** Maps libvips' messages to reason codes: not an image at all is `corrupt`, like a broken one. */
function classifySharpError(error: unknown, bytes: Buffer, format?: string): DecodeError {
  const message = (error as Error)?.message ?? String(error);
  if (/pixel limit/i.test(message)) return new DecodeError('too_large', message);
  if (/unsupported image format/i.test(message)) {
    return looksLikeImage(bytes)
      ? new DecodeError('unsupported', `image format not supported by sharp/libvips (${message})`)
      : new DecodeError('corrupt', 'not an image: content matches no known image format');
  }
  const first = message.split('\n')[0] ?? message;
  // libvips keeps one error buffer for all threads: under concurrency a message may belong to
  // another file (a PNG reported by the JPEG loader). Keep it only when it names this format.
  const loaderMatches = format === undefined || first.toLowerCase().includes(format === 'jpeg' ? 'jpeg' : format);
  const generic = `truncated or damaged ${format ? `${format.toUpperCase()} ` : 'image '}data`;
  return new DecodeError('corrupt', /^unknown error$/i.test(first) || !loaderMatches ? generic : first);
}

// Magic numbers of image formats sharp cannot decode (BMP, ICO, PSD, HEIC without codec).
function looksLikeImage(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 12).toString('latin1');
  return head.startsWith('BM') || head.startsWith('\0\0\x01\0') || head.startsWith('8BPS') || head.slice(4, 8) === 'ftyp';
}
