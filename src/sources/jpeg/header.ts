/** What a JPEG's markers say before any pixel is decoded. */
export interface JpegHeader {
  readonly width: number;
  readonly height: number;
  /** 1 (gray), 3 (YCbCr or RGB) or 4 (CMYK or YCCK). */
  readonly components: number;
  /** EXIF orientation 1..8 (1 when absent or invalid); see `orient`. */
  readonly orientation: number;
  /** Progressive (SOF2, SOF6, SOF10, SOF14) rather than sequential. */
  readonly progressive: boolean;
  /** The APP14 Adobe marker's colour transform (0 none, 1 YCbCr, 2 YCCK), when present. */
  readonly adobeTransform?: number;
  /**
   * The embedded ICC profile (APP2 `ICC_PROFILE`): `none`, `srgb` (an RGB profile that names
   * itself sRGB) or `other` (e.g. Display P3, Adobe RGB, gray), which sharp converts to sRGB.
   */
  readonly icc: 'none' | 'srgb' | 'other';
}

/**
 * Reads a JPEG's size, component count, EXIF orientation and Adobe transform by walking its
 * markers from SOI to the first SOF, without decoding: enough to pick a DCT scale and the
 * orientation to apply after a scaled decode.
 *
 * @returns undefined when `bytes` is not a JPEG (no SOI) or ends or breaks before a SOF; never throws.
 * @example const header = readJpegHeader(await readFile(path));
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | undefined {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let orientation = 1;
  let adobeTransform: number | undefined;
  let icc: JpegHeader['icc'] = 'none';
  let i = 2;
  for (;;) {
    if (i >= n || bytes[i] !== 0xff) return undefined;
    // Any number of 0xFF fill bytes may precede a marker.
    while (i < n && bytes[i] === 0xff) i++;
    if (i >= n) return undefined;
    const marker = bytes[i++]!;
    // Standalone markers carry no length: TEM, RST0–7. SOI again, EOI or SOS before a SOF: broken.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda || marker === 0x00) return undefined;
    if (i + 2 > n) return undefined;
    const length = u16be(bytes, i);
    const start = i + 2, end = i + length;
    if (length < 2) return undefined;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      // precision, height, width, component count
      if (length < 8 || start + 6 > n) return undefined;
      const height = u16be(bytes, start + 1), width = u16be(bytes, start + 3), components = bytes[start + 5]!;
      if (width === 0 || height === 0 || components === 0) return undefined;
      const progressive = marker === 0xc2 || marker === 0xc6 || marker === 0xca || marker === 0xce;
      return { width, height, components, orientation, progressive, icc, ...(adobeTransform === undefined ? {} : { adobeTransform }) };
    }
    if (end > n) return undefined;
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(bytes, start, end) ?? 1;
    // "Adobe", version, flags0, flags1, transform.
    if (marker === 0xee && length >= 14 && ascii(bytes, start, 'Adobe')) adobeTransform = bytes[start + 11]!;
    if (marker === 0xe2 && icc === 'none' && end - start > 14 + 128 && ascii(bytes, start, 'ICC_PROFILE\0')) icc = iccKind(bytes, start + 14, end);
    i = end;
  }
}

/** Orientation (tag 0x0112) from IFD0 of an APP1 `Exif\0\0` TIFF block, if there and valid. */
function exifOrientation(bytes: Uint8Array, start: number, end: number): number | undefined {
  if (end - start < 6 + 8 || !ascii(bytes, start, 'Exif\0\0')) return undefined;
  const tiff = start + 6;
  const little = bytes[tiff] === 0x49 && bytes[tiff + 1] === 0x49;
  if (!little && !(bytes[tiff] === 0x4d && bytes[tiff + 1] === 0x4d)) return undefined;
  const u16 = (at: number) => (little ? bytes[at]! | (bytes[at + 1]! << 8) : u16be(bytes, at));
  const u32 = (at: number) => (little ? u16(at) + u16(at + 2) * 65536 : u16(at) * 65536 + u16(at + 2));
  if (u16(tiff + 2) !== 42) return undefined;
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return undefined;
  const count = u16(ifd);
  for (let k = 0, e = ifd + 2; k < count && e + 12 <= end; k++, e += 12) {
    // SHORT (type 3) value, left-aligned in the 4-byte field.
    if (u16(e) === 0x0112 && u16(e + 2) === 3) {
      const value = u16(e + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** `srgb` for an RGB profile whose text names sRGB (ASCII or UTF-16), else `other`. */
function iccKind(bytes: Uint8Array, profile: number, end: number): 'srgb' | 'other' {
  // Bytes 16–19 of the profile header: its colour space.
  if (!ascii(bytes, profile + 16, 'RGB ')) return 'other';
  for (let i = profile + 128; i + 8 <= end; i++) {
    if (bytes[i] === 0x73 && (ascii(bytes, i, 'sRGB') || ascii(bytes, i, 's\0R\0G\0B'))) return 'srgb';
  }
  return 'other';
}

function u16be(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function ascii(bytes: Uint8Array, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (bytes[at + k] !== text.charCodeAt(k)) return false;
  return true;
}
