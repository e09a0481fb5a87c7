import { createRequire } from 'node:module';

type Tf = typeof import('@tensorflow/tfjs');

/**
 * tfjs-core's CommonJS exports object, as tfjs-layers resolves it. tfjs-layers reads ops from it
 * at each call (`tfc.dropout`, `tfc.fused.conv2d`), so replacing an entry here changes what
 * every layers model runs; `@tensorflow/tfjs` re-exports the same entries through getters.
 */
export const tfjsCore = createRequire(createRequire(import.meta.url).resolve('@tensorflow/tfjs-layers'))('@tensorflow/tfjs-core') as {
  dropout: Tf['dropout'];
  fused: { conv2d: Tf['fused']['conv2d']; matMul: Tf['fused']['matMul'] };
};
