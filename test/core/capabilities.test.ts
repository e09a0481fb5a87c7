import { map } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  isFittable, isGrouper, isInvertible, isListingAware, isLoadHinted, isSourceRejectionObserver, isSplitter,
  pipeline, sources, stages, type Fittable, type Grouper, type Stage,
} from '../../src/index.js';
import { isCachePoint } from '../../src/core/sampleCache.js';
import { collect, rampImage } from '../helpers/images.js';

const guards = { isLoadHinted, isListingAware, isSplitter, isGrouper, isFittable, isInvertible, isSourceRejectionObserver, isCachePoint };
const capabilitiesOf = (stage: Stage) => Object.entries(guards).filter(([, has]) => has(stage)).map(([name]) => name);

describe('stage capabilities', () => {
  it('each built-in stage offers exactly its own', () => {
    expect(capabilitiesOf(stages.resize({ width: 8, height: 8 }))).toEqual(['isLoadHinted']);
    expect(capabilitiesOf(stages.split())).toEqual(['isListingAware', 'isSplitter']);
    expect(capabilitiesOf(stages.dedup())).toEqual(['isGrouper']);
    expect(capabilitiesOf(stages.normalize())).toEqual(['isInvertible']);
    expect(capabilitiesOf(stages.normalize({ mode: 'standardize' }))).toEqual(['isFittable', 'isInvertible']);
    expect(capabilitiesOf(stages.integrity())).toEqual(['isSourceRejectionObserver']);
    expect(capabilitiesOf(stages.cache())).toEqual(['isCachePoint']);
    expect(capabilitiesOf(stages.augment({ ops: [{ op: 'randomHorizontalFlip' }] }))).toEqual([]);
  });

  const source = () => sources.iterable(() => Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, image: rampImage(4, 4, 1, i) })));

  it("are recognised by shape, not by type: a user's fitting stage is fitted before the first pass", async () => {
    let fitted: number[] = [];
    const meanOfFirstPixel: Stage & Fittable = {
      type: 'myStats',
      options: {},
      fitSplit: 'train',
      async fit(ctx) {
        fitted = (await collect(ctx.upstream())).map((s) => s.image.data[0]!);
      },
      operator: () => map((s) => s),
    };
    await collect(pipeline({ seed: 1 }).from(source()).pipe(meanOfFirstPixel).samples());
    expect(fitted).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it("a user's grouper upstream makes split wait for decoded content, as dedup does", () => {
    const split = stages.split({ method: 'hash' });
    const clusters: Stage & Grouper = { type: 'clusters', options: {}, groupKey: 'group', operator: () => map((s) => s) };
    split.prepare(undefined, { seed: 1 } as never);
    expect(split.splitOfItem('s1', [])).toMatch(/^(train|test)$/);
    expect(split.splitOfItem('s1', [clusters])).toBeUndefined();
    expect(split.splitOfItem('s1', [stages.dedup()])).toBeUndefined();
    const byCluster: Stage & Grouper = { ...clusters, groupKey: 'cluster' };
    expect(split.splitOfItem('s1', [byCluster])).toBeDefined();
  });
});
