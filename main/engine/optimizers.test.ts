import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIMIZERS, type OptimizerConfig, type OptimizerKind } from '../../shared/training/options';
import { hasFusedUpdate } from './fusedOptimizers';
import { initBackends, randomValues } from './kernels/kernelTestHarness';
import { makeOptimizer } from './optimizers';

beforeAll(async () => {
  await initBackends(); // cpu and wasm, with Deepwire's kernels (the fused updates among them)
});

/**
 * Where the optimizers run: TF.js's own on cpu, and Deepwire's fused updates (one kernel per
 * variable and step) on cpu and on wasm, whose kernels work on the heap in place of copies.
 */
const ENGINES = [
  { engine: 'TF.js on cpu', backend: 'cpu', fused: false },
  { engine: 'fused on cpu', backend: 'cpu', fused: true },
  { engine: 'fused on wasm', backend: 'wasm', fused: true },
];
const FUSED_KINDS: OptimizerKind[] = ['sgd', 'momentum', 'rmsprop', 'adam'];
/** The fused updates registered on a backend (wasm's SIMD kernels do SGD's and momentum's faster). */
const REGISTERED: Record<string, OptimizerKind[]> = { cpu: FUSED_KINDS, wasm: ['rmsprop', 'adam'] };

/**
 * The problem: minimise L(w) = ½ Σ (w − t)² from w₀, whose gradient is simply w − t. Each optimizer
 * gets settings that differ from every default, so a setting makeOptimizer drops or passes in the
 * wrong place changes the step and fails the comparison.
 */
const W0 = [1, -2, 0.5];
const TARGET = [0.5, 0.5, 0.5];
const grad = (w: number[]) => w.map((v, i) => v - TARGET[i]);
const lossAt = (w: number[]) => 0.5 * w.reduce((s, v, i) => s + (v - TARGET[i]) ** 2, 0);

/** One update rule in plain numbers: takes w and the gradient, keeps its own state. */
type Rule = (w: number[], g: number[]) => number[];

/** TF.js's cpu backend epsilon, which its Adagrad adds inside the square root. */
const BACKEND_EPSILON = 1e-7;

/**
 * Each optimizer's update rule, written out by hand from the papers, with the settings used below.
 * Where TF.js 4.22 (which runs them) differs from Keras, the rule follows TF.js and says how:
 * that is what training does today.
 */
