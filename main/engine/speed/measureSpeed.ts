import * as tf from '@tensorflow/tfjs';
import { analyzeGraph } from '../../../shared/graph/analyzeGraph';
import type { Graph } from '../../../shared/graph/types';
import type { TrainingSpeed } from '../../../shared/protocol/speed';
import { selectBackend } from '../backend';
import { compileGraph } from '../compile';

/** A small CNN, typical of what people train here: 32×32 colour images, two convolutions, 10 classes. */
export const CALIBRATION_GRAPH: Graph = {
  nodes: [
    { id: 'in', kind: 'Input', params: { shape: [32, 32, 3] } },
    { id: 'c1', kind: 'Conv2D', params: { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' } },
    { id: 'p1', kind: 'MaxPooling2D', params: {} },
    { id: 'c2', kind: 'Conv2D', params: { filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' } },
    { id: 'p2', kind: 'MaxPooling2D', params: {} },
    { id: 'f', kind: 'Flatten', params: {} },
    { id: 'out', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
  ],
  edges: [
    { source: 'in', target: 'c1' },
    { source: 'c1', target: 'p1' },
    { source: 'p1', target: 'c2' },
    { source: 'c2', target: 'p2' },
    { source: 'p2', target: 'f' },
    { source: 'f', target: 'out' },
  ],
};

const BATCH = 32;

/**
 * Trains the calibration network on random batches for about `seconds` (after a warm-up step, which
 * sets up the kernels) on the backend training would use, and returns forward-pass MACs per
 * second of training. A second or two; the host keeps the answer.
 */
export async function measureSpeed(options: { backend?: string; seconds?: number } = {}): Promise<TrainingSpeed> {
  const report = await selectBackend(
    options.backend ? { env: { ...process.env, DEEPWIRE_BACKEND: options.backend } } : {},
  );
  const macs = analyzeGraph(CALIBRATION_GRAPH).totals.macs;
  const { model } = compileGraph(CALIBRATION_GRAPH, { seed: 1, name: 'calibration' });
  const optimizer = tf.train.adam(1e-3);
  const x = tf.randomUniform([BATCH, 32, 32, 3], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 2), 10).toFloat();
  const step = async () => {
    const loss = optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar,
      true,
    );
    await loss?.data();
    loss?.dispose();
  };
  try {
    await step();
    const budget = (options.seconds ?? 1) * 1000;
    const t0 = performance.now();
    let steps = 0;
    while (steps < 2 || (performance.now() - t0 < budget && steps < 200)) {
      await step();
      steps++;
    }
    const seconds = (performance.now() - t0) / 1000;
    return {
      backend: report.backend,
      device: report.device,
      macsPerSecond: (macs * BATCH * steps) / seconds,
      source: 'calibration',
      measuredAt: new Date().toISOString(),
    };
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  }
}
