/**
 * Runs the peer benchmarks (tf.data, torch DataLoader, a Pillow loop, ganpipe) one after another
 * on the same generated photo set and prints a markdown table with ratios to tf.data
 * (deterministic), measured in the same run. See README.md beside this file.
 *
 * Run: `flock /tmp/ganpipe-bench.lock npm run bench:peers -- --count 3000`
 * Options: `--count N` photos (default 3000), `--peers tfdata,torch,pillow,ganpipe` (a subset),
 * `--epochs N` (default 2), `--rounds N` (run all peers N times, every other round in reverse
 * order, and report each row's fastest round: the least disturbed on a shared machine),
 * `--setup` (only make the venv and the photos).
 * The Python peers run in bench/.venv-peers, created on first use from the machine's pip index.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchJpegs } from '../data.js';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');
const venv = path.join(root, 'bench/.venv-peers');
const python = path.join(venv, 'bin/python');

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '3000' },
    peers: { type: 'string', default: 'tfdata,torch,pillow,ganpipe,ganpipe-cache' },
    epochs: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '1' },
    setup: { type: 'boolean', default: false },
  },
});

interface Epoch {
  img_s: number;
  cpu_ms_per_img: number;
  mean: number | null;
  images: number;
}
interface Row {
  name: string;
  epochs: Epoch[];
  note?: string;
}
interface PeerResult {
  peer: string;
  versions: Record<string, unknown>;
  rows: Row[];
}
/** One peer's result with the runner's key and the load average as it started (one per round). */
interface Measured extends PeerResult {
  key: string;
  loads: number[];
  rows: (Row & { epoch1s?: number[] })[];
}

/** Each peer: the command that prints its JSON line. The Python ones share peer_common.py. */
const peers: Record<string, (images: string, epochs: string) => [string, string[], NodeJS.ProcessEnv?]> = {
  tfdata: (images, epochs) => [python, [path.join(here, 'tfdata.py'), '--images', images, '--epochs', epochs]],
  torch: (images, epochs) => [python, [path.join(here, 'torch_loader.py'), '--images', images, '--epochs', epochs], { CUDA_VISIBLE_DEVICES: '' }],
  pillow: (images, epochs) => [python, [path.join(here, 'pillow_loop.py'), '--images', images, '--epochs', epochs]],
  // GANPIPE_REQUIRE_NATIVE: a ganpipe on the pure-JS backend would not be the peer we mean to time.
  ganpipe: (images, epochs) => [process.execPath, ['--import', 'tsx', path.join(here, 'ganpipe.ts'), '--images', images, '--epochs', epochs], { GANPIPE_REQUIRE_NATIVE: '1' }],
  // The same with a cache stage after resize: epoch 1 builds it, epoch 2 reads it.
  'ganpipe-cache': (images, epochs) => [
    process.execPath,
    ['--import', 'tsx', path.join(here, 'ganpipe.ts'), '--pipeline', path.join(here, 'photos-cache.json'), '--images', images, '--epochs', epochs],
    { GANPIPE_REQUIRE_NATIVE: '1' },
  ],
};

const chosen = values.peers.split(',').map((p) => p.trim());
const unknown = chosen.filter((p) => !(p in peers));
if (unknown.length) throw new Error(`unknown peer(s) ${unknown.join(', ')}; choose from ${Object.keys(peers).join(', ')}`);

const images = await benchJpegs(Number(values.count));
if (chosen.some((p) => !p.startsWith('ganpipe')) || values.setup) ensureVenv();
if (values.setup) process.exit(0);

// Read every file once, so no peer pays for a cold page cache that the next one would not.
for (const f of readdirSync(images)) readFileSync(path.join(images, f));

const rounds: Measured[][] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  const order = round % 2 === 0 ? chosen : [...chosen].reverse();
  const measured: Measured[] = [];
  for (const name of order) {
    const [cmd, args, env] = peers[name]!(images, values.epochs);
    const load = os.loadavg()[0]!;
    process.stderr.write(`round ${round + 1}: running ${name} (load average ${load.toFixed(2)}) …\n`);
    const out = run(cmd, args, { env: { ...process.env, ...env } });
    const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{'));
    if (!line) throw new Error(`${name} printed no JSON line; its output ended with:\n${out.slice(-2000)}`);
    measured.push({ ...(JSON.parse(line) as PeerResult), key: name, loads: [load] });
  }
  rounds.push(chosen.map((name) => measured.find((m) => m.key === name)!));
}

writeFileSync(path.join(root, 'bench/.data', `peers-${values.count}.json`), `${JSON.stringify(rounds, null, 2)}\n`);
console.log(table(best(rounds)));

