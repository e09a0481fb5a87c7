// Data-quality ops: content scores (after CleanVision) and near-duplicate hashing (after imagededup).

export { resizeGray, toGray } from './grayscale.js';
export {
  aspectRatioScore,
  blurScore,
  darkScore,
  DEFAULT_THRESHOLDS,
  entropyScore,
  grayscaleScore,
  lightScore,
  qualityFlags,
  qualityScores,
  type QualityIssue,
  type QualityScores,
} from './scores.js';
export { dHash, hammingDistance, hashToHex, pHash } from './hash.js';
export { BkTree, type HashIndex, type HashMatch } from './bkTree.js';
export { MultiIndexHash } from './multiIndexHash.js';