const CASES: { name: string; config: OptimizerConfig; rule: () => Rule }[] = [
  { name: 'sgd', config: { kind: 'sgd', learningRate: 0.1 }, rule: () => (w, g) => w.map((v, i) => v - 0.1 * g[i]) },
  {
    name: 'momentum',
    config: { kind: 'momentum', learningRate: 0.1, momentum: 0.5 },
    rule: () => {
      // a ← m·a + g; w ← w − lr·a (Keras's v ← m·v − lr·g; w ← w + v is the same for a fixed lr).
      const a = W0.map(() => 0);
      return (w, g) =>
        w.map((v, i) => {
          a[i] = 0.5 * a[i] + g[i];
          return v - 0.1 * a[i];
        });
    },
  },
  {
    name: 'momentum (Nesterov)',
    config: { kind: 'momentum', learningRate: 0.1, momentum: 0.5, nesterov: true },
    rule: () => {
      // a ← m·a + g; w ← w − lr·(g + m·a): a look-ahead along the new velocity.
      const a = W0.map(() => 0);
      return (w, g) =>
        w.map((v, i) => {
          a[i] = 0.5 * a[i] + g[i];
          return v - 0.1 * (g[i] + 0.5 * a[i]);
        });
    },
  },
  {
    name: 'adagrad',
    config: { kind: 'adagrad', learningRate: 0.1, initialAccumulatorValue: 0.5 },
    rule: () => {
      // s ← s + g²; w ← w − lr·g / √(s + ε), ε the backend's (Keras: / (√s + ε)).
      const s = W0.map(() => 0.5);
      return (w, g) =>
        w.map((v, i) => {
          s[i] += g[i] ** 2;
          return v - (0.1 * g[i]) / Math.sqrt(s[i] + BACKEND_EPSILON);
        });
    },
  },
  {
    name: 'adadelta',
    config: { kind: 'adadelta', learningRate: 0.5, rho: 0.8, epsilon: 1e-2 },
    rule: () => {
      // Δ = √(u + ε) / √(s + ε) · g with s the accumulator BEFORE this gradient (Zeiler and Keras
      // use it after: TF.js 4.22 departs here, so its first step is plain SGD); then
      // s ← ρs + (1−ρ)g², u ← ρu + (1−ρ)Δ², w ← w − lr·Δ.
      const s = W0.map(() => 0);
      const u = W0.map(() => 0);
      return (w, g) =>
        w.map((v, i) => {
          const delta = (Math.sqrt(u[i] + 1e-2) / Math.sqrt(s[i] + 1e-2)) * g[i];
          s[i] = 0.8 * s[i] + 0.2 * g[i] ** 2;
          u[i] = 0.8 * u[i] + 0.2 * delta ** 2;
          return v - 0.5 * delta;
        });
    },
  },
  {
    name: 'rmsprop',
    config: { kind: 'rmsprop', learningRate: 0.1, rho: 0.8, momentum: 0.3, epsilon: 1e-2 },
    rule: () => {
      // s ← ρs + (1−ρ)g²; m ← μm + lr·g / √(s + ε); w ← w − m (Keras: / (√s + ε)).
      const s = W0.map(() => 0);
      const m = W0.map(() => 0);
      return (w, g) =>
        w.map((v, i) => {
          s[i] = 0.8 * s[i] + 0.2 * g[i] ** 2;
          m[i] = 0.3 * m[i] + (0.1 * g[i]) / Math.sqrt(s[i] + 1e-2);
          return v - m[i];
        });
    },
  },
  {
    name: 'adam',
    config: { kind: 'adam', learningRate: 0.1, beta1: 0.8, beta2: 0.9, epsilon: 1e-2 },
    rule: () => {
      // Kingma & Ba's Algorithm 1: bias-corrected moments, ε outside the root.
      const m = W0.map(() => 0);
      const s = W0.map(() => 0);
      let t = 0;
      return (w, g) => {
        t++;
        return w.map((v, i) => {
          m[i] = 0.8 * m[i] + 0.2 * g[i];
          s[i] = 0.9 * s[i] + 0.1 * g[i] ** 2;
          const mHat = m[i] / (1 - 0.8 ** t);
          const sHat = s[i] / (1 - 0.9 ** t);
          return v - (0.1 * mHat) / (Math.sqrt(sHat) + 1e-2);
        });
      };
    },
  },
  {
    name: 'adamax',
    config: { kind: 'adamax', learningRate: 0.1, beta1: 0.8, beta2: 0.9, epsilon: 1e-2 },
    rule: () => {
      // m ← β₁m + (1−β₁)g; u ← max(β₂u, |g|); w ← w − lr/(1−β₁ᵗ) · m/(u + ε).
      const m = W0.map(() => 0);
      const u = W0.map(() => 0);
      let t = 0;
      return (w, g) => {
        t++;
        return w.map((v, i) => {
          m[i] = 0.8 * m[i] + 0.2 * g[i];
          u[i] = Math.max(0.9 * u[i], Math.abs(g[i]));
          return v - ((0.1 / (1 - 0.8 ** t)) * m[i]) / (u[i] + 1e-2);
        });
      };
    },
  },
];

/** Runs `steps` steps of the optimizer on L and returns w after each. */
function train(config: OptimizerConfig, steps: number, fused = false): number[][] {
  const optimizer = makeOptimizer(config, { fused });
  const w = tf.variable(tf.tensor1d(W0));
  const target = tf.tensor1d(TARGET);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    optimizer.minimize(() => tf.mul(0.5, tf.sum(tf.square(tf.sub(w, target)))) as tf.Scalar);
    out.push(Array.from(w.dataSync()));
  }
  tf.dispose([w, target]);
  optimizer.dispose();
  return out;
}

describe.each(ENGINES)('makeOptimizer, $engine', ({ backend, fused }) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });
  const cases = fused ? CASES.filter((c) => REGISTERED[backend].includes(c.config.kind)) : CASES;

  it('has a hand-written rule for every optimizer the project file allows', () => {
    const covered = new Set(CASES.map((c) => c.config.kind));
    expect(OPTIMIZERS.filter((k: OptimizerKind) => !covered.has(k))).toEqual([]);
  });

  it.each(cases)('$name: its first three steps are the update rule’s, and the loss falls', ({ config, rule }) => {
    const steps = train(config, 30, fused);
    const step = rule();
    let expected = W0;
    for (let k = 0; k < 3; k++) {
      expected = step(expected, grad(expected));
      steps[k].forEach((v, i) => expect(v, `step ${k + 1}, weight ${i}`).toBeCloseTo(expected[i], 5));
    }
    expect(lossAt(steps[0])).toBeLessThan(lossAt(W0));
    expect(lossAt(steps.at(-1)!)).toBeLessThan(lossAt(steps[0]));
  });

  it('fills the settings a project leaves out with the Keras defaults', () => {
    // Adam's defaults: lr 0.001, β 0.9 / 0.999; the first step is lr·sign(g) (up to ε).
    const [first] = train({ kind: 'adam' }, 1, fused);
    first.forEach((v, i) => expect(v).toBeCloseTo(W0[i] - 0.001 * Math.sign(grad(W0)[i]), 6));
  });
});

