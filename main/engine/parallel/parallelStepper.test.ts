import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeOptimizer } from '../optimizers';
import { useTestBackend } from '../train/test/testBackend';
import { trainingMetrics } from './objective';
import { ParallelStepper } from './parallelStepper';
import { SingleStepper, type StepContext, type Stepper } from './stepper';
import { ThreadTrial } from './threadTrial';

let backend = '';
beforeAll(async () => {
  backend = await useTestBackend();
});

function mlp(): tf.LayersModel {
  const m = tf.sequential();
  m.add(
    tf.layers.dense({
      inputShape: [6],
      units: 16,
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  m.add(
    tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  );
  return m;
}

function cnn(batchNorm: boolean): tf.LayersModel {
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({
      inputShape: [8, 8, 1],
      filters: 4,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
    }),
  );
  if (batchNorm) m.add(tf.layers.batchNormalization());
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(
    tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
  );
  return m;
}

function batch(seed: number, shape: number[], n = 24): [tf.Tensor, tf.Tensor] {
  const x = tf.randomNormal([n, ...shape], 0, 1, 'float32', seed);
  const y = tf.oneHot(tf.randomUniform([n], 0, 3, 'int32', seed + 1), 3).toFloat();
  return [x, y];
}

const open: Stepper[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.dispose()));
});

function context(model: tf.LayersModel): StepContext {
  return {
    model,
    optimizer: makeOptimizer({ kind: 'adam', learningRate: 0.01 }),
    vars: model.trainableWeights.map((w) => w.read() as tf.Variable),
    loss: 'categoricalCrossentropy',
    metrics: trainingMetrics(['accuracy'], 'categoricalCrossentropy', 3),
  };
}

async function stepper(model: tf.LayersModel, threads: number): Promise<Stepper> {
  const c = context(model);
  const made =
    threads === 1
      ? new SingleStepper(c)
      : new ParallelStepper(c, { threads, backend, metricNames: ['accuracy'], units: 3, trial: false });
  open.push(made);
  if (made instanceof ParallelStepper) await made.whenReady();
  return made;
}

const weightsOf = (model: tf.LayersModel) => model.weights.map((w) => Array.from(w.read().dataSync()));

/** Trains `steps` batches (the last uneven: 23 examples), the weights after each step and the values. */
async function train(model: tf.LayersModel, threads: number, steps: number, shape: number[]) {
  const s = await stepper(model, threads);
  const values: number[][] = [];
  const weights: number[][][] = [];
  for (let i = 0; i < steps; i++) {
    const [x, y] = batch(10 + i, shape, i === steps - 1 ? 23 : 24);
    values.push(Array.from(await s.step(x, y)));
    weights.push(weightsOf(model));
    tf.dispose([x, y]);
  }
  return { values, weights, stepper: s };
}

function maxDiff(a: number[][], b: number[][]): number {
  return Math.max(...a.map((row, i) => Math.max(...row.map((v, j) => Math.abs(v - b[i][j])))));
}

describe('ParallelStepper (2 threads) against one thread', () => {
  it.each([
    ['an MLP', mlp, [6]],
    ['a CNN', () => cnn(false), [8, 8, 1]],
  ] as const)(
    '%s: the same weights after one step and after four, the same loss and accuracy',
    async (_name, make, shape) => {
      const one = await train(make(), 1, 4, [...shape]);
      const two = await train(make(), 2, 4, [...shape]);
      expect(two.stepper.threads).toBe(2);
      for (const step of [0, 3]) expect(maxDiff(two.weights[step], one.weights[step])).toBeLessThan(1e-5);
      expect(maxDiff(two.values, one.values)).toBeLessThan(1e-5);
    },
  );

  it("BatchNormalization: the moving mean is the whole batch's; a worker that dies fails the step in plain words and keeps the weights", async () => {
    const one = await train(cnn(true), 1, 1, [8, 8, 1]);
    const model = cnn(true);
    const two = await train(model, 2, 1, [8, 8, 1]);
    const names = model.weights.map((w) => w.name);
    const mean = names.findIndex((n) => n.includes('moving_mean'));
    const variance = names.findIndex((n) => n.includes('moving_variance'));
    expect(maxDiff([two.weights[0][mean]], [one.weights[0][mean]])).toBeLessThan(1e-5);
    // Each shard is normalised by its own statistics: the variance misses the spread between shards.
    expect(maxDiff([two.weights[0][variance]], [one.weights[0][variance]])).toBeLessThan(0.05);
    expect(maxDiff(two.weights[0], one.weights[0])).toBeLessThan(0.05);

    const before = weightsOf(model);
    await (two.stepper as ParallelStepper).pool.kill(0);
    const [x, y] = batch(99, [8, 8, 1]);
    await expect(two.stepper.step(x, y)).rejects.toMatchObject({
      code: 'crashed',
      message: expect.stringMatching(
        /training thread 2 of 2 stopped unexpectedly .*weights from the last completed batch are kept/,
      ),
    });
    tf.dispose([x, y]);
    expect(weightsOf(model)).toEqual(before);
  });

  it('when the trial finds one thread faster, it says so once, stops the workers and trains on (same weights)', async () => {
    const one = await train(mlp(), 1, 4, [6]);
    const model = mlp();
    const notes: string[] = [];
    // A trial of one block of two steps each way, told that the parallel steps were slower.
    const trial = new ThreadTrial(2, 1);
    const record = trial.record.bind(trial);
    trial.record = (mode, ms) => record(mode, mode === 'parallel' ? ms + 1000 : ms);
    const c = context(model);
    const s = new ParallelStepper(c, {
      threads: 2,
      backend,
      metricNames: ['accuracy'],
      units: 3,
      trial,
      onNote: (m) => notes.push(m),
    });
    open.push(s);
    await s.whenReady();
    for (let i = 0; i < 4; i++) {
      const [x, y] = batch(10 + i, [6], i === 3 ? 23 : 24);
      await s.step(x, y);
      tf.dispose([x, y]);
    }
    expect(s.threads).toBe(1);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /^Training on 1 thread from here: split over 2 threads a batch took [\d.]+ ms against [\d.]+ ms on one/,
    );
    expect(maxDiff(weightsOf(model), one.weights[3])).toBeLessThan(1e-5);
  });
});
