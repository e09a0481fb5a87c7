import sharp from 'sharp';
import type { Tensor4D } from '@tensorflow/tfjs';
import { tf } from '../backend/tf.js';
import { isFittable, isInvertible } from '../core/capabilities.js';
import type { Stage } from '../core/stage.js';
import { stableHash } from '../core/rng.js';
import type { GanTrainer } from '../core/trainer.js';

/** Maps generated values back to 0..255 pixel units (a fitted normalize's inverse). */
export type ToPixels = (values: Float32Array, channels: number) => Float32Array;

/**
 * How the grids map generated values to pixels: through the last invertible stage when its map
 * was fitted to the data (normalize's minmax, standardize, center); a fixed map (normalize's
 * `range` mode) leaves the default, [-1, 1] as tanh generators output.
 */
function gridPixels(stages: readonly Stage[]): ToPixels | undefined {
  const last = stages.findLast(isInvertible);
  return last && isFittable(last) ? (values, channels) => last.inverse(values, channels) : undefined;
}

/**
 * 8-bit pixels of generated images: values in [-1, 1] (tanh generators), or any normalized
 * range mapped back through `toPixels`; rounded and clipped to 0..255.
 */
export async function pixelBytes(images: Tensor4D, toPixels?: ToPixels): Promise<Uint8Array> {
  const raw = toPixels ? toPixels((await images.data()) as Float32Array, images.shape[3]) : undefined;
  const pixels = tf.tidy(() => tf.clipByValue(raw ? tf.tensor(raw) : tf.add(tf.mul(images, 127.5), 127.5), 0, 255).round().cast('int32'));
  const data = Uint8Array.from(await pixels.data());
  pixels.dispose();
  return data;
}

/**
 * Tiles images in [-1, 1] (`[N, H, W, C]`), or mapped to 0..255 by `toPixels`, into one PNG, `columns` wide, with a 2-pixel gutter,
 * scaled up `scale`× (nearest) so small digits are visible.
 */
export async function imageGrid(
  images: Tensor4D,
  { columns = 8, scale = 2, toPixels }: { columns?: number; scale?: number; toPixels?: ToPixels | undefined } = {},
): Promise<Buffer> {
  const [n, h, w, c] = images.shape;
  const data = await pixelBytes(images, toPixels);
  const rows = Math.ceil(n / columns);
  const pad = 2;
  const outC = c === 1 ? 1 : 3;
  const W = columns * (w + pad) + pad;
  const H = rows * (h + pad) + pad;
  const out = new Uint8Array(W * H * outC).fill(40);
  for (let i = 0; i < n; i++) {
    const ox = pad + (i % columns) * (w + pad);
    const oy = pad + Math.floor(i / columns) * (h + pad);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let k = 0; k < outC; k++) out[((oy + y) * W + ox + x) * outC + k] = data[((i * h + y) * w + x) * c + k]!;
      }
    }
  }
  return sharp(out, { raw: { width: W, height: H, channels: outC } })
    .resize(W * scale, H * scale, { kernel: 'nearest' })
    .png()
    .toBuffer();
}

/** The grids a training run writes as it goes. The caller disposes it. */
export interface ProgressGrid {
  /** A PNG of the trainer's current images for the grid's fixed inputs. */
  png(): Promise<Buffer>;
  dispose(): void;
}

/**
 * Fixed latents (and labels) for the progress grids, so every grid shows the same images, better
 * over time: 64 images, or 8 per class for conditional models (one class per column). Values are
 * mapped to pixels as `gridPixels(stages)` says.
 */
export function progressGrid(trainer: GanTrainer, seed: number | string, stages: readonly Stage[]): ProgressGrid {
  const conditional = trainer.numClasses > 0;
  const n = conditional ? trainer.numClasses * 8 : 64;
  const latents = tf.randomNormal([n, trainer.latentDim], 0, 1, 'float32', stableHash(`${seed}/grid`));
  const labels = conditional ? Array.from({ length: n }, (_, i) => i % trainer.numClasses) : undefined;
  const columns = conditional ? trainer.numClasses : 8;
  const toPixels = gridPixels(stages);
  return {
    async png() {
      const images = trainer.sample(n, { latents, ...(labels ? { labels } : {}) });
      try {
        return await imageGrid(images, { columns, toPixels });
      } finally {
        images.dispose();
      }
    },
    dispose: () => latents.dispose(),
  };
}
