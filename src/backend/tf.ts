import { createRequire } from 'node:module';
import { installNativeDropout } from './nativeDropout.js';
import { installReductionGradients } from './reductionGradients.js';
import { installUnfusedUnderTape } from './unfusedUnderTape.js';

// tfjs is CommonJS; loading it (and tfjs-node) through one `require` keeps a single shared
// instance with the user's own `@tensorflow/tfjs` / `@tensorflow/tfjs-node`, so our batches
// feed their models and one backend is registered for everybody.
const require = createRequire(import.meta.url);

/** The shared TensorFlow.js namespace (`@tensorflow/tfjs`). */
export const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');

/** Why the native backend did not load, if it did not. */
export let nativeLoadError: Error | undefined;

// TensorFlow's C++ start-up chatter (oneDNN, CPU features) is noise for our users.
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
// One inter-op thread: tfjs-node runs ops one at a time (eager), and with TensorFlow's default
// (one per core) GAN training steps were up to 1.5× slower and unsteady on a 2-core machine
// (bench/ganSteps.ts, alternating runs). Set the variable yourself to override.
process.env.TF_NUM_INTEROP_THREADS ??= '1';

// tfjs-node finds its addon with node-pre-gyp, which parses process.argv as its own options:
// a script's `--dir x` would become node-pre-gyp's `--directory` and the load would fail.
const argv = process.argv;
try {
  process.argv = argv.slice(0, 2);
  // Registers the 'tensorflow' backend (native libtensorflow) and makes it the default.
  require('@tensorflow/tfjs-node');
} catch (error) {
  nativeLoadError = error as Error;
  if (process.env.CI === 'true' || process.env.GANPIPE_REQUIRE_NATIVE === '1') {
    throw new Error(
      `ganpipe: the native TensorFlow backend (@tensorflow/tfjs-node) failed to load, and CI=true or ` +
        `GANPIPE_REQUIRE_NATIVE=1 requires it. Cause: ${nativeLoadError.message.split('\n')[0]}. ` +
        `Run \`npm install\` again (its postinstall builds the binding, see README "Backend"), then \`npx ganpipe doctor\`.`,
    );
  }
} finally {
  process.argv = argv;
}
// Faster paths for tfjs itself, process-wide (values unchanged; see each module and README
// "Performance"). GANPIPE_TFJS_PATCHES=0 leaves tfjs exactly as it ships.
export const tfjsPatched = process.env['GANPIPE_TFJS_PATCHES'] !== '0';
if (tfjsPatched) {
  installReductionGradients(tf);
  if (!nativeLoadError) {
    installNativeDropout(tf);
    installUnfusedUnderTape(tf);
  }
}

/** True when the native TensorFlow backend is active. */
export function isNative(): boolean {
  return tf.getBackend() === 'tensorflow';
}
