import { z } from 'zod';
import { uniform, randomInt, type Rng } from '../../core/rng.js';
import type { TraceEntry } from '../../core/types.js';

/** What a sampler may know of the image it draws for. */
export interface ImageShape {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** True for float32 images (value range 0..1), false for uint8 (0..255). */
  readonly float: boolean;
}

/** A random augmentation: options in, a draw of deterministic ops (with their params) out. */
export interface RandomOpDefinition {
  readonly name: string;
  /** Options, including `p` (its default is the op's usual one). */
  readonly schema: z.ZodObject;
  readonly description: string;
  /** Draws the params of one application (after `p` said yes). */
  sample(rng: Rng, options: Record<string, unknown>, image: ImageShape): TraceEntry[];
}

const prob = (p: number) => z.number().min(0, { error: 'Expected a probability in [0, 1]' }).max(1, { error: 'Expected a probability in [0, 1]' }).default(p);
const span = z.union([z.number().min(0), z.tuple([z.number(), z.number()]).refine(([a, b]) => a <= b, { error: 'Expected [min, max] with min ≤ max' })]);
const interpolation = z.enum(['nearest', 'bilinear']).default('bilinear');
const border = z.enum(['constant', 'reflect', 'edge']).default('constant');
const fillValue = z.number().default(0);
const geometry = { interpolation, border, fillValue };

/** `v` → [-v, v]; `[a, b]` stays. */
const symmetric = (v: unknown): [number, number] => (Array.isArray(v) ? (v as [number, number]) : [-(v as number), v as number]);
/** `v` → [1 − v, 1 + v] (factors); `[a, b]` stays. */
const aroundOne = (v: unknown): [number, number] => (Array.isArray(v) ? (v as [number, number]) : [Math.max(0, 1 - (v as number)), 1 + (v as number)]);
const draw = (rng: Rng, [lo, hi]: [number, number]) => uniform(rng, lo, hi);
const seedOf = (rng: Rng) => Math.floor(rng() * 2 ** 31);
const geo = (o: Record<string, unknown>) => ({ interpolation: o['interpolation'], border: o['border'], fillValue: o['fillValue'] });

