/**
 * Near-duplicate search over 64-bit hashes: BK-tree vs multi-index hashing vs brute force.
 *
 * For 100k and 1M random hashes, 1% of them planted copies of another entry with 1–6 bits flipped.
 * Every index is exact, so recall on the planted pairs should be 1; the brute-force scan on a
 * subsample of queries is the in-run reference for both the answers and the time.
 *
 * Run: npx tsx bench/dedupIndex.ts [radius=10] [sizes=100000,1000000]
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import seedrandom from 'seedrandom';
import { BkTree, hashWords, type HashIndex } from '../src/ops/quality/bkTree.js';
import { popcount32 } from '../src/ops/quality/hash.js';
import { MultiIndexHash } from '../src/ops/quality/multiIndexHash.js';

const radius = Number(process.argv[2] ?? 10);
const sizes = (process.argv[3] ?? '100000,1000000').split(',').map(Number);
const PLANTED_SHARE = 0.01;
const BRUTE_QUERIES = 200;
// The BK-tree visits a large part of the tree at radius 10 on random hashes: cap its queries.
const BK_MAX_QUERIES = 500;

// Heap deltas are only meaningful after a full collection.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

interface Dataset {
  hashes: bigint[];
  /** [planted entry, entry it copies] */
  planted: [number, number][];
}

function randomWord(rng: () => number): bigint {
  return BigInt(Math.floor(rng() * 2 ** 32));
}

function makeDataset(n: number, seed: string): Dataset {
  const rng = seedrandom(seed);
  const base = n - Math.round(n * PLANTED_SHARE);
  const hashes: bigint[] = [];
  for (let i = 0; i < base; i++) hashes.push((randomWord(rng) << 32n) | randomWord(rng));
  const planted: [number, number][] = [];
  while (hashes.length < n) {
    const source = Math.floor(rng() * base);
    const flips = 1 + Math.floor(rng() * 6);
    let mask = 0n;
    while (popcount64(mask) < flips) mask |= 1n << BigInt(Math.floor(rng() * 64));
    planted.push([hashes.length, source]);
    hashes.push(hashes[source]! ^ mask);
  }
  return { hashes, planted };
}

function popcount64(x: bigint): number {
  const [hi, lo] = hashWords(x);
  return popcount32(hi) + popcount32(lo);
}

/** Heap plus typed-array stores; collects twice around a turn of the event loop, since array buffers are freed after the sweep. */
async function heapBytes(): Promise<number> {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Brute force over typed arrays: the fastest plain scan, as the reference. */
function bruteForce(hi: Int32Array, lo: Int32Array, query: bigint, r: number): number[] {
  const [qh, ql] = hashWords(query);
  const out: number[] = [];
  for (let i = 0; i < hi.length; i++) {
    if (popcount32(qh ^ hi[i]!) + popcount32(ql ^ lo[i]!) <= r) out.push(i);
  }
  return out;
}

interface Row {
  n: number;
  index: string;
  buildS: number;
  bytesPerEntry: number;
  queries: number;
  msPerQuery: number;
  recall: number;
  bruteMsPerQuery: number;
  sameAsBrute: string;
}

async function measure(
  name: string,
  make: () => HashIndex<number>,
  data: Dataset,
  maxQueries: number,
  brute: Map<number, number[]>,
  bruteMs: number,
): Promise<Row> {
  const before = await heapBytes();
  const t0 = performance.now();
  const index = make();
  data.hashes.forEach((h, i) => index.insert(h, i));
  const buildS = (performance.now() - t0) / 1000;
  const bytesPerEntry = ((await heapBytes()) - before) / data.hashes.length;

  const step = Math.max(1, Math.floor(data.planted.length / maxQueries));
  const sample = data.planted.filter((_, i) => i % step === 0).slice(0, maxQueries);
  let hits = 0;
  const t1 = performance.now();
  for (const [entry, source] of sample) {
    if (index.query(data.hashes[entry]!, radius).some((m) => m.value === source)) hits++;
  }
  const msPerQuery = (performance.now() - t1) / sample.length;

  let same = 0;
  for (const [entry, expected] of brute) {
    const got = index.query(data.hashes[entry]!, radius).map((m) => m.value).sort((a, b) => a - b);
    if (got.length === expected.length && got.every((v, i) => v === expected[i])) same++;
  }
  return {
    n: data.hashes.length,
    index: name,
    buildS,
    bytesPerEntry,
    queries: sample.length,
    msPerQuery,
    recall: hits / sample.length,
    bruteMsPerQuery: bruteMs,
    sameAsBrute: `${same}/${brute.size}`,
  };
}

async function run(n: number): Promise<Row[]> {
  const data = makeDataset(n, `dedup-bench-${n}`);
  const hi = new Int32Array(n);
  const lo = new Int32Array(n);
  data.hashes.forEach((h, i) => ([hi[i], lo[i]] = hashWords(h)));

  const step = Math.max(1, Math.floor(data.planted.length / BRUTE_QUERIES));
  const bruteSample = data.planted.filter((_, i) => i % step === 0).slice(0, BRUTE_QUERIES);
  const brute = new Map<number, number[]>();
  const t0 = performance.now();
  for (const [entry] of bruteSample) brute.set(entry, bruteForce(hi, lo, data.hashes[entry]!, radius));
  const bruteMs = (performance.now() - t0) / bruteSample.length;

  return [
    await measure('BK-tree', () => new BkTree<number>(), data, BK_MAX_QUERIES, brute, bruteMs),
    await measure('multi-index 4×16', () => new MultiIndexHash<number>(), data, data.planted.length, brute, bruteMs),
  ];
}

const fmt = (v: number, digits: number) => v.toFixed(digits);
console.log(`node ${process.version}, radius ${radius}, planted ${PLANTED_SHARE * 100}% copies with 1–6 bits flipped`);
console.log('| N | index | build s | bytes/entry | queries | ms/query | recall (planted) | brute ms/query | speed-up vs brute | same as brute |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const n of sizes) {
  for (const r of await run(n)) {
    console.log(
      `| ${r.n.toLocaleString('en')} | ${r.index} | ${fmt(r.buildS, 2)} | ${fmt(r.bytesPerEntry, 1)} | ${r.queries} | ${fmt(r.msPerQuery, 3)} | ${fmt(r.recall, 3)} | ${fmt(r.bruteMsPerQuery, 2)} | ${(r.bruteMsPerQuery / r.msPerQuery).toPrecision(2)}× | ${r.sameAsBrute} |`,
    );
  }
}
