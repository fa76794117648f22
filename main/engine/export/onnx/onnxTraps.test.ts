import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Params } from '../../../../shared/catalog/types';
import type { Graph } from '../../../../shared/graph/types';
import { compileGraph } from '../../compile';
import { maxRelativeError } from '../compare';
import { ExportError } from '../exportError';
import { EXPORT_TOLERANCE } from '../types';
import { randomizeWeights, referenceBatch } from '../test/exportFixtures';
import { convertModel } from './convertModel';
import { runOnnx } from './onnxExporter';
import { onnxTypes } from '../../onnx/onnxProto';

/*
 * The known traps of exporting Keras/TF.js models to ONNX (issue 10), one test each: the numbers
 * must match TF.js, and where the trap is in an attribute, the attribute is checked too.
 */

let dir: string;
let count = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'dw-onnx-traps-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function chain(shape: number[], layers: [string, Params][]): Graph {
  return {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape } },
      ...layers.map(([kind, params], i) => ({ id: `n${i}`, kind, params })),
    ],
    edges: layers.map((_, i) => ({ source: i === 0 ? 'in' : `n${i - 1}`, target: `n${i}` })),
  };
}

interface DecodedNode {
  op_type: string;
  attribute?: {
    name: string;
    i?: number;
    f?: number;
    ints?: number[];
    floats?: number[];
    s?: string;
    strings?: string[];
  }[];
}

/** Exports the graph, runs it in onnxruntime, checks it equals TF.js, returns the ONNX nodes. */
async function exportAndCompare(graph: Graph, examples = 3): Promise<{ nodes: DecodedNode[]; error: number }> {
  const { model } = compileGraph(graph, { seed: 3 });
  randomizeWeights(model, 11 + count);
  const batch = referenceBatch(model, examples, 5 + count, undefined);
  const { bytes } = convertModel(model, { producerVersion: 'test' });
  const path = join(dir, `trap${count++}.onnx`);
  await writeFile(path, bytes);
  const error = maxRelativeError(await runOnnx(path, batch.input), batch.output.values);
  expect(error).toBeLessThanOrEqual(EXPORT_TOLERANCE);
  const { ModelProto } = onnxTypes();
  const decoded = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, bytes: String }) as {
    graph: { node: DecodedNode[] };
  };
  const text = (s?: string) => (s ? Buffer.from(s, 'base64').toString() : s);
  const nodes = decoded.graph.node.map((n) => ({
    ...n,
    attribute: n.attribute?.map((a) => ({ ...a, s: text(a.s), strings: a.strings?.map((x) => text(x)!) })),
  }));
  return { nodes, error };
}

const attr = (nodes: DecodedNode[], op: string, name: string) =>
  nodes.find((n) => n.op_type === op)?.attribute?.find((a) => a.name === name);