/** Every random op an `augment` stage can name (`"op"`), after torchvision and albumentations. */
export const randomOps: readonly RandomOpDefinition[] = [
  {
    name: 'randomHorizontalFlip',
    schema: z.strictObject({ p: prob(0.5) }),
    description: 'Mirror left–right.',
    sample: () => [{ op: 'horizontalFlip', params: {} }],
  },
  {
    name: 'randomVerticalFlip',
    schema: z.strictObject({ p: prob(0.5) }),
    description: 'Mirror top–bottom.',
    sample: () => [{ op: 'verticalFlip', params: {} }],
  },
  {
    name: 'randomRotate',
    schema: z.strictObject({ p: prob(1), degrees: span.default(15), ...geometry }),
    description: 'Rotate about the centre by an angle in ±degrees (or [min, max]), counter-clockwise.',
    sample: (rng, o) => [{ op: 'rotate', params: { angle: draw(rng, symmetric(o['degrees'])), ...geo(o) } }],
  },
  {
    name: 'randomTranslate',
    schema: z.strictObject({ p: prob(1), fraction: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).default([0.1, 0.1]), border: border, fillValue }),
    description: 'Shift by whole pixels, up to a fraction of the width and height.',
    sample: (rng, o, img) => {
      const [fx, fy] = o['fraction'] as [number, number];
      const mx = Math.floor(fx * img.width);
      const my = Math.floor(fy * img.height);
      return [{ op: 'translate', params: { dx: randomInt(rng, -mx, mx), dy: randomInt(rng, -my, my), interpolation: 'nearest', border: o['border'], fillValue: o['fillValue'] } }];
    },
  },
  {
    name: 'randomScale',
    schema: z.strictObject({ p: prob(1), scale: z.tuple([z.number().positive(), z.number().positive()]).default([0.9, 1.1]), ...geometry }),
    description: 'Zoom about the centre by a factor in [min, max], same output size.',
    sample: (rng, o) => [{ op: 'scale', params: { factor: draw(rng, o['scale'] as [number, number]), ...geo(o) } }],
  },
  {
    name: 'randomAffine',
    schema: z.strictObject({
      p: prob(1),
      degrees: span.default(0),
      translate: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).default([0, 0]),
      scale: z.tuple([z.number().positive(), z.number().positive()]).default([1, 1]),
      shear: z.union([z.number().min(0), z.array(z.number()).length(2), z.array(z.number()).length(4)]).default(0),
      ...geometry,
    }),
    description: 'Rotation, translation (fractions), scale and shear in degrees (x: ±s or [a, b]; [a, b, c, d] adds y), torchvision-style.',
    sample: (rng, o, img) => {
      const [tx, ty] = o['translate'] as [number, number];
      const shear = o['shear'] as number | number[];
      const sx = typeof shear === 'number' ? symmetric(shear) : ([shear[0]!, shear[1]!] as [number, number]);
      const sy: [number, number] = Array.isArray(shear) && shear.length === 4 ? [shear[2]!, shear[3]!] : [0, 0];
      return [
        {
          op: 'affine',
          params: {
            angle: draw(rng, symmetric(o['degrees'])),
            translate: [Math.round(draw(rng, [-tx * img.width, tx * img.width])), Math.round(draw(rng, [-ty * img.height, ty * img.height]))],
            scale: draw(rng, o['scale'] as [number, number]),
            shear: [draw(rng, sx), draw(rng, sy)],
            ...geo(o),
          },
        },
      ];
    },
  },
  {
    name: 'randomCrop',
    schema: z.strictObject({ p: prob(1), width: z.number().int().min(1), height: z.number().int().min(1), padding: z.number().int().min(0).default(0), fillValue }),
    description: 'A width×height crop at a random position, after optional padding.',
    sample: (rng, o, img) => {
      const pad = o['padding'] as number;
      const [w, h] = [o['width'] as number, o['height'] as number];
      return [{ op: 'crop', params: { x: randomInt(rng, 0, Math.max(0, img.width + 2 * pad - w)), y: randomInt(rng, 0, Math.max(0, img.height + 2 * pad - h)), width: w, height: h, padding: pad, fillValue: o['fillValue'] } }];
    },
  },
  {
    name: 'randomResizedCrop',
    schema: z.strictObject({
      p: prob(1),
      width: z.number().int().min(1),
      height: z.number().int().min(1),
      scale: z.tuple([z.number().positive().max(1), z.number().positive().max(1)]).default([0.08, 1]),
      ratio: z.tuple([z.number().positive(), z.number().positive()]).default([3 / 4, 4 / 3]),
      interpolation,
    }),
    description: 'A crop of random area (scale) and aspect (ratio) resized to width×height (torchvision RandomResizedCrop).',
    sample: (rng, o, img) => {
      const box = resizedCropBox(rng, img.width, img.height, o['scale'] as [number, number], o['ratio'] as [number, number]);
      return [{ op: 'resizedCrop', params: { ...box, outWidth: o['width'], outHeight: o['height'], interpolation: o['interpolation'] } }];
    },
  },
  {
    name: 'randomPerspective',
    schema: z.strictObject({ p: prob(1), distortion: z.number().min(0).max(1).default(0.3), ...geometry }),
    description: 'Move each corner inwards by up to distortion × half the side (torchvision RandomPerspective).',
    sample: (rng, o, img) => {
      const d = o['distortion'] as number;
      const [w, h] = [img.width - 1, img.height - 1];
      const hx = Math.floor((d * img.width) / 2);
      const hy = Math.floor((d * img.height) / 2);
      const corners = [
        [randomInt(rng, 0, hx), randomInt(rng, 0, hy)],
        [w - randomInt(rng, 0, hx), randomInt(rng, 0, hy)],
        [w - randomInt(rng, 0, hx), h - randomInt(rng, 0, hy)],
        [randomInt(rng, 0, hx), h - randomInt(rng, 0, hy)],
      ];
      return [{ op: 'perspective', params: { corners, ...geo(o) } }];
    },
  },
  {
    name: 'randomElastic',
    schema: z.strictObject({ p: prob(1), alpha: z.number().min(0).default(34), sigma: z.number().positive().default(4), ...geometry }),
    description: 'Elastic distortion (Simard et al. 2003): a smoothed random displacement field; alpha 34, sigma 4 suit MNIST.',
    sample: (rng, o) => [{ op: 'elastic', params: { alpha: o['alpha'], sigma: o['sigma'], seed: seedOf(rng), ...geo(o) } }],
  },
  {
    name: 'randomBrightnessContrast',
    schema: z.strictObject({ p: prob(1), brightness: span.default(0.2), contrast: span.default(0.2) }),
    description: 'Brightness and contrast factors in 1 ± v (or [min, max]).',
    sample: (rng, o) => [
      { op: 'brightness', params: { factor: draw(rng, aroundOne(o['brightness'])) } },
      { op: 'contrast', params: { factor: draw(rng, aroundOne(o['contrast'])) } },
    ],
  },
  {
    name: 'randomBrightness',
    schema: z.strictObject({ p: prob(1), brightness: span.default(0.2) }),
    description: 'Multiply by a factor in 1 ± v.',
    sample: (rng, o) => [{ op: 'brightness', params: { factor: draw(rng, aroundOne(o['brightness'])) } }],
  },
  {
    name: 'randomContrast',
    schema: z.strictObject({ p: prob(1), contrast: span.default(0.2) }),
    description: 'Blend with the mean gray level by a factor in 1 ± v.',
    sample: (rng, o) => [{ op: 'contrast', params: { factor: draw(rng, aroundOne(o['contrast'])) } }],
  },
  {
    name: 'randomSaturation',
    schema: z.strictObject({ p: prob(1), saturation: span.default(0.2) }),
    description: 'Blend with the grayscale image by a factor in 1 ± v.',
    sample: (rng, o) => [{ op: 'saturation', params: { factor: draw(rng, aroundOne(o['saturation'])) } }],
  },
  {
    name: 'randomHue',
    schema: z.strictObject({ p: prob(1), hue: z.number().min(0).max(0.5).default(0.05) }),
    description: 'Shift the hue by up to ±hue of a turn.',
    sample: (rng, o) => [{ op: 'hue', params: { shift: draw(rng, symmetric(o['hue'])) } }],
  },
  {
    name: 'randomGamma',
    schema: z.strictObject({ p: prob(1), gamma: z.tuple([z.number().positive(), z.number().positive()]).default([0.8, 1.25]) }),
    description: 'Gamma correction with gamma in [min, max].',
    sample: (rng, o) => [{ op: 'gamma', params: { gamma: draw(rng, o['gamma'] as [number, number]) } }],
  },
  {
    name: 'randomGrayscale',
    schema: z.strictObject({ p: prob(0.1) }),
    description: 'Convert to gray (channel count kept).',
    sample: () => [{ op: 'grayscale', params: {} }],
  },
  {
    name: 'randomGaussianNoise',
    schema: z.strictObject({ p: prob(1), sigma: z.tuple([z.number().min(0), z.number().min(0)]).default([0.01, 0.05]) }),
    description: 'Additive Gaussian noise; sigma as a fraction of the value range.',
    sample: (rng, o, img) => [{ op: 'gaussianNoise', params: { sigma: draw(rng, o['sigma'] as [number, number]) * (img.float ? 1 : 255), seed: seedOf(rng) } }],
  },
  {
    name: 'randomSaltPepper',
    schema: z.strictObject({ p: prob(1), amount: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).default([0.01, 0.05]) }),
    description: 'Set a fraction of pixels to the minimum or maximum value.',
    sample: (rng, o) => [{ op: 'saltPepper', params: { amount: draw(rng, o['amount'] as [number, number]), seed: seedOf(rng) } }],
  },
  {
    name: 'randomGaussianBlur',
    schema: z.strictObject({ p: prob(1), sigma: z.tuple([z.number().positive(), z.number().positive()]).default([0.1, 2]) }),
    description: 'Gaussian blur with sigma in [min, max] pixels.',
    sample: (rng, o) => [{ op: 'gaussianBlur', params: { sigma: draw(rng, o['sigma'] as [number, number]) } }],
  },
  {
    name: 'randomErasing',
    schema: z.strictObject({
      p: prob(0.5),
      scale: z.tuple([z.number().positive().max(1), z.number().positive().max(1)]).default([0.02, 0.33]),
      ratio: z.tuple([z.number().positive(), z.number().positive()]).default([0.3, 3.3]),
      value: z.number().default(0),
    }),
    description: 'Cutout / random erasing (Zhong et al. 2017): fill a random box of random area and aspect.',
    sample: (rng, o, img) => {
      const box = resizedCropBox(rng, img.width, img.height, o['scale'] as [number, number], o['ratio'] as [number, number], false);
      // No box fitted in 10 attempts: erase nothing, as torchvision does.
      return box.width === 0 ? [] : [{ op: 'erase', params: { ...box, value: o['value'] } }];
    },
  },
];

