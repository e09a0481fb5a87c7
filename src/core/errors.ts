/** Base class of every error ganpipe throws on purpose. */
export class GanpipeError extends Error {
  override name = 'GanpipeError';
}

/** A stage or source option, or a pipeline file, is invalid. Carries every problem found. */
export class PipelineConfigError extends GanpipeError {
  override name = 'PipelineConfigError';
  constructor(
    message: string,
    readonly issues: readonly ConfigIssue[] = [],
  ) {
    super(message);
  }
}

/** One problem in a configuration, located by its JSON path. */
export interface ConfigIssue {
  /** Path from the root of the config, e.g. `stages[2].width`. Empty for the root. */
  readonly path: string;
  readonly message: string;
}

/** A sample could not be processed and the policy says the run must stop. */
export class SampleError extends GanpipeError {
  override name = 'SampleError';
  constructor(
    message: string,
    readonly sampleId: string,
  ) {
    super(message);
  }
}

/** Samples that cannot share a batch (different sizes, missing labels). */
export class BatchError extends GanpipeError {
  override name = 'BatchError';
}