describe('ONNX export traps', () => {
  it("TF 'same' padding puts the odd pixel at the end: explicit asymmetric pads", async () => {
    const { nodes } = await exportAndCompare(
      chain(
        [8, 8, 3],
        [
          ['Conv2D', { filters: 4, kernelSize: 3, strides: 2, padding: 'same' }],
          ['MaxPooling2D', { poolSize: 2, strides: 2, padding: 'same' }],
          ['AveragePooling2D', { poolSize: 3, strides: 2, padding: 'same' }],
        ],
      ),
    );
    // 8 → 4 with k 3, s 2: total padding 1, all of it at the end.
    expect(attr(nodes, 'Conv', 'pads')?.ints).toEqual([0, 0, 1, 1]);
    expect(attr(nodes, 'AveragePool', 'pads')?.ints).toEqual([0, 0, 1, 1]);
    expect(attr(nodes, 'AveragePool', 'count_include_pad')?.i).toBe(0);
  });

  it('a Conv1D with a free sequence length falls back to SAME_UPPER (the same rule)', async () => {
    const graph = chain([10, 3], [['Conv1D', { filters: 2, kernelSize: 4, strides: 3, padding: 'same' }]]);
    graph.nodes[0].params = { shape: [null, 3] };
    const { nodes } = await exportAndCompare(graph);
    expect(attr(nodes, 'Conv', 'auto_pad')?.s).toBe('SAME_UPPER');
  });

  it('Flatten after a convolution flattens in NHWC order', async () => {
    await exportAndCompare(
      chain(
        [5, 4, 3],
        [
          ['Conv2D', { filters: 6, kernelSize: 2 }],
          ['Flatten', {}],
          ['Dense', { units: 3 }],
        ],
      ),
    );
  });

  it('LSTM: gates reordered i,f,c,o → i,o,f,c; hardSigmoid is 0.2x + 0.5; alpha/beta only where taken', async () => {
    const { nodes } = await exportAndCompare(
      chain([6, 3], [['LSTM', { units: 4, recurrentActivation: 'hardSigmoid', returnSequences: true }]]),
    );
    expect(attr(nodes, 'LSTM', 'activations')?.strings).toEqual(['HardSigmoid', 'Tanh', 'Tanh']);
    expect(attr(nodes, 'LSTM', 'activation_alpha')?.floats).toEqual([expect.closeTo(0.2, 6)]);
    expect(attr(nodes, 'LSTM', 'activation_beta')?.floats).toEqual([0.5]);
    expect(attr(nodes, 'LSTM', 'layout')).toBeUndefined();
  });

  it('an LSTM with only sigmoid/tanh writes no activation_alpha/beta at all', async () => {
    const { nodes } = await exportAndCompare(chain([6, 3], [['LSTM', { units: 4 }]]));
    expect(attr(nodes, 'LSTM', 'activation_alpha')).toBeUndefined();
    expect(attr(nodes, 'LSTM', 'activation_beta')).toBeUndefined();
  });

  it('GRU reset_after=True is linear_before_reset=1 with both biases; reset_after=False is 0', async () => {
    const after = await exportAndCompare(chain([5, 3], [['GRU', { units: 4, returnSequences: true }]]));
    expect(attr(after.nodes, 'GRU', 'linear_before_reset')?.i).toBe(1);
    const before = await exportAndCompare(chain([5, 3], [['GRU', { units: 4, resetAfter: false }]]));
    expect(attr(before.nodes, 'GRU', 'linear_before_reset')?.i).toBe(0);
  });

  it("TF.js's hardSigmoid activation (0.2x + 0.5, clipped) on values beyond ±2.5", async () => {
    const graph = chain(
      [4],
      [
        ['Dense', { units: 6 }],
        ['Activation', { activation: 'hardSigmoid' }],
      ],
    );
    const { nodes } = await exportAndCompare(graph);
    expect(attr(nodes, 'HardSigmoid', 'alpha')?.f).toBeCloseTo(0.2, 6);
  });

  it('BatchNormalization keeps its epsilon exactly (not ONNX’s 1e-5 default)', async () => {
    const { nodes } = await exportAndCompare(chain([3, 3, 4], [['BatchNormalization', { epsilon: 0.25 }]]));
    expect(attr(nodes, 'BatchNormalization', 'epsilon')?.f).toBe(0.25);
  });

  it('LRN: size = 2·radius + 1 and alpha × size', async () => {
    const { nodes } = await exportAndCompare(
      chain([3, 3, 9], [['LocalResponseNormalization', { depthRadius: 2, bias: 1, alpha: 0.5, beta: 0.75 }]]),
    );
    expect(attr(nodes, 'LRN', 'size')?.i).toBe(5);
    expect(attr(nodes, 'LRN', 'alpha')?.f).toBeCloseTo(2.5, 6);
  });

  it('depthwise weights: [kh,kw,C,m] → [C·m,1,kh,kw], group = C, dilated too', async () => {
    const { nodes } = await exportAndCompare(
      chain([9, 9, 3], [['DepthwiseConv2D', { kernelSize: 3, depthMultiplier: 3, dilationRate: 2, padding: 'same' }]]),
    );
    expect(attr(nodes, 'Conv', 'group')?.i).toBe(3);
    expect(attr(nodes, 'Conv', 'dilations')?.ints).toEqual([2, 2]);
  });

  it('a dilated Conv2D (Deepwire’s own layer class) with same padding', async () => {
    await exportAndCompare(
      chain([9, 9, 2], [['Conv2D', { filters: 3, kernelSize: 3, dilationRate: 2, padding: 'same' }]]),
    );
  });

  it.each([
    [3, 2, 'same'],
    [4, 2, 'same'],
    [3, 2, 'valid'],
    [1, 2, 'valid'],
    [1, 2, 'same'],
    [2, 3, 'same'],
  ] as const)('Conv2DTranspose k=%i s=%i %s: padding 0, then crop or extend to TF’s size', async (k, s, padding) => {
    const { nodes } = await exportAndCompare(
      chain([4, 5, 3], [['Conv2DTranspose', { filters: 2, kernelSize: k, strides: s, padding }]]),
    );
    expect(attr(nodes, 'ConvTranspose', 'pads')?.ints).toEqual([0, 0, 0, 0]);
    expect(attr(nodes, 'ConvTranspose', 'output_padding')).toBeUndefined();
  });

  it('go_backwards is direction "reverse"; a backwards sequence comes out in the order it ran, as Keras', async () => {
    const { nodes } = await exportAndCompare(
      chain(
        [5, 3],
        [
          ['GRU', { units: 4, goBackwards: true, returnSequences: true }],
          ['SimpleRNN', { units: 3, goBackwards: true, returnSequences: true }],
          ['LSTM', { units: 3, goBackwards: true }],
        ],
      ),
    );
    for (const op of ['GRU', 'RNN', 'LSTM']) expect(attr(nodes, op, 'direction')?.s).toBe('reverse');
    // The two sequences are flipped back to the order they ran in.
    expect(nodes.filter((n) => n.op_type === 'Slice')).toHaveLength(2);
  });

  it('Deepwire’s custom layers (Gaussian, LRN, Subtract, causal padding) export as ONNX operators', async () => {
    await exportAndCompare(
      chain(
        [6, 2],
        [
          ['Conv1D', { filters: 3, kernelSize: 3, padding: 'causal', dilationRate: 2 }],
          ['GaussianActivation', { sigma: 0.7 }],
        ],
      ),
    );
  });

  it('an activation ONNX’s recurrent operators lack is refused naming the node', async () => {
    const { model } = compileGraph(chain([5, 3], [['SimpleRNN', { units: 2, activation: 'selu' }]]), { seed: 1 });
    const project = {
      format: 'deepwire-project' as const,
      version: 2 as const,
      name: 'x',
      graph: chain([5, 3], [['SimpleRNN', { units: 2, activation: 'selu' }]]),
    };
    expect(() => convertModel(model, { producerVersion: 'test', project })).toThrowError(ExportError);
    expect(() => convertModel(model, { producerVersion: 'test', project })).toThrowError(/^n0 \(SimpleRNN\): .*selu/);
  });
});