/**
 * torchvision's box sampler: area in `scale` of the image, log-uniform aspect in `ratio`,
 * 10 attempts, then (for crops) the central crop with the aspect clamped into `ratio`.
 */
function resizedCropBox(rng: Rng, W: number, H: number, scale: [number, number], ratio: [number, number], fallbackToCentre = true) {
  const area = W * H;
  const [lr0, lr1] = [Math.log(ratio[0]), Math.log(ratio[1])];
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * uniform(rng, scale[0], scale[1]);
    const aspect = Math.exp(uniform(rng, lr0, lr1));
    const w = Math.round(Math.sqrt(target * aspect));
    const h = Math.round(Math.sqrt(target / aspect));
    if (w > 0 && h > 0 && w <= W && h <= H) return { x: randomInt(rng, 0, W - w), y: randomInt(rng, 0, H - h), width: w, height: h };
  }
  if (!fallbackToCentre) return { x: 0, y: 0, width: 0, height: 0 };
  const inRatio = W / H;
  const [w, h] = inRatio < ratio[0] ? [W, Math.round(W / ratio[0])] : inRatio > ratio[1] ? [Math.round(H * ratio[1]), H] : [W, H];
  return { x: Math.floor((W - w) / 2), y: Math.floor((H - h) / 2), width: w, height: h };
}

/** The random op named `name`. */
export function randomOp(name: string): RandomOpDefinition | undefined {
  return randomOps.find((o) => o.name === name);
}
