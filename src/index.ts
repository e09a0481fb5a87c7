// ganpipe public API, grouped by concern.

// Core: pipeline builder, contracts, batches, reports
export { pipeline, Pipeline, type PipelineOptions, type BatchOptions, type EpochOptions, type BatchStream, type SampleStream } from './core/pipeline.js';
export type { Image, Sample, Channels, TraceEntry, Rejection, ReasonCode } from './core/types.js';
export { withSample, flagsOf } from './core/types.js';
export type { Stage, StageContext } from './core/stage.js';
export {
  isLoadHinted, isListingAware, isSplitter, isGrouper, isFittable, isInvertible, isSourceRejectionObserver,
  type LoadHinted, type ListingAware, type Splitter, type Grouper, type Fittable, type FitContext, type Invertible, type SourceRejectionObserver,
} from './core/capabilities.js';
export { mapEachSample } from './core/stage.js';
export { orderedMap } from './core/orderedMap.js';
export type { Batch } from './core/batch.js';
export { RunReport } from './core/report.js';
export { rngFor, type Rng } from './core/rng.js';
export { GanpipeError, PipelineConfigError, SampleError, BatchError, type ConfigIssue } from './core/errors.js';

// Sources and stages
export * as sources from './sources/index.js';
export * as stages from './stages/index.js';

// Augmentation: pure ops, random ops and their registry, replay
export * as ops from './ops/augment/index.js';
export * as denoiseOps from './ops/denoise/index.js';
export { OpParameterError } from './ops/kernel/check.js';
export { replay, readReplayLog, type ReplayLogLine } from './stages/augment/replay.js';
export { registerRandomOp, randomOpDefinition, randomOpNames } from './config/registry.js';
export { defineRandomOp, defineTraceOp, step, type ImageShape, type RandomOpDefinition, type TraceOp, type TraceStep } from './stages/augment/randomOp.js';
export type { AugmentNode, AugmentOpSpec, RandomOpOptions } from './stages/augment/augmentOptions.js';

// Config: pipeline files, and the registries of what they can name
export { loadPipeline, loadPipelineFile, buildPipeline, pipelineJsonSchema, type LoadedPipelineFile } from './config/pipelineFile.js';
export {
  registerStage, stageTypes, registerSource, sourceTypes, registerModel, modelTypes,
  type StageDefinition, type SourceDefinition, type ModelDefinition, type ModelContext,
} from './config/registry.js';

// Training: the loop, the pluggable trainer, losses, built-in models, evaluation
export { train, type TrainOptions, type TrainProgress, type TrainResult } from './train/train.js';
export type { GanTrainer, StepMetrics } from './core/trainer.js';
export { createGanTrainer, type GanTrainerParts, type StepwiseGanTrainer } from './train/ganTrainer.js';
export { adam, NativeAdamOptimizer } from './train/adam.js';
export { bceLoss, hingeLoss, wganGpLoss, type GanLoss, type LossName, type DiscriminatorOutput } from './train/losses.js';
export { ganModels } from './train/models/index.js';
export { evaluateRun, type EvalResult } from './train/eval/evaluate.js';
export { diffAugmentation, adaptiveAugmentation, AdaController, diffAugment, adaAugment, type DiscriminatorAugment } from './train/augment/index.js';
export { loadRun, type RunConfig } from './train/session.js';
export { writeRunReport } from './train/report.js';

// Backend
export { tf, isNative } from './backend/tf.js';
export { installTfjsPatches } from './backend/tfjsPatches.js';
export { doctor, type DoctorReport } from './backend/doctor.js';
export { cacheRoot } from './backend/cacheRoot.js';
