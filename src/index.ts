// ganpipe public API, grouped by concern.

// Core: pipeline builder, contracts, batches, reports
export { pipeline, Pipeline, type PipelineOptions, type BatchOptions, type EpochOptions, type BatchStream, type SampleStream } from './core/pipeline.js';
export type { Image, Sample, Channels, TraceEntry, Rejection, ReasonCode } from './core/types.js';
export { withSample } from './core/types.js';
export type { Stage, StageContext } from './core/stage.js';
export { mapEachSample } from './core/stage.js';
export { orderedMap } from './core/orderedMap.js';
export type { Batch } from './core/batch.js';
export { RunReport } from './core/report.js';
export { rngFor, type Rng } from './core/rng.js';
export { GanpipeError, PipelineConfigError, SampleError, BatchError, type ConfigIssue } from './core/errors.js';

// Sources and stages
export * as sources from './sources/index.js';
export * as stages from './stages/index.js';

// Config: pipeline files and the stage registry
export { loadPipeline, buildPipeline, pipelineJsonSchema } from './config/pipelineFile.js';
export { registerStage, stageTypes, type StageDefinition } from './config/registry.js';

// Backend
export { tf, isNative } from './backend/tf.js';
export { doctor, type DoctorReport } from './backend/doctor.js';
