import seedrandom from 'seedrandom';
import { tf } from '../../backend/tf.js';

/**
 * Seeded Glorot-uniform initialisers, one fresh seed per layer, so the same model seed gives
 * the same starting weights (tfjs' default initialisers draw unseeded).
 */
export function initializers(seed: number | string, model: string) {
  const rng = seedrandom(`${String(seed)}\u001finit\u001f${model}`);
  return () => tf.initializers.glorotUniform({ seed: Math.floor(rng() * 2 ** 31) });
}
