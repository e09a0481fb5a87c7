import { checkOneOf } from './check.js';

/**
 * What a filter or warp reads outside the image, named as OpenCV names them (`cv::BorderTypes`),
 * because the short names disagree between libraries ("reflect" is OpenCV's `BORDER_REFLECT_101` in
 * numpy, `BORDER_REFLECT` in scipy.ndimage). For a row `abcd`:
 * - `BORDER_CONSTANT`: `iii|abcd|iii`, a given value (the caller's fill);
 * - `BORDER_REPLICATE`: `aaa|abcd|ddd` (libvips' extend copy, scipy's `nearest`);
 * - `BORDER_REFLECT`: `cba|abcd|dcb`, the edge repeated (scipy's `reflect`, numpy's `symmetric`);
 * - `BORDER_REFLECT_101`: `dcb|abcd|cba`, OpenCV's default (numpy's `reflect`, scipy's `mirror`);
 * - `BORDER_WRAP`: `bcd|abcd|abc` (scipy's `wrap`).
 */
export type BorderType = 'BORDER_CONSTANT' | 'BORDER_REPLICATE' | 'BORDER_REFLECT' | 'BORDER_REFLECT_101' | 'BORDER_WRAP';

/**
 * The border names of the geometric ops' params and of pipeline JSON files, kept as they have
 * always been: `reflect` is OpenCV's default reflection (`BORDER_REFLECT_101`), `edge` repeats the
 * edge pixel. `BORDER_TYPE` says what each means.
 */
export type BorderMode = 'constant' | 'reflect' | 'edge';

/** What each public border name means. */
export const BORDER_TYPE: Readonly<Record<BorderMode, BorderType>> = Object.freeze({
  constant: 'BORDER_CONSTANT',
  reflect: 'BORDER_REFLECT_101',
  edge: 'BORDER_REPLICATE',
});

/** The OpenCV border type of a public border name. @throws OpParameterError for an unknown name. */
export function borderType(mode: BorderMode, op: string, parameter = 'border'): BorderType {
  checkOneOf(op, parameter, mode, Object.keys(BORDER_TYPE) as BorderMode[]);
  return BORDER_TYPE[mode];
}

/** Maps index `i` (any integer) of a row of `n` to the index it reads, or -1 for the constant. */
export type BorderFunction = (i: number, n: number) => number;

// Reflections are periodic, so any distance works (OpenCV's `borderInterpolate`).
const BORDERS: Readonly<Record<BorderType, BorderFunction>> = {
  BORDER_CONSTANT: (i, n) => (i >= 0 && i < n ? i : -1),
  BORDER_REPLICATE: (i, n) => (i < 0 ? 0 : i >= n ? n - 1 : i),
  BORDER_REFLECT: (i, n) => {
    const period = 2 * n;
    const j = ((i % period) + period) % period;
    return j < n ? j : period - 1 - j;
  },
  BORDER_REFLECT_101: (i, n) => {
    if (n === 1) return 0;
    const period = 2 * n - 2;
    const j = ((i % period) + period) % period;
    return j < n ? j : period - j;
  },
  BORDER_WRAP: (i, n) => ((i % n) + n) % n,
};

/** The index function of a border type, for loops that map many indices. */
export function borderFunction(type: BorderType): BorderFunction {
  return BORDERS[type];
}

/** Index `i` (possibly outside `0…n−1`) resolved by the border; -1 means "use the constant". */
export function borderIndex(i: number, n: number, type: BorderType): number {
  return i >= 0 && i < n ? i : BORDERS[type](i, n);
}