describe('fused optimizer updates', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it('are what makeOptimizer gives where the kernels are registered', async () => {
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      for (const kind of OPTIMIZERS) {
        const fused = REGISTERED[backend].includes(kind);
        expect(hasFusedUpdate(kind), `${kind} on ${backend}`).toBe(fused);
        const optimizer = makeOptimizer({ kind });
        expect(optimizer.constructor.name.startsWith('Fused'), `${kind} on ${backend}`).toBe(fused);
        optimizer.dispose();
      }
    }
    await tf.setBackend('wasm');
  });

  /** 300 steps on a three-layer network's worth of weights with random gradients, both ways. */
  const pairs = Object.entries(REGISTERED).flatMap(([backend, kinds]) => kinds.map((kind) => ({ backend, kind })));
  it.each(pairs)(
    '$kind follows TF.js’s own step for step on a network’s weights ($backend)',
    async ({ backend, kind }) => {
      await tf.setBackend(backend);
      const shapes = [[64, 32], [32], [32, 10], [10]];
      const config: OptimizerConfig = { kind, learningRate: 0.01 };
      const run = (fused: boolean) => {
        // Seeded values (tf.randomNormal's seed does not make it repeat in TF.js 4.22).
        const random = (shape: number[], scale: number, seed: number) =>
          tf.mul(
            tf.tensor(
              randomValues(
                shape.reduce((p, d) => p * d, 1),
                seed,
              ),
              shape,
            ),
            scale,
          );
        const vars = shapes.map((shape, k) => tf.variable(random(shape, 1, k + 1)));
        const optimizer = makeOptimizer(config, { fused });
        for (let step = 0; step < 300; step++) {
          const grads = tf.tidy(() =>
            Object.fromEntries(vars.map((v, k) => [v.name, random(v.shape, 1 + (step % 7), 1000 + step * 10 + k)])),
          );
          optimizer.applyGradients(grads);
          tf.dispose(Object.values(grads));
        }
        const out = vars.map((v) => Array.from(v.dataSync()));
        optimizer.dispose();
        tf.dispose(vars);
        return out;
      };
      const [theirs, ours] = [run(false), run(true)];
      let worst = 0;
      theirs.forEach((w, k) =>
        w.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - ours[k][i]) / (Math.abs(v) + 1)))),
      );
      expect(worst).toBeLessThan(1e-5);
      await tf.setBackend('wasm');
    },
  );

  it('run one kernel per variable and step, and leave no tensor behind', async () => {
    const vars = [tf.variable(tf.ones([100, 10])), tf.variable(tf.zeros([10]))];
    const grads = Object.fromEntries(vars.map((v) => [v.name, tf.onesLike(v)]));
    for (const fused of [true, false]) {
      const optimizer = makeOptimizer({ kind: 'adam' }, { fused });
      optimizer.applyGradients(grads); // the first step creates the moments
      const before = tf.memory().numTensors;
      const profile = await tf.profile(() => optimizer.applyGradients(grads));
      expect(tf.memory().numTensors).toBe(before);
      if (fused) expect(profile.kernels.map((k) => k.name)).toEqual(['DeepwireAdamUpdate', 'DeepwireAdamUpdate']);
      else expect(profile.kernels.length).toBeGreaterThan(20); // what the fused kernel replaces
      optimizer.dispose();
    }
    tf.dispose([...vars, ...Object.values(grads)]);
  });

  it('save and load their state under TF.js’s names, and go on where they were', async () => {
    const v = tf.variable(tf.tensor1d([1, -2, 0.5]));
    const g = { [v.name]: tf.tensor1d([0.3, -0.1, 0.2]) };
    const a = makeOptimizer({ kind: 'adam', learningRate: 0.1 });
    for (let k = 0; k < 3; k++) a.applyGradients(g);
    const saved = await a.getWeights();
    expect(saved.map((w) => w.name)).toEqual(['iter', `${v.name}/m`, `${v.name}/v`]);
    const b = makeOptimizer({ kind: 'adam', learningRate: 0.1 });
    await b.setWeights(saved);
    const start = Array.from(v.dataSync());
    a.applyGradients(g);
    const afterA = Array.from(v.dataSync());
    v.assign(tf.tensor1d(start));
    b.applyGradients(g);
    Array.from(v.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(afterA[i], 6));
    a.dispose();
    b.dispose();
    tf.dispose([v, ...Object.values(g)]);
  });
});
