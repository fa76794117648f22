import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../../../shared/graph/types';
import { compileGraph } from '../index';

/*
 * Bug: TF.js 4.22's SeparableConv2D builds its pointwise initializer from `depthwiseInitializer`,
 * so the catalog's pointwiseInitializer was silently ignored and both kernels shared one seed.
 */

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const graph = (params: Record<string, unknown>): Graph => ({
  nodes: [
    { id: 'in', kind: 'Input', params: { shape: [6, 6, 2] } },
    { id: 'sep', kind: 'SeparableConv2D', params: { filters: 3, kernelSize: 3, ...params } },
  ],
  edges: [{ source: 'in', target: 'sep' }],
});

const kernels = (model: tf.LayersModel) => {
  const [depthwise, pointwise] = model.getLayer('sep').getWeights();
  return { depthwise: Array.from(depthwise.dataSync()), pointwise: Array.from(pointwise.dataSync()) };
};

describe('SeparableConv2D initializers', () => {
  it('uses pointwiseInitializer for the pointwise kernel', () => {
    const { model } = compileGraph(graph({ depthwiseInitializer: 'zeros', pointwiseInitializer: 'ones' }), { seed: 1 });
    const k = kernels(model);
    expect(k.depthwise.every((v) => v === 0)).toBe(true);
    expect(k.pointwise.every((v) => v === 1)).toBe(true);
    expect(model.getLayer('sep').getConfig().pointwiseInitializer).toMatchObject({ className: 'Ones' });
  });
});
