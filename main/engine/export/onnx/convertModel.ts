import type * as tf from '@tensorflow/tfjs';
import { getSpec } from '../../../../shared/catalog';
import type { Graph } from '../../../../shared/graph/types';
import { ACTIVATION_SUFFIX, layerNames } from '../../compile';
import { ExportError } from '../exportError';
import { layerWeights } from '../layerWeights';
import type { LayerContext, LayerConverter, Shape } from './context';
import * as conv from './convLayers';
import * as core from './coreLayers';
import { OnnxGraph } from './onnxGraph';
import { bidirectional, recurrent } from './recurrentLayers';

/** Suffix of the padding layer a causal Conv1D gets before it (compile/buildLayer.ts PAD_SUFFIX). */
const PAD_SUFFIX = '__pad';

/**
 * The converter of every TF.js layer class a compiled Deepwire graph can contain (the catalog's
 * kinds and the engine's own classes: split activations, causal padding, dilated convolutions,
 * the reset-after GRU). A class missing here is refused, naming the node.
 */
export const CONVERTERS: Record<string, LayerConverter> = {
  Dense: core.dense,
  Embedding: core.embedding,
  Conv1D: conv.conv,
  Conv2D: conv.conv,
  Conv3D: conv.conv,
  DeepwireDilatedConv2D: conv.conv,
  Conv2DTranspose: conv.convTranspose,
  SeparableConv2D: conv.separableConv,
  DepthwiseConv2D: conv.depthwiseConv,
  DeepwireDilatedDepthwiseConv2D: conv.depthwiseConv,
  DeepwireCausalPadding1D: conv.causalPadding,
  MaxPooling1D: conv.pool('MaxPool'),
  MaxPooling2D: conv.pool('MaxPool'),
  MaxPooling3D: conv.pool('MaxPool'),
  AveragePooling1D: conv.pool('AveragePool'),
  AveragePooling2D: conv.pool('AveragePool'),
  AveragePooling3D: conv.pool('AveragePool'),
  GlobalMaxPooling1D: conv.globalPool('ReduceMax'),
  GlobalMaxPooling2D: conv.globalPool('ReduceMax'),
  GlobalAveragePooling1D: conv.globalPool('ReduceMean'),
  GlobalAveragePooling2D: conv.globalPool('ReduceMean'),
  Flatten: core.flatten,
  Reshape: core.reshape,
  Permute: core.permute,
  RepeatVector: core.repeatVector,
  ZeroPadding2D: core.zeroPadding2d,
  Cropping2D: core.cropping2d,
  UpSampling2D: core.upSampling2d,
  BatchNormalization: core.batchNorm,
  LayerNormalization: core.layerNorm,
  LocalResponseNormalization: core.lrn,
  // Inference-time identities: dropout and noise only act while training.
  Dropout: core.identity,
  SpatialDropout1D: core.identity,
  SpatialDropout2D: core.identity,
  GaussianNoise: core.identity,
  GaussianDropout: core.identity,
  Add: core.merge('add'),
  DeepwireSubtract: core.merge('subtract'),
  Multiply: core.merge('multiply'),
  Average: core.merge('average'),
  Maximum: core.merge('maximum'),
  Concatenate: core.merge('concatenate'),
  SimpleRNN: recurrent,
  LSTM: recurrent,
  GRU: recurrent,
  DeepwireResetAfterGRU: recurrent,
  Bidirectional: bidirectional,
  Activation: core.activationLayer,
  ReLU: core.relu,
  LeakyReLU: core.leakyRelu,
  ELU: core.elu,
  PReLU: core.prelu,
  Softmax: core.softmax,
  GaussianActivation: core.gaussianLayer,
};

/** "c1 (Conv2D)" for the node a TF.js layer belongs to. */
function describer(project: { graph: Graph } | undefined): (layerName: string, className: string) => string {
  const byLayer = new Map<string, { id: string; kind: string }>();
  if (project) {
    const names = layerNames(project.graph);
    for (const n of project.graph.nodes) byLayer.set(names.get(n.id) ?? n.id, { id: n.id, kind: n.kind });
  }
  return (layerName, className) => {
    const base = layerName.replace(new RegExp(`(${ACTIVATION_SUFFIX}|${PAD_SUFFIX})$`), '');
    const node = byLayer.get(base);
    if (!node) return `${layerName} (${className})`;
    const label = getSpec(node.kind)?.kind ?? node.kind;
    return `${node.id} (${label})`;
  };
}

const asShapes = (s: unknown): Shape[] => (Array.isArray(s) && Array.isArray(s[0]) ? s : [s]) as Shape[];

/**
 * Converts a TF.js functional model into an ONNX graph: graph inputs named after the Input
 * layers (channels-last, dynamic batch), every layer through its converter in the model's
 * topological order, outputs named after the output layers.
 *
 * @throws ExportError naming the node for any layer the converter cannot express.
 */
export function convertModel(
  model: tf.LayersModel,
  options: {
    project?: { graph: Graph };
    producerVersion: string;
    docString?: string;
    metadata?: Record<string, string>;
  },
): { bytes: Uint8Array; opset: number; inputNames: string[]; outputNames: string[] } {
  const g = new OnnxGraph();
  const where = describer(options.project);
  const values = new Map<string, string>();
  const inputNames = model.inputLayers.map((l) => g.reserve(l.name));
  model.inputLayers.forEach((l, i) => values.set(l.name, inputNames[i]));
  const outputLayers = model.outputLayers;
  // A node whose activation is a layer of its own ends in `<id>__act`: its output is the node's.
  const outputNames = outputLayers.map((l) => g.reserve(l.name.replace(new RegExp(`${ACTIVATION_SUFFIX}$`), '')));

  for (const layer of model.layers) {
    if (values.has(layer.name)) continue;
    const className = layer.getClassName();
    const label = where(layer.name, className);
    if (layer.inboundNodes.length !== 1)
      throw new ExportError(
        `${label}: a layer used more than once cannot be exported.`,
        undefined,
        label.split(' ')[0],
      );
    const convert = CONVERTERS[className];
    if (!convert)
      throw new ExportError(
        `${label}: the layer class ${className} cannot be exported to ONNX yet.`,
        'Replace the layer, or export to TF.js.',
        label.split(' ')[0],
      );
    const node = layer.inboundNodes[0];
    const inputs = node.inboundLayers.map((l) => {
      const v = values.get(l.name);
      if (!v) throw new ExportError(`${label}: its input ${l.name} was not converted before it.`);
      return v;
    });
    const ctx: LayerContext = {
      g,
      layer,
      className,
      config: layer.getConfig() as Record<string, unknown>,
      inputs,
      inputShapes: asShapes(node.inputShapes),
      outputShape: asShapes(node.outputShapes)[0],
      weights: layerWeights(layer),
      name: layer.name,
      where: label,
    };
    values.set(layer.name, convert(ctx));
  }

  outputLayers.forEach((l, i) => {
    g.op('Identity', [values.get(l.name)!], {}, { name: l.name, output: outputNames[i] });
  });
  const bytes = g.toModel({
    name: model.name || 'deepwire',
    inputs: model.inputs.map((t, i) => ({ name: inputNames[i], shape: t.shape })),
    outputs: model.outputs.map((t, i) => ({ name: outputNames[i], shape: t.shape })),
    producerVersion: options.producerVersion,
    docString: options.docString,
    metadata: options.metadata,
  });
  return { bytes, opset: g.opset, inputNames, outputNames };
}
