// Option schemas and draws that several random ops share.
import { z } from 'zod';
import { randomInt, uniform, type Rng } from '../../../core/rng.js';

/** A probability, in [0, 1]. */
export const probabilitySchema = z.number().min(0, { error: 'Expected a probability in [0, 1]' }).max(1, { error: 'Expected a probability in [0, 1]' });

/** `p`, the probability that the op applies, with the op's default. */
export const probability = (p: number) => probabilitySchema.default(p);

/** `v` (for ±v or 1 ± v) or `[min, max]`. */
export const span = z.union([z.number().min(0), z.tuple([z.number(), z.number()]).refine(([a, b]) => a <= b, { error: 'Expected [min, max] with min ≤ max' })]);

/** `[min, max]` of numbers each checked by `item`. */
export const pair = <T extends z.ZodNumber>(item: T) => z.tuple([item, item]);

export const interpolation = z.enum(['nearest', 'bilinear']).default('bilinear');
export const border = z.enum(['constant', 'reflect', 'edge']).default('constant');
export const fillValue = z.number().default(0);
/** How the geometric ops sample (see `SamplingOptions`). */
export const geometry = { interpolation, border, fillValue };

/** The sampling fields of resolved options, in the order traces record them. */
export const samplingOf = (o: { interpolation: 'nearest' | 'bilinear'; border: 'constant' | 'reflect' | 'edge'; fillValue: number }) => ({
  interpolation: o.interpolation,
  border: o.border,
  fillValue: o.fillValue,
});

/** `v` → [−v, v]; `[a, b]` stays. */
export const symmetric = (v: number | readonly [number, number]): [number, number] => (typeof v === 'number' ? [-v, v] : [v[0], v[1]]);

/** `v` → [1 − v, 1 + v] (factors, never below 0); `[a, b]` stays. */
export const aroundOne = (v: number | readonly [number, number]): [number, number] => (typeof v === 'number' ? [Math.max(0, 1 - v), 1 + v] : [v[0], v[1]]);

/** Uniform in [lo, hi). */
export const draw = (rng: Rng, [lo, hi]: readonly [number, number]) => uniform(rng, lo, hi);

/** An integer seed for an op that draws a random field of its own. */
export const seedOf = (rng: Rng) => Math.floor(rng() * 2 ** 31);

/**
 * torchvision's box sampler: area in `scale` of the image, log-uniform aspect in `ratio`,
 * 10 attempts, then (for crops) the central crop with the aspect clamped into `ratio`, or (for
 * erasing) nothing.
 */
export function randomBox(rng: Rng, W: number, H: number, scale: readonly [number, number], ratio: readonly [number, number], fallbackToCentre: boolean) {
  const area = W * H;
  const [lr0, lr1] = [Math.log(ratio[0]), Math.log(ratio[1])];
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * uniform(rng, scale[0], scale[1]);
    const aspect = Math.exp(uniform(rng, lr0, lr1));
    const w = Math.round(Math.sqrt(target * aspect));
    const h = Math.round(Math.sqrt(target / aspect));
    if (w > 0 && h > 0 && w <= W && h <= H) return { x: randomInt(rng, 0, W - w), y: randomInt(rng, 0, H - h), width: w, height: h };
  }
  if (!fallbackToCentre) return undefined;
  const inRatio = W / H;
  const [w, h] = inRatio < ratio[0] ? [W, Math.round(W / ratio[0])] : inRatio > ratio[1] ? [Math.round(H * ratio[1]), H] : [W, H];
  return { x: Math.floor((W - w) / 2), y: Math.floor((H - h) / 2), width: w, height: h };
}
