import { createRequire } from 'node:module';

type Tf = typeof import('@tensorflow/tfjs');

// tfjs is CommonJS; loading it (and tfjs-node) through one `require` keeps a single shared
// instance with the user's own `@tensorflow/tfjs` / `@tensorflow/tfjs-node`, so our batches
// feed their models and one backend is registered for everybody.
const require = createRequire(import.meta.url);

/**
 * `@tensorflow/tfjs` itself, with no backend chosen yet: only for what must exist when a module
 * loads (subclasses of tfjs classes, layer registration). Everything else uses `tf`, which
 * loads the native backend first.
 */
export const tfjs = require('@tensorflow/tfjs') as Tf;

/** Why the native backend did not load, once something needed it and it failed. */
export let nativeLoadError: Error | undefined;

let backendLoaded = false;
// Set when CI=true or GANPIPE_REQUIRE_NATIVE=1 and tfjs-node failed: every later use throws it.
let requiredButMissing: Error | undefined;

/**
 * Loads the native TensorFlow backend (`@tensorflow/tfjs-node`) the first time anything needs
 * tfjs, and returns tfjs. Importing ganpipe does not call it: until then the process's tfjs,
 * environment and backend are as the user left them. Setting `TF_*` variables is part of
 * loading, so they are only set here (each only when unset).
 * @throws Error with CI=true or GANPIPE_REQUIRE_NATIVE=1 when tfjs-node cannot load (at every use).
 */
export function loadBackend(): Tf {
  if (!backendLoaded) {
    backendLoaded = true;
    // TensorFlow's C++ start-up chatter (oneDNN, CPU features) is noise for our users.
    process.env['TF_CPP_MIN_LOG_LEVEL'] ??= '2';
    // One inter-op thread: tfjs-node runs ops one at a time (eager), and TensorFlow's default (one
    // per core) made GAN steps slower and unsteady (bench/ganSteps.ts, README "Performance").
    // Set the variable yourself to override.
    process.env['TF_NUM_INTEROP_THREADS'] ??= '1';
    // tfjs-node finds its addon with node-pre-gyp, which parses process.argv as its own options:
    // a script's `--dir x` would become node-pre-gyp's `--directory` and the load would fail.
    const argv = process.argv;
    try {
      process.argv = argv.slice(0, 2);
      // Registers the 'tensorflow' backend (native libtensorflow) and makes it the default.
      require('@tensorflow/tfjs-node');
    } catch (error) {
      nativeLoadError = error as Error;
      if (process.env['CI'] === 'true' || process.env['GANPIPE_REQUIRE_NATIVE'] === '1') {
        requiredButMissing = new Error(
          `ganpipe: the native TensorFlow backend (@tensorflow/tfjs-node) failed to load, and CI=true or ` +
            `GANPIPE_REQUIRE_NATIVE=1 requires it. Cause: ${nativeLoadError.message.split('\n')[0]}. ` +
            `Run \`npm install\` again (its postinstall builds the binding, see README "Backend"), then \`npx ganpipe doctor\`.`,
        );
      }
    } finally {
      process.argv = argv;
    }
  }
  if (requiredButMissing) throw requiredButMissing;
  return tfjs;
}

/**
 * The shared TensorFlow.js namespace (`@tensorflow/tfjs`, the same instance as yours). Its
 * first use loads the native backend (`loadBackend`); importing ganpipe does not.
 */
export const tf: Tf = new Proxy(tfjs, { get: (_, key) => Reflect.get(loadBackend(), key) });

/** True when the native TensorFlow backend is active. */
export function isNative(): boolean {
  return tf.getBackend() === 'tensorflow';
}
