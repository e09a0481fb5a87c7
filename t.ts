import { pipeline, sources, stages, tf } from './src/index.js';
import { ganModel } from './src/train/models/index.js';
const p = pipeline({ seed: 1 }).from(sources.idx({ images: 'fixtures/mnist/images-idx3-ubyte.gz', labels: 'fixtures/mnist/labels-idx1-ubyte.gz' })).pipe(stages.normalize({ range: [-1, 1] })).batch({ size: 64, shuffleBuffer: 10000 });
await p.prepare();
for (const [model, loss, bs] of [['mlp-gan', undefined, 128], ['dcgan', 'bce', 64], ['dcgan', 'hinge', 64], ['dcgan', 'wgan-gp', 64], ['cgan', 'bce', 64]] as const) {
  const def = ganModel(model)!;
  const opts = def.schema.parse(loss ? { loss } : {});
  const t = def.create(opts as never, { imageShape: [28, 28, 1], numClasses: 10, seed: 1 });
  const q = p.batch({ size: bs, shuffleBuffer: 10000 });
  let i = 0; const times: number[] = [];
  for await (const b of q.batches()) {
    const t0 = performance.now();
    const m = await t.step(b, i);
    times.push(performance.now() - t0);
    b.xs.dispose(); b.ys?.dispose();
    if (i === 2) console.log(model, loss, 'tensors after step 3', tf.memory().numTensors);
    if (++i === 12) { console.log(model, loss, m, 'tensors', tf.memory().numTensors, 'median ms', times.sort((a,b)=>a-b)[6]!.toFixed(0)); break; }
  }
  t.dispose();
}
