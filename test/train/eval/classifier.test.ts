import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeline, sources, stages, tf } from '../../../src/index.js';
import { classifierPlaces, featureClassifier, type ClassifierPlaces, type ImageSet } from '../../../src/train/eval/classifier.js';

const root = path.resolve(__dirname, '../../..');

// `count` MNIST digits in [-1, 1], from `start`.
async function digits(start: number, count: number): Promise<ImageSet> {
  const p = pipeline({ seed: 1 })
    .from(sources.idx({ images: path.join(root, 'fixtures/mnist/images-idx3-ubyte.gz'), labels: path.join(root, 'fixtures/mnist/labels-idx1-ubyte.gz'), limit: start + count }))
    .pipe(stages.normalize({ range: [-1, 1] }));
  const images = new Float32Array(count * 784);
  const labels = new Int32Array(count);
  let i = 0;
  for await (const s of p.samples()) {
    if (i++ < start) continue;
    images.set(s.image.data, (i - 1 - start) * 784);
    labels[i - 1 - start] = Number(s.label);
  }
  return { images, labels, shape: [28, 28, 1], count };
}

const places = (): ClassifierPlaces => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ganpipe-clf-'));
  return { runDir: path.join(dir, 'run', 'classifier'), shipped: [], cacheDir: path.join(dir, 'cache') };
};

describe('featureClassifier', () => {
  it('trains once per dataset, stores it keyed by a hash of the data, and reuses it from the cache or the run folder', async () => {
    const [train, test] = await Promise.all([digits(0, 400), digits(400, 100)]);
    const where = places();
    const log: string[] = [];
    const first = await featureClassifier(where, train, test, 10, (m) => log.push(m));
    expect(log.some((m) => m.startsWith('classifier: training on 400 images'))).toBe(true);
    expect(first.accuracy).toBeGreaterThan(0.6); // 400 digits, 8 epochs: far above chance (0.1)
    const [key] = readdirSync(where.cacheDir);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    for (const dir of [path.join(where.cacheDir, key!), where.runDir]) {
      expect(JSON.parse(readFileSync(path.join(dir, 'classifier.json'), 'utf8'))).toMatchObject({ dataKey: key, trainImages: 400, testImages: 100 });
      expect(existsSync(path.join(dir, 'model.json'))).toBe(true);
    }
    // Another run folder, same data: taken from the cache, same accuracy (measured anew).
    const other = { ...where, runDir: path.join(where.runDir, '..', '..', 'other', 'classifier') };
    const log2: string[] = [];
    const second = await featureClassifier(other, train, test, 10, (m) => log2.push(m));
    expect(log2.join('\n')).toContain(`reusing the one trained on the same data (${path.join(where.cacheDir, key!)})`);
    expect(second.accuracy).toBe(first.accuracy);
    expect(existsSync(path.join(other.runDir, 'model.json'))).toBe(true);
    first.model.dispose();
    second.model.dispose();
  });

  it('does not reuse a classifier of other data, even in the run folder', async () => {
    const [a, b, test] = await Promise.all([digits(0, 200), digits(200, 200), digits(400, 50)]);
    const where = places();
    const first = await featureClassifier(where, a, test, 10, () => {});
    const log: string[] = [];
    const second = await featureClassifier(where, b, test, 10, (m) => log.push(m));
    expect(log.some((m) => m.startsWith('classifier: training on 200 images'))).toBe(true);
    expect(readdirSync(where.cacheDir)).toHaveLength(2);
    first.model.dispose();
    second.model.dispose();
  });

  it('ships the built-in MNIST classifier, so eval on it trains nothing', () => {
    const [shipped] = classifierPlaces('/tmp/x').shipped;
    const folders = readdirSync(shipped!).filter((f) => /^[0-9a-f]{32}$/.test(f));
    expect(folders.length).toBeGreaterThan(0);
    for (const f of folders) {
      const info = JSON.parse(readFileSync(path.join(shipped!, f, 'classifier.json'), 'utf8'));
      expect(info.dataKey).toBe(f);
      expect(info.accuracy).toBeGreaterThan(0.97);
    }
  });
});
