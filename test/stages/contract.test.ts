import { describe, expect, it } from 'vitest';
import { firstValueFrom, Subject, toArray } from 'rxjs';
import { PipelineConfigError, rngFor, stageTypes, type StageContext } from '../../src/index.js';
import { stageDefinition } from '../../src/config/registry.js';
import { isListingAware } from '../../src/core/capabilities.js';
import type { Sample } from '../../src/core/types.js';
import { rampImage, sleep } from '../helpers/images.js';

// Options that make each registered stage do real work on small 8-bit images.
const workingOptions: Record<string, Record<string, unknown>> = {
  resize: { width: 8, height: 8 },
  dedup: { policy: 'flag' },
  integrity: { minPixels: 1 },
  split: { ratios: { train: 0.5, test: 0.5 } },
  morphology: { operation: 'open' },
  augment: { ops: [{ op: 'randomHorizontalFlip' }, { oneOf: [{ op: 'randomRotate' }, { op: 'randomBrightnessContrast' }] }] },
};

const context = (rejected: string[]): StageContext => ({
  seed: 1,
  epoch: 0,
  concurrency: 3,
  stageKey: 'test#0',
  rng: (id) => rngFor(1, 'test#0', 0, id),
  reject: (s) => rejected.push(s.id),
});

const samples = (n: number): Sample[] => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, image: rampImage(12, 12, 3, i * 17), meta: {} }));

// Every registered stage meets the same contract (torchvision's test_common, for our stages).
describe.each(stageTypes())('stage contract: %s', (type) => {
  const def = stageDefinition(type)!;
  // A stage as a pipeline would start it: prepared with the listing, then its operator.
  const operator = (rejected: string[]) => {
    const stage = def.create((workingOptions[type] ?? {}) as never);
    const ctx = context(rejected);
    if (isListingAware(stage)) stage.prepare(samples(20).map((s) => ({ id: s.id })), ctx);
    return stage.operator(ctx);
  };

  it('keeps order, completes, and accounts for every sample', async () => {
    const rejected: string[] = [];
    const input = samples(20);
    const subject = new Subject<Sample>();
    const out = firstValueFrom(subject.pipe(operator(rejected), toArray()));
    input.forEach((s) => subject.next(s));
    subject.complete();
    const result = await out;
    expect([...result.map((s) => s.id), ...rejected].sort()).toEqual(input.map((s) => s.id).sort());
    const order = result.map((s) => Number(s.id.slice(1)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('tears down on unsubscribe: nothing is emitted after it', async () => {
    const seen: string[] = [];
    const subject = new Subject<Sample>();
    const sub = subject.pipe(operator([])).subscribe((s) => seen.push(s.id));
    samples(5).forEach((s) => subject.next(s));
    sub.unsubscribe();
    const count = seen.length;
    await sleep(20);
    expect(seen.length).toBe(count);
    expect(subject.observed).toBe(false);
  });

  it('rejects unknown options at construction, naming the key', () => {
    expect(() => def.create({ ...(workingOptions[type] ?? {}), bogusOption: 1 } as never)).toThrow(PipelineConfigError);
    expect(() => def.create({ ...(workingOptions[type] ?? {}), bogusOption: 1 } as never)).toThrow(/Unknown key "bogusOption"/);
  });
});