/** Each row's epochs from its fastest round, and every round's epoch-1 figure beside. */
function best(all: Measured[][]): Measured[] {
  return all[0]!.map((first, p) => ({
    ...first,
    loads: all.map((r) => r[p]!.loads[0]!),
    rows: first.rows.map((row, i) => {
      const tries = all.map((r) => r[p]!.rows[i]!);
      return {
        ...row,
        epochs: row.epochs.map((_, e) => tries.map((t) => t.epochs[e]!).reduce((a, b) => (b.img_s > a.img_s ? b : a))),
        epoch1s: tries.map((t) => t.epochs[0]!.img_s),
      };
    }),
  }));
}

/** The markdown table, ratios to tf.data deterministic epoch by epoch. */
function table(all: Measured[]): string {
  const rows = all.flatMap((r) => r.rows);
  const reference = rows.find((r) => r.name === 'tf.data deterministic');
  const epochs = Number(values.epochs);
  const many = Number(values.rounds) > 1;
  const nums = Array.from({ length: epochs }, (_, i) => i);
  const ratio = (row: Row, i: number) => {
    const ref = reference?.epochs[i]?.img_s;
    const v = row.epochs[i]?.img_s;
    return ref && v !== undefined ? `${(v / ref).toFixed(2)}×` : '—';
  };
  const lines = [
    `${rows[0]?.epochs[0]?.images ?? '?'} JPEGs (256–640 px) → 64×64 cover (Lanczos-3) → flip → brightness ×[0.8, 1.2] → [-1, 1] → batch 64; ${os.cpus().length} cores` +
      (many ? `; each figure is the fastest of ${values.rounds} rounds` : ''),
    '',
    `| peer | ${nums.map((i) => `epoch ${i + 1} img/s`).join(' | ')} | ${nums.map((i) => `ratio to tf.data det. (epoch ${i + 1})`).join(' | ')} | CPU ms/img (epoch 1) | mean (epoch 1) |${many ? ' epoch 1, every round |' : ''} note |`,
    `| --- | ${nums.map(() => '---:').join(' | ')} | ${nums.map(() => '---:').join(' | ')} | ---: | ---: |${many ? ' ---: |' : ''} --- |`,
    ...rows.map(
      (r) =>
        `| ${r.name} | ${nums.map((i) => r.epochs[i]?.img_s.toFixed(0) ?? '—').join(' | ')} | ${nums.map((i) => ratio(r, i)).join(' | ')} | ${r.epochs[0]?.cpu_ms_per_img.toFixed(2) ?? '—'} | ${r.epochs[0]?.mean ?? '—'} |` +
        `${many ? ` ${(r.epoch1s ?? []).map((v) => v.toFixed(0)).join(' / ')} |` : ''} ${r.note ?? ''} |`,
    ),
    '',
    `Load average (1 min) as each peer started: ${all.map((r) => `${r.peer} ${r.loads.map((l) => l.toFixed(2)).join(' / ')}`).join(', ')}.`,
    `Versions: ${all.map((r) => `${r.peer} ${JSON.stringify(r.versions)}`).join('; ')}.`,
  ];
  return lines.join('\n');
}

/** Makes bench/.venv-peers once (the stamp names what was installed), from the local index when there is one. */
function ensureVenv(): void {
  const torch = process.env['GANPIPE_PEERS_TORCH'] ?? 'torch==2.13.0+cpu';
  const wanted = ['tensorflow-cpu==2.21.0', 'pillow', 'numpy', torch];
  const stamp = path.join(venv, 'peers-installed.txt');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted.join('\n')) return;
  process.stderr.write(`making ${venv} with ${wanted.join(' ')} …\n`);
  if (!existsSync(python)) run('python3', ['-m', 'venv', venv]);
  // The machine's index: the default one is unreachable here, and pip retries it slowly.
  const index = existsSync('/opt/pypi/simple')
    ? ['--index-url', 'file:///opt/pypi/simple', ...(existsSync('/opt/pypi-more/simple') ? ['--extra-index-url', 'file:///opt/pypi-more/simple'] : [])]
    : [];
  try {
    run(python, ['-m', 'pip', 'install', '-q', ...index, ...wanted]);
  } catch (error) {
    // The CPU-only torch wheel is not on every index; the regular one also runs on CPU (its CUDA libraries are large).
    if (process.env['GANPIPE_PEERS_TORCH']) throw error;
    process.stderr.write(`${torch} is not available (${(error as Error).message.split('\n')[0]}); installing the regular torch wheel\n`);
    wanted[wanted.length - 1] = 'torch';
    run(python, ['-m', 'pip', 'install', '-q', ...index, ...wanted]);
  }
  writeFileSync(stamp, wanted.join('\n'));
}

/** Runs a command, returning its stdout; its stderr is shown only when it fails. */
function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): string {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}:\n${String(r.stderr).slice(-3000)}`);
  return String(r.stdout);
}
