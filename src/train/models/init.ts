import { tf } from '../../backend/tf.js';
import { deriveRng } from '../../core/rng.js';

/**
 * Seeded Glorot-uniform initialisers, one fresh seed per layer, so the same model seed gives
 * the same starting weights (tfjs' default initialisers draw unseeded).
 */
export function initializers(seed: number | string, model: string) {
  const rng = deriveRng(seed, 'init', model);
  return () => tf.initializers.glorotUniform({ seed: Math.floor(rng() * 2 ** 31) });
}
