import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../../../shared/catalog';
import { compileGraph, CompileError } from '../index';
import { KIND_CASES, type KindCase } from './graphsForKinds';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const weightCount = (ws: tf.LayerVariable[]) =>
  ws.reduce((n, w) => n + (w.shape as number[]).reduce((p, d) => p * d, 1), 0);

function randomInputs(model: tf.LayersModel, c: KindCase): tf.Tensor[] {
  return model.inputs.map((input) => {
    const shape = [2, ...input.shape.slice(1)] as number[];
    return c.intInputs ? tf.randomUniform(shape, 0, c.intInputs, 'int32').toFloat() : tf.randomNormal(shape);
  });
}

describe('compileGraph', () => {
  it.each(KIND_CASES.map((c) => [c.name, c] as const))(
    '%s: counts and shapes equal shape inference, and it runs',
    (_name, c) => {
      const { model, analysis, nodeOutputs } = compileGraph(c.graph, { seed: 1 });
      expect(model.countParams()).toBe(analysis.totals.total);
      expect(weightCount(model.trainableWeights)).toBe(analysis.totals.trainable);
      expect(weightCount(model.nonTrainableWeights)).toBe(analysis.totals.nonTrainable);
      for (const [id, t] of nodeOutputs) expect(t.shape, id).toEqual(analysis.nodes.get(id)!.outputShape);
      // Layer names are the node ids.
      for (const n of c.graph.nodes)
        expect(
          model.layers.some((l) => l.name === n.id),
          n.id,
        ).toBe(true);
      tf.tidy(() => {
        const y = model.predict(randomInputs(model, c)) as tf.Tensor;
        expect(y.shape.slice(1)).toEqual(analysis.nodes.get(analysis.outputs[0])!.outputShape!.slice(1));
        expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
      });
      model.dispose();
    },
  );

  it('the cases cover every catalog kind', () => {
    const covered = new Set(['Input', ...KIND_CASES.flatMap((c) => c.kinds)]);
    expect(KINDS.filter((k) => !covered.has(k))).toEqual([]);
  });

  it('splits activations TF.js lacks into <id>__act layers', () => {
    const { model } = compileGraph(KIND_CASES[1].graph);
    expect(model.layers.map((l) => l.name)).toEqual(['in', 'n0', 'n0__act', 'n1', 'n1__act', 'n2']);
    expect(model.getLayer('n1').trainable).toBe(false);
    model.dispose();
  });

  it('same seed gives the same weights; another seed does not', () => {
    const g = KIND_CASES[0].graph;
    const w = (seed: number) => {
      const { model } = compileGraph(g, { seed });
      const v = Array.from(model.getLayer('n0').getWeights()[0].dataSync());
      model.dispose();
      return v;
    };
    expect(w(7)).toEqual(w(7));
    expect(w(7)).not.toEqual(w(8));
  });

  // Regression: TF.js clones the wrapped layer's config (seeds included) for the backward RNN.
  it('Bidirectional: forward and backward start with different weights, the same in every compile', () => {
    const graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [5, 3] } },
        { id: 'bi', kind: 'Bidirectional', params: { layer: 'LSTM', units: 4 } },
      ],
      edges: [{ source: 'in', target: 'bi' }],
    };
    const weights = () => {
      const { model } = compileGraph(graph, { seed: 11 });
      const w = model.layers
        .at(-1)!
        .getWeights()
        .map((t) => Array.from(t.dataSync()));
      model.dispose();
      return w;
    };
    const first = weights();
    expect(first).toHaveLength(6); // kernel, recurrent kernel, bias per direction
    expect(first[3]).not.toEqual(first[0]); // backward kernel ≠ forward kernel
    expect(first[4]).not.toEqual(first[1]); // backward recurrent kernel ≠ forward one
    expect(weights()).toEqual(first);
  });

  it('custom layers and the reset-after GRU save and load with the same outputs', async () => {
    const c: KindCase = {
      name: 'custom',
      kinds: [],
      graph: {
        nodes: [
          { id: 'in', kind: 'Input', params: { shape: [4, 4, 3] } },
          { id: 'lrn', kind: 'LocalResponseNormalization', params: { depthRadius: 1 } },
          { id: 'g', kind: 'GaussianActivation', params: { sigma: 1.5 } },
          { id: 'r', kind: 'Reshape', params: { targetShape: [16, 3] } },
          { id: 'gru', kind: 'GRU', params: { units: 4, returnSequences: true } },
          { id: 'bi', kind: 'Bidirectional', params: { layer: 'GRU', units: 2 } },
          { id: 'd1', kind: 'Dense', params: { units: 3, activation: 'gaussian' } },
          { id: 'd2', kind: 'Dense', params: { units: 3, activation: 'leakyRelu' } },
          { id: 's', kind: 'Subtract', params: {} },
        ],
        edges: [
          { source: 'in', target: 'lrn' },
          { source: 'lrn', target: 'g' },
          { source: 'g', target: 'r' },
          { source: 'r', target: 'gru' },
          { source: 'gru', target: 'bi' },
          { source: 'bi', target: 'd1' },
          { source: 'bi', target: 'd2' },
          { source: 'd1', target: 's' },
          { source: 'd2', target: 's' },
        ],
      },
    };
    const { model } = compileGraph(c.graph, { seed: 3 });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(
        async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }),
      ),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(loaded.countParams()).toBe(model.countParams());
    const x = tf.randomNormal([2, 4, 4, 3]);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('the reset-after GRU matches Keras maths on a hand-computed step', () => {
    // One unit, one input, one step, h0 = 0: z = σ(wz·x + bz + rbz), r = σ(wr·x + br + rbr),
    // hh = tanh(wh·x + bh + r·(rbh)), h = (1 − z)·hh.
    const graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [1, 1] } },
        { id: 'gru', kind: 'GRU', params: { units: 1 } },
      ],
      edges: [{ source: 'in', target: 'gru' }],
    };
    const { model } = compileGraph(graph);
    const layer = model.getLayer('gru');
    layer.setWeights([
      tf.tensor2d([[0.5, -0.3, 0.8]]),
      tf.tensor2d([[0.1, 0.2, 0.3]]),
      tf.tensor2d([
        [0.1, 0.2, 0.3],
        [0.4, 0.5, 0.6],
      ]),
    ]);
    const x = 2;
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const z = sig(0.5 * x + 0.1 + 0.4);
    const r = sig(-0.3 * x + 0.2 + 0.5);
    const hh = Math.tanh(0.8 * x + 0.3 + r * 0.6);
    const h = (1 - z) * hh;
    const y = model.predict(tf.tensor3d([[[x]]])) as tf.Tensor;
    expect(y.dataSync()[0]).toBeCloseTo(h, 5);
    model.dispose();
  });

  // Regression: TF.js 4.22 read γ and β unconditionally while training, so a BatchNormalization
  // with scale or center off threw on the first batch (found by layerGradientCoverage.test.ts).
  it.each([{ scale: false }, { center: false }, { scale: false, center: false }])(
    'BatchNormalization %o normalises the batch while training, and saves and loads',
    async (params) => {
      const graph = {
        nodes: [
          { id: 'in', kind: 'Input', params: { shape: [3] } },
          { id: 'bn', kind: 'BatchNormalization', params: { ...params, epsilon: 1e-6 } },
        ],
        edges: [{ source: 'in', target: 'bn' }],
      };
      const { model } = compileGraph(graph);
      const x = tf.tensor2d([
        [1, 10, -2],
        [3, 20, -4],
        [5, 60, -9],
      ]);
      const y = model.apply(x, { training: true }) as tf.Tensor;
      const { mean, variance } = tf.moments(y, 0);
      for (const m of mean.dataSync()) expect(m).toBeCloseTo(0, 4);
      for (const v of variance.dataSync()) expect(v).toBeCloseTo(1, 3);
      let saved: tf.io.ModelArtifacts | undefined;
      await model.save(
        tf.io.withSaveHandler(
          async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }),
        ),
      );
      const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
      const again = loaded.apply(x, { training: true }) as tf.Tensor;
      expect(Array.from(again.dataSync())).toEqual(Array.from(y.dataSync()));
      tf.dispose([x, y, mean, variance, again]);
      model.dispose();
      loaded.dispose();
    },
  );

  it('refuses an invalid graph with the problem message', () => {
    const graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [8] } },
        { id: 'c', kind: 'Conv2D', params: {} },
      ],
      edges: [{ source: 'in', target: 'c' }],
    };
    expect(() => compileGraph(graph)).toThrow(CompileError);
    try {
      compileGraph(graph);
    } catch (e) {
      expect((e as CompileError).code).toBe('invalid-graph');
      expect((e as CompileError).message).toMatch(/Conv2D/);
    }
  });
  it('a Flatten right after a rank-2 input compiles and changes nothing, as in Keras (fuzz finding, issue 13)', () => {
    // TF.js's own Flatten refused this ("expected min_ndim=3, found ndim=2") after the shape check passed.
    const graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [5] } },
        { id: 'flat', kind: 'Flatten', params: {} },
        { id: 'out', kind: 'Dense', params: { units: 2 } },
      ],
      edges: [
        { source: 'in', target: 'flat' },
        { source: 'flat', target: 'out' },
      ],
    };
    const { model, nodeOutputs } = compileGraph(graph, { seed: 1 });
    expect(nodeOutputs.get('flat')!.shape).toEqual([null, 5]);
    const x = tf.tensor2d([[1, -2, 3, -4, 5]]);
    const flat = tf.model({ inputs: model.inputs, outputs: nodeOutputs.get('flat')! });
    expect(Array.from((flat.predict(x) as tf.Tensor).dataSync())).toEqual([1, -2, 3, -4, 5]);
    // A Flatten of an image is TF.js's own Flatten, as before.
    const image = compileGraph({
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [2, 3, 1] } },
        { id: 'flat', kind: 'Flatten', params: {} },
      ],
      edges: [{ source: 'in', target: 'flat' }],
    });
    expect(image.model.getLayer('flat').getClassName()).toBe('Flatten');
    expect(image.nodeOutputs.get('flat')!.shape).toEqual([null, 6]);
    // `flat` shares its layers with `model`: disposing `model` frees them.
    for (const m of [model, image.model]) m.dispose();
    x.dispose();
  });

  // Every template's compiled countParams() is checked against shape inference in
  // templates/countParams.test.ts.
});

