/**
 * A gradient worker (node:worker_threads), started by GradientPool. It brings up the trainer's
 * backend with Deepwire's kernels, builds its own copy of the model from the trainer's topology,
 * and for each `step` message: takes the trainer's current weights from shared memory, computes
 * the gradient of the loss on its shard of the batch, and writes the gradients, the shard's loss
 * and metrics and its BatchNormalization moving statistics into its shared slot.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import type { Loss, Metric } from '../../../shared/training/options';
import { selectBackend } from '../backend';
import '../compile'; // registers Deepwire's layer classes for modelFromJSON
import { trainWithoutInputGradient } from '../train/inputLayers';
import { objective, readValues, trainingMetrics } from './objective';
import { slotViews, weightLayout, type FromWorker, type ToWorker, type WorkerInit } from './layout';

const init = workerData as WorkerInit;
const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);

async function start() {
  await selectBackend({ env: { DEEPWIRE_BACKEND: init.backend } });
  const model = await tf.models.modelFromJSON({
    modelTopology: init.topology as tf.io.ModelJSON['modelTopology'],
  });
  trainWithoutInputGradient(model); // as the trainer's model does
  const layout = weightLayout(model);
  if (layout.totalSize * 4 !== init.weights.byteLength) {
    throw new Error(
      `its copy of the model has ${layout.totalSize} weights, the trainer's ${init.weights.byteLength / 4}`,
    );
  }
  const weights = new Float32Array(init.weights);
  const slot = slotViews(init.slot, layout);
  const metrics = trainingMetrics(init.metrics as Metric[], init.loss as Loss, init.units, init.targetScaler);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let xBuffer: SharedArrayBuffer | undefined;
  let yBuffer: SharedArrayBuffer | undefined;

  const step = (m: Extract<ToWorker, { type: 'step' }>) => {
    xBuffer = m.x ?? xBuffer;
    yBuffer = m.y ?? yBuffer;
    tf.tidy(() => {
      model.weights.forEach((w, i) => {
        const { offset, size } = layout.weights[i];
        (w.read() as tf.Variable).assign(tf.tensor(weights.slice(offset, offset + size), w.shape as number[]));
      });
      const view = (buffer: SharedArrayBuffer, shape: number[], dtype: 'float32' | 'int32') => {
        const count = shape.reduce((p, d) => p * d, 1);
        const values = dtype === 'int32' ? new Int32Array(buffer, 0, count) : new Float32Array(buffer, 0, count);
        return tf.tensor(values.slice(), shape, dtype);
      };
      const x = view(xBuffer!, m.xShape, m.xDtype);
      const y = m.yShape ? view(yBuffer!, m.yShape, m.yDtype) : x;
      const parts: tf.Tensor[] = [];
      const { value, grads } = tf.variableGrads(() => objective(model, init.loss as Loss, metrics, x, y, parts), vars);
      let at = 0;
      for (const v of vars) {
        const g = grads[v.name].dataSync();
        slot.grads.set(g, at);
        at += g.length;
      }
      slot.values.set(readValues(value, parts));
      at = 0;
      for (const i of layout.moving) {
        const s = model.weights[i].read().dataSync();
        slot.moving.set(s, at);
        at += s.length;
      }
    });
  };

  port.on('message', (m: ToWorker) => {
    try {
      const t0 = performance.now();
      step(m);
      send({ type: 'done', ms: performance.now() - t0 });
    } catch (error) {
      send({ type: 'failed', message: (error as Error).message ?? String(error) });
    }
  });
  send({ type: 'ready' });
}

start().catch((error: unknown) => {
  send({ type: 'failed', message: `it could not start: ${(error as Error).message ?? String(error)}` });
});
