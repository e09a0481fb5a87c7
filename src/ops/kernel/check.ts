import type { Image } from '../../core/types.js';

/**
 * An op was given a parameter it cannot use. The one error shape of every op in `src/ops`: it names
 * the op, the parameter (a path such as `image.data.length`), what was expected and what came, as
 * sharp's `invalidParameterError` does:
 * `Expected gaussianBlur.sigma to be a finite number > 0, received 0`.
 *
 * A `RangeError`, not a `GanpipeError`: inside a pipeline a bad image or parameter costs that
 * sample (a rejection in the report), while a `GanpipeError` ends the run.
 */
export class OpParameterError extends RangeError {
  override name = 'OpParameterError';
  constructor(
    readonly op: string,
    readonly parameter: string,
    readonly expected: string,
    readonly received: unknown,
  ) {
    super(`Expected ${op}.${parameter} to be ${expected}, received ${show(received)}`);
  }
}

// Numbers and strings as written, anything else as (short) JSON.
function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Throws an `OpParameterError` unless `ok`. */
export function check(ok: boolean, op: string, parameter: string, expected: string, received: unknown): void {
  if (!ok) throw new OpParameterError(op, parameter, expected, received);
}

/** Bounds of `checkNumber`; every one is optional. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  /** Strict lower bound. */
  readonly greaterThan?: number;
  readonly integer?: boolean;
}

/**
 * Throws unless `value` is a finite number (an integer with `integer`) within the bounds, worded
 * from them: `a finite number > 0`, `an integer ≥ 1 and ≤ 100`.
 */
export function checkNumber(op: string, parameter: string, value: number, range: NumberRange = {}): void {
  const { min = -Infinity, max = Infinity, greaterThan = -Infinity, integer = false } = range;
  const ok = typeof value === 'number' && (integer ? Number.isInteger(value) : Number.isFinite(value)) && value >= min && value <= max && value > greaterThan;
  if (ok) return;
  const bounds = [greaterThan > -Infinity ? `> ${greaterThan}` : min > -Infinity ? `≥ ${min}` : '', max < Infinity ? `≤ ${max}` : ''].filter(Boolean);
  throw new OpParameterError(op, parameter, `${integer ? 'an integer' : 'a finite number'}${bounds.length ? ` ${bounds.join(' and ')}` : ''}`, value);
}

/** Throws unless `value` is a positive odd integer (a kernel or window size). */
export function checkOddSize(op: string, parameter: string, value: number): void {
  check(Number.isInteger(value) && value > 0 && value % 2 === 1, op, parameter, 'a positive odd integer', value);
}

/** Throws unless `value` is one of `allowed`. */
export function checkOneOf<T>(op: string, parameter: string, value: T, allowed: readonly T[]): void {
  check(allowed.includes(value), op, parameter, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
}

/** Throws unless `image` is a well-formed `Image` (positive integer sizes, 1, 3 or 4 channels, matching length). */
export function checkImage(image: Image, op: string): void {
  const { data, width, height, channels } = image;
  check(Number.isInteger(width) && width > 0, op, 'image.width', 'a positive integer', width);
  check(Number.isInteger(height) && height > 0, op, 'image.height', 'a positive integer', height);
  check(channels === 1 || channels === 3 || channels === 4, op, 'image.channels', '1, 3 or 4', channels);
  const type = (data as unknown as object | undefined)?.constructor?.name ?? typeof data;
  check(data instanceof Uint8Array || data instanceof Float32Array, op, 'image.data', 'a Uint8Array or Float32Array', type);
  check(data.length === width * height * channels, op, 'image.data.length', `${width * height * channels} (${width}×${height}×${channels})`, data.length);
}
