import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFolder, type CheckReport } from '../check/checkFolder.js';
import { checkHtml, checkPageData } from '../check/checkHtml.js';
import { bar, ProgressLine } from './progress.js';
import { parseCommand, UsageError } from './usage.js';
// A pipeline file's train section may name a built-in model: they register when loaded.
import '../train/models/index.js';

const USAGE = `Usage: ganpipe check <dir> [--json] [--html report.html] [--config pipeline.json] [--fail-on corrupt,duplicate]

Decodes every image in <dir> and runs the integrity and dedup checks: each file gets a verdict
(ok, corrupt, unsupported, too_small, too_large, duplicate) and content flags (dark, light,
low_information, blurry, grayscale, odd_aspect_ratio, odd_size).

  --json              print { root, files: [...], summary }
  --html FILE         write a page with thumbnails (linked to their files), a filter by issue, duplicate pairs and a contact sheet
  --config FILE       take source, integrity and dedup options from a pipeline file
  --fail-on LIST      exit 1 when any file has one of these verdicts or flags (for CI)

Exit codes: 0 when the check ran (whatever it found), 1 with --fail-on findings or a failure, 2 bad usage.`;

/** `ganpipe check`. */
export async function checkCommand(argv: string[]): Promise<number> {
  const cmd = parseCommand(argv, { json: { type: 'boolean' }, html: { type: 'string' }, config: { type: 'string' }, 'fail-on': { type: 'string' } }, USAGE);
  if (cmd.help) {
    console.log(USAGE);
    return 0;
  }
  if (cmd.positionals.length !== 1) throw new UsageError(USAGE);
  const failOn = String(cmd.values['fail-on'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const progress = new ProgressLine({ plain: !cmd.values['json'] });
  const report = await checkFolder(cmd.positionals[0]!, {
    config: cmd.values['config'] as string | undefined,
    onProgress: (done, total) => progress.update(`${total ? bar(done / total) : ''} checked ${done}${total ? `/${total}` : ''} files`),
  });
  progress.done();
  const html = cmd.values['html'] as string | undefined;
  if (html) await writeFile(html, await checkHtml(checkPageData(report), { linkFrom: path.dirname(path.resolve(html)) }));
  console.log(cmd.values['json'] ? JSON.stringify(report, null, 2) : formatCheck(report, html));
  const hits = report.files.filter((f) => failOn.includes(f.verdict) || f.flags.some((flag) => failOn.includes(flag)));
  if (hits.length > 0) {
    console.error(`ganpipe check: ${hits.length} file(s) with ${failOn.join(', ')}`);
    return 1;
  }
  return 0;
}

function formatCheck(r: CheckReport, html: string | undefined): string {
  const lines = [
    `${r.root}: ${r.summary.files} files`,
    `  verdicts: ${Object.entries(r.summary.verdicts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  flags:    ${Object.entries(r.summary.flags).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
  ];
  for (const f of r.files.filter((x) => x.verdict !== 'ok' || x.flags.length > 0)) {
    const what = f.verdict === 'duplicate' ? `duplicate (${f.duplicateKind}, distance ${f.distance}) of ${f.duplicateOf}` : f.verdict !== 'ok' ? `${f.verdict}: ${f.reason}` : f.flags.join(', ');
    lines.push(`  ${f.path}: ${what}`);
  }
  if (html) lines.push(`report: ${html}`);
  return lines.join('\n');
}
