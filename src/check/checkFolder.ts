import path from 'node:path';
import { loadPipelineFile } from '../config/pipelineFile.js';
import { pipeline } from '../core/pipeline.js';
import { byCodeUnits, flagsOf, type Sample } from '../core/types.js';
import { hammingDistance } from '../ops/quality/index.js';
import { glob, type GlobOptions } from '../sources/glob.js';
import type { SourceImageInfo } from '../sources/decode.js';
import { dedup, type DedupOptions, type DuplicateKind } from '../stages/quality/dedup.js';
import { integrity, type IntegrityOptions } from '../stages/quality/integrity.js';

/** What `check` concludes about one file. */
export type Verdict = 'ok' | 'corrupt' | 'unsupported' | 'too_small' | 'too_large' | 'duplicate' | (string & {});

/** One file of a check report. */
export interface CheckedFile {
  /** Relative to the checked folder. */
  path: string;
  verdict: Verdict;
  flags: string[];
  scores: Record<string, number>;
  duplicateOf?: string;
  duplicateKind?: DuplicateKind;
  distance?: number;
  label?: string;
  width?: number;
  height?: number;
  channels?: number;
  /** Why the file was rejected. */
  reason?: string;
}

/** The whole check: every file the source found, each in exactly one verdict. */
export interface CheckReport {
  root: string;
  files: CheckedFile[];
  summary: { files: number; verdicts: Record<string, number>; flags: Record<string, number> };
}

/** What to check with: source and stage options (defaults, or a pipeline file's). */
export interface CheckOptions {
  /** A pipeline file whose glob source options (but not its folder), integrity and dedup options are used. */
  readonly config?: string | undefined;
  readonly onProgress?: ((done: number, total: number | undefined) => void) | undefined;
}

interface Member {
  readonly file: CheckedFile;
  readonly source: SourceImageInfo | undefined;
  readonly pixelHash: string;
  readonly hash: string;
  readonly order: number;
}

/**
 * Runs the glob source, `integrity` and `dedup` over a folder and accounts for every file. The
 * stream keeps the first of a duplicate group; `check` sees the whole folder, so it keeps the
 * best copy instead: the most pixels, then (same pixels) the smaller file, then the first in order.
 */
export async function checkFolder(root: string, options: CheckOptions = {}): Promise<CheckReport> {
  const { sourceOptions, integrityOptions, dedupOptions } = await optionsFrom(options.config);
  const baseDir = options.config ? path.dirname(path.resolve(options.config)) : process.cwd();
  const p = await pipeline({ seed: 0 })
    .from(glob({ labels: 'parentDir', channels: 3, ...sourceOptions, cwd: path.resolve(root) }, { baseDir }))
    // Duplicates are flagged, not dropped, so that groups can be settled over the whole folder.
    .pipe(integrity(integrityOptions), dedup({ ...dedupOptions, policy: 'flag' }))
    .prepare();
  const stream = p.samples();
  const members: Member[] = [];
  for await (const s of stream) {
    members.push({ file: describe(s), source: s.meta['source'] as SourceImageInfo | undefined, pixelHash: String(s.meta['pixelHash']), hash: String(s.meta['hash']), order: members.length });
    options.onProgress?.(stream.report.seen, p.size);
  }
  settleGroups(members);
  const rejected = stream.report.rejected.map((r): CheckedFile => ({ path: r.id, verdict: r.reason, reason: r.message, flags: [], scores: (r.details?.['scores'] as Record<string, number> | undefined) ?? {} }));
  const files = [...members.map((m) => m.file), ...rejected];
  files.sort((a, b) => byCodeUnits(a.path, b.path));
  return { root: path.resolve(root), files, summary: summarize(files) };
}

function describe(s: Sample): CheckedFile {
  const flags = flagsOf(s).filter((f) => f !== 'duplicate');
  return {
    path: s.id,
    verdict: 'ok',
    flags,
    scores: (s.meta['scores'] as Record<string, number> | undefined) ?? {},
    ...(s.label !== undefined ? { label: s.label } : {}),
    width: s.image.width,
    height: s.image.height,
    channels: (s.meta['source'] as SourceImageInfo | undefined)?.channels ?? s.image.channels,
    ...(s.meta['duplicateOf'] ? { duplicateOf: String(s.meta['duplicateOf']) } : {}),
  };
}

// Regroups what dedup linked (each duplicate points at its group's first member) and keeps the best copy.
function settleGroups(members: Member[]): void {
  const groups = new Map<string, Member[]>();
  for (const m of members) {
    const key = m.file.duplicateOf ?? m.file.path;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  for (const group of groups.values()) {
    for (const m of group) delete m.file.duplicateOf;
    if (group.length < 2) continue;
    const best = [...group].sort(better)[0]!;
    for (const m of group) {
      if (m === best) continue;
      const kind: DuplicateKind =
        m.source && best.source && m.source.fileHash === best.source.fileHash ? 'exact' : m.pixelHash === best.pixelHash ? 'same_pixels' : 'near';
      Object.assign(m.file, {
        verdict: 'duplicate',
        duplicateOf: best.file.path,
        duplicateKind: kind,
        distance: kind === 'near' ? hammingDistance(BigInt(`0x${m.hash}`), BigInt(`0x${best.hash}`)) : 0,
      });
    }
  }
}

const pixelsOf = (m: Member) => (m.file.width ?? 0) * (m.file.height ?? 0);
function better(a: Member, b: Member): number {
  return pixelsOf(b) - pixelsOf(a) || (a.pixelHash === b.pixelHash ? (a.source?.fileBytes ?? 0) - (b.source?.fileBytes ?? 0) : 0) || a.order - b.order;
}

function summarize(files: CheckedFile[]): CheckReport['summary'] {
  const verdicts: Record<string, number> = {};
  const flags: Record<string, number> = {};
  for (const f of files) {
    verdicts[f.verdict] = (verdicts[f.verdict] ?? 0) + 1;
    for (const flag of f.flags) flags[flag] = (flags[flag] ?? 0) + 1;
  }
  return { files: files.length, verdicts, flags };
}

async function optionsFrom(config: string | undefined): Promise<{ sourceOptions: Partial<GlobOptions>; integrityOptions: IntegrityOptions; dedupOptions: DedupOptions }> {
  if (!config) return { sourceOptions: {}, integrityOptions: {}, dedupOptions: {} };
  const { json } = await loadPipelineFile(config); // validates the whole file first
  const source = json['source'] as Record<string, unknown>;
  const stagesJson = (json['stages'] as Record<string, unknown>[] | undefined) ?? [];
  const optionsOf = (type: string) => {
    const { type: _t, ...rest } = stagesJson.find((s) => s['type'] === type) ?? { type };
    return rest;
  };
  const { type: _type, cwd: _cwd, ...sourceOptions } = source['type'] === 'glob' ? source : { type: 'glob', cwd: '' };
  return { sourceOptions: sourceOptions as Partial<GlobOptions>, integrityOptions: optionsOf('integrity') as IntegrityOptions, dedupOptions: optionsOf('dedup') as DedupOptions };
}
