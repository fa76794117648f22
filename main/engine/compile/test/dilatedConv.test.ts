import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Params } from '../../../../shared/catalog/types';
import type { Graph } from '../../../../shared/graph/types';
import { registerTrainingKernels } from '../../kernels/register';
import { compileGraph } from '../index';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerTrainingKernels('cpu');
});

function chain(shape: number[], layers: [string, Params][]): Graph {
  const nodes = [
    { id: 'in', kind: 'Input', params: { shape } },
    ...layers.map(([kind, params], i) => ({ id: `n${i}`, kind, params })),
  ];
  const edges = layers.map((_, i) => ({ source: i === 0 ? 'in' : `n${i - 1}`, target: `n${i}` }));
  return { nodes, edges };
}

/** Every catalog kind with a dilationRate, dilated, with the activations TF.js would fuse. */
const CASES: { name: string; shape: number[]; layer: [string, Params] }[] = [
  { name: 'Conv1D dilation 2', shape: [16, 3], layer: ['Conv1D', { filters: 4, kernelSize: 3, dilationRate: 2 }] },
  {
    name: 'Conv1D dilation 2 causal',
    shape: [16, 3],
    layer: ['Conv1D', { filters: 4, kernelSize: 3, dilationRate: 2, padding: 'causal' }],
  },
  {
    name: 'Conv2D dilation 2 linear',
    shape: [9, 9, 3],
    layer: ['Conv2D', { filters: 4, kernelSize: 3, dilationRate: 2 }],
  },
  {
    name: 'Conv2D dilation [2, 3] same sigmoid',
    shape: [9, 9, 3],
    layer: ['Conv2D', { filters: 4, kernelSize: 3, dilationRate: [2, 3], padding: 'same', activation: 'sigmoid' }],
  },
  {
    name: 'DepthwiseConv2D dilation 2 ×2',
    shape: [9, 9, 3],
    layer: ['DepthwiseConv2D', { kernelSize: 3, dilationRate: 2, depthMultiplier: 2 }],
  },
  {
    name: 'DepthwiseConv2D dilation 3 same',
    shape: [9, 9, 3],
    layer: ['DepthwiseConv2D', { kernelSize: 3, dilationRate: 3, padding: 'same', activation: 'tanh' }],
  },
  {
    name: 'SeparableConv2D dilation 2',
    shape: [9, 9, 3],
    layer: ['SeparableConv2D', { filters: 5, kernelSize: 3, dilationRate: 2 }],
  },
  // TF.js 4.22's own SeparableConv2D leaves depthMultiplier out of its config and could not load
  // this back; Deepwire's keeps it (customLayers.ts, runs/separableConvReload.test.ts).
  {
    name: 'SeparableConv2D dilation 2 ×2',
    shape: [9, 9, 3],
    layer: ['SeparableConv2D', { filters: 5, kernelSize: 3, dilationRate: 2, depthMultiplier: 2 }],
  },
];

describe('dilated convolutions compile as the catalog describes them and can be differentiated', () => {
  it.each(CASES)(
    '$name: shapes equal shape inference, gradients are finite, save/load keeps the outputs',
    async (c) => {
      const { model, analysis, nodeOutputs } = compileGraph(chain(c.shape, [c.layer]), { seed: 1 });
      for (const [id, t] of nodeOutputs) expect(t.shape, id).toEqual(analysis.nodes.get(id)!.outputShape);
      expect(model.countParams()).toBe(analysis.totals.total);
      const x = tf.randomNormal([2, ...c.shape], 0, 1, 'float32', 3);
      const y = model.predict(x) as tf.Tensor;
      expect(y.shape.slice(1)).toEqual(analysis.nodes.get('n0')!.outputShape!.slice(1));

      const { value, grads } = tf.variableGrads(() =>
        tf.sum(tf.square(model.apply(x, { training: true }) as tf.Tensor)),
      );
      expect(Object.keys(grads)).toHaveLength(model.trainableWeights.length);
      for (const g of Object.values(grads)) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
      expect(Object.values(grads).some((g) => tf.any(tf.notEqual(g, 0)).dataSync()[0])).toBe(true);

      let saved: tf.io.ModelArtifacts | undefined;
      await model.save(
        tf.io.withSaveHandler(
          async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }),
        ),
      );
      const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
      const again = loaded.predict(x) as tf.Tensor;
      expect(again.shape).toEqual(y.shape);
      expect(tf.max(tf.abs(tf.sub(again, y))).dataSync()[0]).toBeLessThanOrEqual(1e-6);
      tf.dispose([x, y, value, again, ...Object.values(grads)]);
      model.dispose();
      loaded.dispose();
    },
  );

  it('a dilated Conv2D computes exactly what TF.js’s own Conv2D layer does with the same weights', () => {
    const params: Params = { filters: 4, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'sigmoid' };
    const { model } = compileGraph(chain([9, 9, 3], [['Conv2D', params]]), { seed: 2 });
    const own = tf.layers.conv2d({
      filters: 4,
      kernelSize: 3,
      dilationRate: 2,
      padding: 'same',
      activation: 'sigmoid',
    });
    const x = tf.randomNormal([2, 9, 9, 3], 0, 1, 'float32', 4);
    own.apply(x);
    own.setWeights(model.getLayer('n0').getWeights());
    const diff = tf.max(tf.abs(tf.sub(model.predict(x) as tf.Tensor, own.apply(x) as tf.Tensor))).dataSync()[0];
    expect(diff).toBeLessThanOrEqual(1e-6);
    expect(model.getLayer('n0').getClassName()).toBe('DeepwireDilatedConv2D');
    model.dispose();
  });

  it('undilated Conv2D and DepthwiseConv2D stay TF.js’s own layers', () => {
    const { model } = compileGraph(
      chain(
        [9, 9, 3],
        [
          ['Conv2D', { filters: 4, kernelSize: 3 }],
          ['DepthwiseConv2D', { kernelSize: 3 }],
        ],
      ),
    );
    expect(model.layers.slice(1).map((l) => l.getClassName())).toEqual(['Conv2D', 'DepthwiseConv2D']);
    model.dispose();
  });
});
