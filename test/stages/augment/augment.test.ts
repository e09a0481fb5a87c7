import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeline, readReplayLog, replay, sources, stages, type Sample } from '../../../src/index.js';
import type { Image } from '../../../src/core/types.js';
import { collect } from '../../helpers/images.js';

// A 24×16 RGB test card with structure in both directions.
function card(offset = 0): Image {
  const w = 24;
  const h = 16;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([(x * 10 + offset) % 256, (y * 15 + offset) % 256, ((x + y) * 7) % 256], (y * w + x) * 3);
  return { data, width: w, height: h, channels: 3 };
}
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `img${i}`, image: card(i * 9) }));
const run = async (ops: stages.AugmentNode[], { seed = 1, epoch = 0, concurrency = 4, n = 6 } = {}) =>
  collect(pipeline({ seed, concurrency }).from(sources.iterable(() => items(n))).pipe(stages.augment({ ops })).samples({ epoch }));
const bytes = (samples: Sample[]) => samples.map((s) => Array.from(s.image.data));

describe('augment composition', () => {
  const ops: stages.AugmentNode[] = [
    { op: 'randomHorizontalFlip', p: 0.5 },
    { oneOf: [{ op: 'randomRotate', degrees: 15 }, { op: 'randomAffine', shear: 10 }], p: 0.7 },
    { op: 'randomBrightnessContrast', brightness: 0.2, contrast: 0.2, p: 0.5 },
  ];

  it('does not depend on concurrency; epochs draw new params', async () => {
    const one = await run(ops, { concurrency: 1, n: 12 });
    const many = await run(ops, { concurrency: 8, n: 12 });
    expect(bytes(many)).toEqual(bytes(one));
    expect(many.map((s) => s.trace)).toEqual(one.map((s) => s.trace));
    const next = await run(ops, { epoch: 1, n: 12 });
    expect(next.map((s) => s.trace)).not.toEqual(one.map((s) => s.trace));
  });

  it('adding an op before another leaves the other’s draws unchanged', async () => {
    const brightness = { op: 'randomBrightness', p: 1 } as stages.AugmentNode;
    const alone = await run([brightness], { n: 10 });
    const after = await run([{ op: 'randomGaussianBlur', p: 1 } as stages.AugmentNode, brightness], { n: 10 });
    const factorOf = (s: Sample) => s.trace!.find((t) => t.op === 'brightness')!.params['factor'];
    expect(after.map(factorOf)).toEqual(alone.map(factorOf));
  });

  it('oneOf picks exactly one child by normalised weights; someOf applies n distinct children in order; sequence applies all', async () => {
    const one = await run([{ oneOf: [{ op: 'randomRotate' }, { op: 'randomGamma' }], weights: [3, 0] }], { n: 20 });
    expect(one.every((s) => s.trace!.length === 1 && s.trace![0]!.op === 'rotate')).toBe(true);
    const some = await run([{ someOf: [{ op: 'randomRotate' }, { op: 'randomGamma' }, { op: 'randomHue' }], n: 2 }], { n: 20 });
    for (const s of some) {
      const opsApplied = s.trace!.map((t) => t.op);
      expect(opsApplied).toHaveLength(2);
      expect(new Set(opsApplied).size).toBe(2);
      const order = ['rotate', 'gamma', 'hue'];
      expect(opsApplied.map((o) => order.indexOf(o))).toEqual([...opsApplied.map((o) => order.indexOf(o))].sort());
    }
    const seq = await run([{ sequence: [{ op: 'randomGamma' }, { op: 'randomHue' }] }]);
    expect(seq.every((s) => s.trace!.map((t) => t.op).join() === 'gamma,hue')).toBe(true);
  });

  it('p = 0 never applies; p = 1 always does', async () => {
    expect((await run([{ op: 'randomRotate', p: 0 }])).every((s) => (s.trace ?? []).length === 0)).toBe(true);
    expect((await run([{ op: 'randomRotate', p: 1 }])).every((s) => s.trace!.length === 1)).toBe(true);
  });

  it('writes a replay log that replays exactly', async () => {
    const log = path.join(mkdtempSync(path.join(os.tmpdir(), 'ganpipe-replay-')), 'replay.jsonl');
    const p = pipeline({ seed: 3 }).from(sources.iterable(() => items(5))).pipe(stages.augment({ ops, replayLog: log }));
    const out = await collect(p.samples({ epoch: 2 }));
    const lines = await readReplayLog(log);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(5);
    const originals = items(5);
    out.forEach((s, i) => {
      const line = lines.get(`${s.id}@2`)!;
      expect(Array.from(replay(originals[i]!.image, line.trace).data)).toEqual(Array.from(s.image.data));
    });
  });

  it('reports every bad entry with its path, the allowed values and "did you mean"', () => {
    let message = '';
    try {
      stages.augment({
        ops: [
          { op: 'randomHorizontalFlip', p: 1.5 },
          { oneOf: [{ op: 'randomRotat', degrees: 15 }, { op: 'randomAffine', shear: 'big' }], p: 0.7 },
          { someOf: [{ op: 'randomHue' }], n: 3 },
        ] as stages.AugmentNode[],
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('→ at ops[0].p');
    expect(message).toContain('Expected a probability in [0, 1]');
    expect(message).toContain('did you mean "randomRotate"?');
    expect(message).toContain('→ at ops[1].oneOf[0].op');
    expect(message).toContain('→ at ops[1].oneOf[1].shear');
    expect(message).toContain('→ at ops[2].n');
  });
});
