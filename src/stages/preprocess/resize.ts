import sharp from 'sharp';
import { z } from 'zod';
import { parseOptions } from '../../config/parse.js';
import { mapEachSample, type Stage } from '../../core/stage.js';
import type { LoadHinted } from '../../core/capabilities.js';
import { SampleError } from '../../core/errors.js';
import { withSample, type Image } from '../../core/types.js';
import { stageBaseShape } from '../common.js';
import { takeResizedOnLoad } from '../../sources/source.js';

const size = z.number().int().min(1, { error: 'Expected integer between 1 and 16384' }).max(16384, {
  error: 'Expected integer between 1 and 16384',
});
const channel = z.number().int().min(0).max(255);

export const resizeOptionsSchema = z.strictObject({
  ...stageBaseShape,
  /** Output width in pixels. */
  width: size,
  /** Output height in pixels. */
  height: size,
  /**
   * How the image fits the box: `cover` crops to fill it, `contain` pads (with `background`),
   * `fill` stretches (aspect ratio not kept), `inside` keeps the aspect ratio within the box
   * (sizes may then differ, which batching refuses). @default "cover"
   */
  fit: z.enum(['cover', 'contain', 'fill', 'inside']).default('cover'),
  /** Resampling kernel. @default "lanczos3" */
  kernel: z.enum(['nearest', 'linear', 'cubic', 'mitchell', 'lanczos2', 'lanczos3']).default('lanczos3'),
  /** Pad colour for `contain`, 0..255 per channel (gray, RGB or RGBA). @default [0, 0, 0] */
  background: z.array(channel).min(1).max(4).default([0, 0, 0]),
});

export type ResizeOptions = z.input<typeof resizeOptionsSchema>;
export type ResolvedResizeOptions = z.output<typeof resizeOptionsSchema>;

/**
 * Resizes every (8-bit) image with sharp (libvips).
 *
 * @example JSON: `{ "type": "resize", "width": 64, "height": 64, "fit": "cover" }`
 * @example TS: `stages.resize({ width: 64, height: 64, fit: 'cover' })`
 * @throws PipelineConfigError on bad options.
 */
export function resize(options: ResizeOptions): Stage<ResolvedResizeOptions> & LoadHinted {
  const o = parseOptions(resizeOptionsSchema, options, 'resize');
  return {
    type: 'resize',
    options: o,
    id: o.id,
    // First after a glob source, JPEGs arrive resized already (decoded at reduced scale).
    loadHint: { resize: { width: o.width, height: o.height, fit: o.fit, kernel: o.kernel, background: o.background } },
    operator: (ctx) =>
      mapEachSample(ctx, async (sample) =>
        takeResizedOnLoad(sample.image.data) ? sample : withSample(sample, { image: await resizeImage(sample.image, o, sample.id) }),
      ),
  };
}

/**
 * Resizes one 8-bit image; the op behind the `resize` stage.
 * @throws SampleError for float images: libvips' float colour handling is unreliable, so
 * resize before `normalize`.
 */
export async function resizeImage(image: Image, o: Omit<ResolvedResizeOptions, 'id'>, id = 'image'): Promise<Image> {
  if (image.data instanceof Float32Array) {
    throw new SampleError(`resize: ${JSON.stringify(id)} holds float pixels; put resize before normalize (resize works on 8-bit images)`, id);
  }
  if (image.width === o.width && image.height === o.height) return image;
  const [r = 0, g = r, b = r, a = 255] = o.background;
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels },
  })
    .resize({ width: o.width, height: o.height, fit: o.fit, kernel: o.kernel, background: { r, g, b, alpha: a / 255 } })
    // A 1-channel raw input would otherwise come out as sRGB.
    .toColourspace(image.channels === 1 ? 'b-w' : 'srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: image.channels };
}
