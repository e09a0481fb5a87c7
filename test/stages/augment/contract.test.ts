import { describe, expect, it } from 'vitest';
import { pipeline, randomOpDefinition, randomOpNames, replay, rngFor, sources, stages, type Sample } from '../../../src/index.js';
import type { Channels, Image, TraceEntry } from '../../../src/core/types.js';
import { traceOf } from '../../../src/stages/augment/randomOp.js';
import { collect } from '../../helpers/images.js';

// A w×h test card with structure in both directions, uint8 or float32 in [0, 1].
function card(width: number, height: number, channels: Channels, float: boolean, offset = 0): Image {
  const data = float ? new Float32Array(width * height * channels) : new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < channels; k++) {
        const v = ((k === 0 ? x * 10 : k === 1 ? y * 15 : (x + y) * 7) + offset) % 256;
        data[(y * width + x) * channels + k] = float ? v / 255 : v;
      }
    }
  }
  return { data, width, height, channels };
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `img${i}`, image: card(24, 16, 3, false, i * 9) }));
const run = async (ops: stages.AugmentNode[], seed = 1) =>
  collect(pipeline({ seed, concurrency: 4 }).from(sources.iterable(() => items(6))).pipe(stages.augment({ ops })).samples());
const bytes = (samples: Sample[]) => samples.map((s) => Array.from(s.image.data));
// Byte equality without vitest's element-by-element diffing (thousands of calls here).
const sameBytes = (a: Image['data'], b: Image['data']) => a.constructor === b.constructor && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

// Every registered random op meets the same contract (the built-ins, and any op a user registers
// before this file runs); torchvision's test_transforms_v2 checks, for our registry.
describe.each(randomOpNames())('random op contract: %s', (name) => {
  const def = randomOpDefinition(name)!;
  const node = { op: name, ...def.example, p: 1 } as stages.AugmentNode;
  const options = def.schema.parse({ ...def.example });
  // Parameter-free ops (flips, grayscale) draw nothing, so seeds cannot change their output.
  const drawsParams = Array.from({ length: 20 }, (_, seed) => JSON.stringify(def.sample(rngFor(seed, 'c', 0, 'x'), options, { width: 24, height: 16, channels: 3, float: false })));
  const random = new Set(drawsParams).size > 1;

  it('declares a description, a strict schema with `p`, and steps', () => {
    expect(def.description.length).toBeGreaterThan(0);
    expect(def.schema.shape).toHaveProperty('p');
    expect(def.apply.length).toBeGreaterThan(0);
    expect(() => def.schema.parse({ ...def.example, unknownOption: 1 })).toThrow();
  });

  it('same seed → identical output; another seed → different; replay reproduces it byte for byte', async () => {
    const a = await run([node]);
    const b = await run([node]);
    expect(bytes(b)).toEqual(bytes(a));
    if (random) expect(bytes(await run([node], 2))).not.toEqual(bytes(a));
    const originals = items(6);
    a.forEach((s, i) => {
      expect(s.trace!.length).toBeGreaterThan(0);
      expect(Array.from(replay(originals[i]!.image, s.trace!).data)).toEqual(Array.from(s.image.data));
    });
  });

  it('draws params its ops accept, on uint8 and float32 images of 1, 3 and 4 channels and other sizes; replaying the JSON trace gives the same bytes', () => {
    for (const float of [false, true]) {
      for (const channels of [1, 3, 4] as const) {
        // Sizes every op's example fits (randomCrop's 12×10 after padding 2).
        for (const [width, height] of [[24, 16], [13, 11], [12, 17]] as const) {
          const image = card(width, height, channels, float, 3);
          const shape = { width, height, channels, float };
          for (let seed = 0; seed < (width === 24 ? 40 : 10); seed++) {
            const trace = traceOf(def, def.sample(rngFor(seed, 'contract', 0, 'x'), options, shape));
            const out = replay(image, trace);
            const at = `${float ? 'float32' : 'uint8'} ${channels}ch ${width}×${height} seed ${seed}`;
            expect(out.data, at).toBeInstanceOf(float ? Float32Array : Uint8Array);
            expect(out.channels, at).toBe(channels);
            expect(out.data.length, at).toBe(out.width * out.height * channels);
            if (float) expect(out.data.every(Number.isFinite), at).toBe(true);
            // A replay log stores traces as JSON (where −0 becomes 0): replaying it gives the same bytes.
            const logged = JSON.parse(JSON.stringify(trace)) as TraceEntry[];
            expect(sameBytes(replay(image, logged).data, out.data), at).toBe(true);
          }
        }
      }
    }
  });

  it('rejects an unknown option, naming it, its path and the allowed keys', () => {
    expect(() => stages.augment({ ops: [{ ...node, zzz: 1 } as unknown as stages.AugmentNode] })).toThrow(
      new RegExp(`Unknown key "zzz"; allowed: ${[...Object.keys(def.schema.shape), 'id'].join(', ')}\\n {2}→ at ops\\[0\\]\\.zzz`),
    );
  });
});
