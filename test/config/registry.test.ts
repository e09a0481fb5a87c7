import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bceLoss, buildPipeline, createGanTrainer, loadPipelineFile, loadRun, modelTypes, pipelineJsonSchema, PipelineConfigError,
  registerModel, registerSource, registerStage, sources, sourceTypes, tf, type ModelContext,
} from '../../src/index.js';
import { trainFromFile } from '../../src/train/session.js';
import { collect, rampImage } from '../helpers/images.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ganpipe-registry-'));
const build = (json: unknown) => buildPipeline(json, { baseDir: tmp(), where: 'test.json' });

// A user's source: `count` synthetic 4×4 gray tiles, labelled by parity.
const tilesSchema = z.strictObject({ count: z.number().int().min(1), offset: z.number().int().default(0) });
registerSource({
  type: 'tiles',
  schema: tilesSchema,
  description: 'Synthetic 4×4 tiles.',
  create: (o: z.output<typeof tilesSchema>) =>
    sources.iterable(() => Array.from({ length: o.count }, (_, i) => ({ id: `tile:${i}`, image: rampImage(4, 4, 1, o.offset + i), label: String(i % 2) })), {
      classes: ['0', '1'],
    }),
});

// A user's model: a dense generator and discriminator sized from the image shape.
const tinySchema = z.strictObject({ units: z.number().int().min(1).default(8) });
registerModel({
  type: 'tiny-gan',
  schema: tinySchema,
  description: 'A tiny dense GAN.',
  create: (o: z.output<typeof tinySchema>, ctx: ModelContext) => {
    const [h, w, c] = ctx.imageShape;
    const generator = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [4], units: o.units, activation: 'relu' }), tf.layers.dense({ units: h * w * c, activation: 'tanh' }), tf.layers.reshape({ targetShape: [h, w, c] })],
    });
    const discriminator = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [h, w, c] }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    return createGanTrainer({ name: 'tiny-gan', generator, discriminator, latentDim: 4, loss: bceLoss('probability'), seed: ctx.seed });
  },
});

const tilesFile = (train?: Record<string, unknown>) => ({
  seed: 5,
  source: { type: 'tiles', count: 12 },
  stages: [{ type: 'normalize' }],
  batch: { size: 4 },
  ...(train ? { train } : {}),
});

describe('registerSource', () => {
  it('lets a pipeline file name a user source, built with its validated options', async () => {
    expect(sourceTypes()).toEqual(['glob', 'idx', 'tiles']);
    const p = build({ ...tilesFile(), source: { type: 'tiles', count: 3, offset: 10 } });
    const samples = await collect(p.samples());
    expect(samples.map((s) => s.id)).toEqual(['tile:0', 'tile:1', 'tile:2']);
    expect(samples[2]!.image.data[0]).toBeCloseTo((12 / 255) * 2 - 1, 5);
  });

  it("checks the source's options with JSON paths and did-you-mean, like the built-ins", () => {
    const error = (() => {
      try {
        build({ ...tilesFile(), source: { type: 'tile', count: 3 } });
      } catch (e) {
        return e as PipelineConfigError;
      }
    })();
    expect(error).toBeInstanceOf(PipelineConfigError);
    expect(error!.message).toContain('Unknown source type, received "tile" (string); did you mean "tiles"?');
    expect(() => build({ ...tilesFile(), source: { type: 'tiles', count: 0, ofset: 1 } })).toThrow(/at source\.count[\s\S]*Unknown key "ofset"; did you mean "offset"\?/);
  });

  it('appears in the JSON Schema, and a type cannot be registered twice', () => {
    expect(JSON.stringify(pipelineJsonSchema())).toContain('Synthetic 4×4 tiles.');
    expect(() => registerSource({ type: 'glob', schema: tilesSchema, description: '', create: () => sources.iterable([]) })).toThrow('source type "glob" is already registered');
    expect(() => registerStage({ type: 'resize', schema: tilesSchema, description: '', create: () => undefined as never })).toThrow('stage type "resize" is already registered');
  });
});

describe('registerModel', () => {
  it("checks a train section naming a user model against the model's schema", () => {
    expect(modelTypes()).toEqual(['mlp-gan', 'dcgan', 'cgan', 'tiny-gan']);
    expect(() => build(tilesFile({ model: 'tiny-gan', units: 0 }))).toThrow(/at train\.units/);
    expect(() => build(tilesFile({ model: 'tiny-gn' }))).toThrow(/did you mean "tiny-gan"\?/);
    expect(JSON.stringify(pipelineJsonSchema())).toContain('A tiny dense GAN.');
    expect(() => registerModel({ type: 'dcgan', schema: tinySchema, description: '', create: () => undefined as never })).toThrow('model type "dcgan" is already registered');
  });

  it('trains it from a pipeline file, and loadRun rebuilds it from the run folder', async () => {
    const dir = tmp();
    const file = path.join(dir, 'tiles.json');
    writeFileSync(file, JSON.stringify(tilesFile({ model: 'tiny-gan', units: 6, steps: 3, checkpointEvery: 3 })));
    const loaded = await loadPipelineFile(file);
    const out = path.join(dir, 'run');
    const result = await trainFromFile({ ...loaded, file }, { out });
    expect(result.steps).toBe(3);
    result.trainer.dispose();
    expect(JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8'))).toMatchObject({ model: 'tiny-gan', options: { units: 6 }, imageShape: [4, 4, 1] });
    expect(existsSync(path.join(out, 'checkpoints/latest/generator/model.json'))).toBe(true);
    const { trainer } = await loadRun(out);
    expect(trainer.name).toBe('tiny-gan');
    const images = trainer.sample(2);
    expect(images.shape).toEqual([2, 4, 4, 1]);
    images.dispose();
    trainer.dispose();
  });
});
