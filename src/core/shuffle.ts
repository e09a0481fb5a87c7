import type { Rng } from './rng.js';

/**
 * tf.data-style buffered shuffle: fill a buffer of `size`, then emit a random element and
 * refill its slot. `size` ≥ the dataset size gives a full shuffle. It runs on source items
 * (paths, indices), before any pixels are read, so a big buffer costs no image memory.
 */
export async function* shuffled<T>(items: Iterable<T> | AsyncIterable<T>, size: number, rng: Rng): AsyncGenerator<T> {
  if (size <= 1) {
    yield* items;
    return;
  }
  const buffer: T[] = [];
  for await (const item of items) {
    if (buffer.length < size) {
      buffer.push(item);
      continue;
    }
    const i = Math.floor(rng() * size);
    yield buffer[i]!;
    buffer[i] = item;
  }
  while (buffer.length > 0) {
    const i = Math.floor(rng() * buffer.length);
    yield buffer[i]!;
    buffer[i] = buffer[buffer.length - 1]!;
    buffer.pop();
  }
}

/**
 * Shuffles `items` in place with a seeded Fisher–Yates (Durstenfeld's, from the end) and returns
 * them: every order equally likely, unlike `sort(() => rng() - 0.5)`, whose result depends on
 * the sort algorithm and favours the input order.
 */
export function shuffleInPlace<A extends { length: number; [index: number]: unknown }>(items: A, rng: Rng): A {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
