import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../shared/catalog/enums';
import { getSpec, KINDS } from '../../../shared/catalog';
import type { Graph } from '../../../shared/graph/types';
import { compileGraph } from '../compile';
import { KIND_CASES, type KindCase } from '../compile/test/graphsForKinds';
import { initBackends, randomValues, relativeError } from './kernelTestHarness';

/**
 * Every catalog layer kind can train on wasm: its gradient needs no kernel wasm lacks, and wasm's
 * gradients agree with the cpu backend's. The models are the compiler's own (compileGraph over the
 * graphs of compile/test/graphsForKinds.ts, which cover every kind), so Deepwire's custom layers and
 * argument translations are differentiated exactly as training runs them.
 */

/**
 * Kinds with no gradient case of their own, and why. Empty but for Input: a new kind fails the
 * coverage test below until a graph in graphsForKinds.ts uses it or it is listed here with a reason.
 */
const WITHOUT_GRADIENT_CASE: Record<string, string> = {
  Input: 'a placeholder: no weights and no kernel of its own',
};

/** The layers that draw random numbers while training: backends cannot agree value for value there. */
const draws = (graph: Graph) =>
  graph.nodes.some(
    (n) =>
      getSpec(n.kind)?.category === 'Regularization' ||
      Number(n.params.dropout ?? 0) > 0 ||
      Number(n.params.recurrentDropout ?? 0) > 0,
  );

/** Dense(4) with each catalog activation, so every activation's gradient kernels run too. */
const ACTIVATION_CASES: KindCase[] = ACTIVATIONS.map((activation) => ({
  name: `Dense, ${activation}`,
  kinds: ['Dense'],
  graph: {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [4] } },
      { id: 'd', kind: 'Dense', params: { units: 4, activation } },
    ],
    edges: [{ source: 'in', target: 'd' }],
  },
}));

const CASES = [...KIND_CASES, ...ACTIVATION_CASES];

/**
 * d(Σ output · r)/d(input and every weight) for a fixed random r, recording which kernels ran.
 * Not Σ output²: after BatchNormalization that is constant (the batch's variance), its gradient
 * pure rounding noise, and backends could not be compared on it.
 */
async function gradients(model: tf.LayersModel, input: tf.Tensor, indices: boolean) {
  const x = tf.variable(input);
  const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const vars = indices ? weights : [x, ...weights];
  let values: Float32Array[] = [];
  const profile = await tf.profile(() => {
    const { grads } = tf.variableGrads(() => {
      const out = model.apply(x, { training: true }) as tf.Tensor;
      return tf.sum(tf.mul(out, tf.tensor(randomValues(out.size, 3), out.shape)));
    }, vars);
    values = vars.map((v) => grads[v.name].dataSync() as Float32Array);
    tf.dispose(grads);
  });
  x.dispose();
  input.dispose();
  return { values, kernels: [...new Set(profile.kernelNames)].filter((k) => !k.endsWith('__op')) };
}

/** Three examples of the model's input: normal noise, or integers in [0, n) for Embedding. */
function inputValues(model: tf.LayersModel, c: KindCase): { shape: number[]; values: Float32Array } {
  const shape = [3, ...(model.inputs[0].shape.slice(1) as number[])];
  const values = randomValues(
    shape.reduce((a, b) => a * b, 1),
    7,
  );
  return { shape, values: c.intInputs ? values.map((v) => Math.floor(((v + 1) / 2) * c.intInputs!)) : values };
}

describe('every catalog layer kind can train on wasm', () => {
  beforeAll(initBackends);

  it('every catalog kind has a gradient case, or a reason it has none', () => {
    const covered = new Set(CASES.flatMap((c) => c.kinds));
    expect(KINDS.filter((k) => !covered.has(k) && !(k in WITHOUT_GRADIENT_CASE))).toEqual([]);
    // A kind listed as uncovered that has a case (or no longer exists) is a stale entry.
    for (const kind of Object.keys(WITHOUT_GRADIENT_CASE)) {
      expect(KINDS).toContain(kind);
      expect(covered.has(kind), kind).toBe(false);
    }
  });

  it.each(CASES)('$name: its gradient kernels all exist on wasm, and wasm agrees with cpu', async (c) => {
    await tf.setBackend('cpu');
    const { model } = compileGraph(c.graph, { seed: 1 });
    const { shape, values } = inputValues(model, c);
    // A fresh input per backend: tfjs moves a cpu tensor to wasm by copying its bytes, and a cpu
    // float32 tensor cast from int32 can still hold an Int32Array, whose bits arrive as denormals.
    const onCpu = await gradients(model, tf.tensor(values, shape), !!c.intInputs);

    const missing = onCpu.kernels.filter((k) => !tf.getKernel(k, 'wasm'));
    expect(missing, `kernels ${c.name}'s gradient needs that wasm lacks`).toEqual([]);

    await tf.setBackend('wasm');
    const onWasm = await gradients(model, tf.tensor(values, shape), !!c.intInputs);
    expect(onWasm.values).toHaveLength(onCpu.values.length);
    if (!draws(c.graph)) {
      onWasm.values.forEach((g, i) =>
        expect(relativeError(g, onCpu.values[i]), `gradient ${i}`).toBeLessThanOrEqual(1e-4),
      );
    }
    model.dispose();
  });
});
