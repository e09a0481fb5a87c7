/**
 * BT.601 luma weights for R, G, B: PIL's `convert('L')` (which CleanVision and imagededup use)
 * and OpenCV's `COLOR_RGB2GRAY`.
 */
export const LUMA = [0.299, 0.587, 0.114] as const;
