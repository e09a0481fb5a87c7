import { evaluateRun, type EvalResult } from '../train/eval/evaluate.js';
import { writeRunReport } from '../train/report.js';
import { intFlag, parseCommand, UsageError } from './usage.js';

const USAGE = `Usage: ganpipe eval <run-dir> [--limit N] [--json]

Scores the run's latest generator in the feature space of a small CNN trained on the
pipeline's data (cached in <run-dir>/classifier): Fréchet distance beside the real-vs-real
floor, a classifier-based Inception Score, precision/recall (k = 3) and, for cgan, the
accuracy of generated classes. Writes eval.json and updates report.html.

  --limit N   read at most N images from the pipeline (default 20000)
  --json      print JSON`;

/** Renders eval numbers as an aligned text table. */
export function formatEval(r: EvalResult): string {
  const lines = [
    `classifier test accuracy   ${(r.classifierAccuracy * 100).toFixed(2)}%`,
    `Fréchet distance           ${r.frechet.toFixed(3)}   (real vs real floor ${r.frechetRealFloor.toFixed(3)}, n = ${r.n})`,
    `Inception Score (clf)      ${r.inceptionScore.toFixed(3)}   (real images ${r.inceptionScoreReal.toFixed(3)})`,
    `precision / recall (k=3)   ${r.precision.toFixed(3)} / ${r.recall.toFixed(3)}`,
  ];
  if (r.perClassAccuracy) {
    lines.push(`conditional accuracy       ${((r.conditionalAccuracy ?? 0) * 100).toFixed(1)}%`);
    lines.push(`  per class: ${Object.entries(r.perClassAccuracy).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}`);
  }
  return lines.join('\n');
}

/** `ganpipe eval`. */
export async function evalCommand(argv: string[]): Promise<number> {
  const cmd = parseCommand(argv, { limit: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (cmd.help) {
    console.log(USAGE);
    return 0;
  }
  if (cmd.positionals.length !== 1) throw new UsageError(USAGE);
  const dir = cmd.positionals[0]!;
  const json = Boolean(cmd.values['json']);
  const result = await evaluateRun(dir, {
    limit: intFlag(cmd.values['limit'] as string | undefined, 'limit', 20000),
    log: (msg) => {
      if (!json) console.error(msg);
    },
  });
  await writeRunReport(dir);
  console.log(json ? JSON.stringify(result, null, 2) : `${formatEval(result)}\nreport: ${dir}/report.html`);
  return 0;
}