describe('FastOrthogonal', () => {
  it('gives orthonormal columns (times gain), seeded', async () => {
    const { FastOrthogonal } = await import('../orthogonal');
    const w = new FastOrthogonal({ gain: 2, seed: 5 }).apply([30, 20]);
    const wtw = tf.matMul(w, w, true, false).arraySync() as number[][];
    for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) expect(wtw[i][j]).toBeCloseTo(i === j ? 4 : 0, 4);
    const again = new FastOrthogonal({ gain: 2, seed: 5 }).apply([30, 20]);
    expect(Array.from(again.dataSync())).toEqual(Array.from(w.dataSync()));
    const wide = new FastOrthogonal({ seed: 1 }).apply([3, 8]);
    const wwt = tf.matMul(wide, wide, false, true).arraySync() as number[][];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(wwt[i][j]).toBeCloseTo(i === j ? 1 : 0, 4);
    tf.dispose([w, again, wide]);
  });

  it('blocked on the backend: orthonormal to 1e-5, seeded, the same Q as plain Gram–Schmidt', async () => {
    const { blockedOrthonormalColumns, orthonormalColumns } = await import('../orthogonal');
    const { Rng } = await import('../../datasets/rng');
    // 300 columns = two full blocks of 128 and a partial one, so every branch runs.
    const m = 400;
    const n = 300;
    const q = blockedOrthonormalColumns(m, n, new Rng(7));
    let worst = 0;
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) {
        let dot = 0;
        for (let r = 0; r < m; r++) dot += q[i * m + r] * q[j * m + r];
        worst = Math.max(worst, Math.abs(dot - (i === j ? 1 : 0)));
      }
    expect(worst).toBeLessThan(1e-5);
    expect(Array.from(blockedOrthonormalColumns(m, n, new Rng(7)))).toEqual(Array.from(q));
    // QR with a positive diagonal is unique: both paths give one Q (up to float32 matmul rounding).
    const plain = orthonormalColumns(m, n, new Rng(7));
    let diff = 0;
    for (let i = 0; i < q.length; i++) diff = Math.max(diff, Math.abs(q[i] - plain[i]));
    expect(diff).toBeLessThan(1e-4);
  });

  it('keeps large ones in the weight cache: the second run reads the same values back', async () => {
    const { orthogonalKernel, BLOCKED_ORTHOGONAL_MIN_WORK } = await import('../orthogonal');
    const { mkdtempSync, readdirSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'deepwire-weights-'));
    const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => v === b[i]);
    const [m, n] = [520, 360]; // m·n² above the blocked path's threshold
    expect(m * n * n).toBeGreaterThanOrEqual(BLOCKED_ORTHOGONAL_MIN_WORK);
    const first = orthogonalKernel(m, n, 3, dir);
    const files = readdirSync(dir);
    expect(files).toEqual([`orthogonal-v1-b64-${m}x${n}-seed3.f32`]);
    const t0 = performance.now();
    const again = orthogonalKernel(m, n, 3, dir);
    expect(performance.now() - t0).toBeLessThan(200); // read back, not computed
    expect(same(again, first)).toBe(true);
    expect(same(orthogonalKernel(m, n, 3, null), first)).toBe(true); // cache off: same values
    // A truncated file is not trusted: computed again and rewritten.
    writeFileSync(join(dir, files[0]), new Float32Array(10));
    expect(same(orthogonalKernel(m, n, 3, dir), first)).toBe(true);
    // Another seed is another entry; no seed (random) is never cached.
    orthogonalKernel(m, n, 4, dir);
    orthogonalKernel(m, n, undefined, dir);
    expect(readdirSync(dir).sort()).toEqual([files[0], `orthogonal-v1-b64-${m}x${n}-seed4.f32`].sort());
    rmSync(dir, { recursive: true, force: true });
  });
});
