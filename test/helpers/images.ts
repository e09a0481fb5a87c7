import type { Image } from '../../src/core/types.js';
import { sources, type Sample } from '../../src/index.js';

/** A w×h gray image whose pixels are 0, 1, 2, … (mod 256). */
export function rampImage(width: number, height: number, channels: 1 | 3 | 4 = 1, offset = 0): Image {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i + offset) % 256;
  return { data, width, height, channels };
}

/** A counting iterable source of n tiny labelled images; `produced()` tells how many were pulled. */
export function countingSource(n: number, size = 4) {
  let produced = 0;
  const source = sources.iterable(
    async function* () {
      for (let i = 0; i < n; i++) {
        produced++;
        yield { id: `s${String(i).padStart(6, '0')}`, image: rampImage(size, size, 1, i), label: String(i % 3) };
      }
    },
    { classes: ['0', '1', '2'] },
  );
  return { source, produced: () => produced };
}

/** Collects an async iterable. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type { Sample };
