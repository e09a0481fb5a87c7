#!/usr/bin/env node
import { PipelineConfigError } from '../core/errors.js';
import { UsageError } from './usage.js';

const USAGE = `Usage: ganpipe <command> [options]

Commands:
  run <pipeline.json>   train the GAN a pipeline file names, or stream it and report counts, rejects, throughput
  check <dir>           integrity and duplicate check of an image folder (JSON / HTML report)
  preview <pipeline>    a PNG grid of samples and their augmentations over epochs
  sample <run-dir>      generate PNGs from a run's latest checkpoint
  eval <run-dir>        quality numbers (Fréchet distance, IS, precision/recall) beside a real-vs-real floor
  doctor                show the tfjs backend and where TensorFlow came from
  schema                print the JSON Schema of pipeline files

Run \`ganpipe <command> --help\` for a command's options.
Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad config.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return (await import('./run.js')).runCommand(rest);
    case 'doctor':
      return (await import('./doctor.js')).doctorCommand(rest);
    case 'check':
      return (await import('./check.js')).checkCommand(rest);
    case 'preview':
      return (await import('./preview.js')).previewCommand(rest);
    case 'sample':
      return (await import('./sample.js')).sampleCommand(rest);
    case 'eval':
      return (await import('./eval.js')).evalCommand(rest);
    case 'schema':
      return (await import('./schema.js')).schemaCommand(rest);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof PipelineConfigError) {
      console.error(`ganpipe: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(`ganpipe: ${(error as Error)?.stack ?? String(error)}`);
      process.exitCode = 1;
    }
  },
);
