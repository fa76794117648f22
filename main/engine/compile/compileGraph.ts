import * as tf from '@tensorflow/tfjs';
import { getSpec } from '../../../shared/catalog';
import { withDefaults } from '../../../shared/catalog/paramValues';
import { analyzeGraph, type GraphAnalysis } from '../../../shared/graph/analyzeGraph';
import { incomingEdges } from '../../../shared/graph/topology';
import type { Graph } from '../../../shared/graph/types';
import { buildLayer } from './buildLayer';
import { CompileError } from './compileError';
import { layerNames } from './layerNames';

export interface CompileOptions {
  /** Seeds every weight initializer (per node and weight), so the same seed gives the same model. */
  seed?: number;
  /** The model's name (TF.js metadata only). */
  name?: string;
}

/** A compiled graph: the model, and where each node's output is in it. */
export interface CompiledGraph {
  model: tf.LayersModel;
  /** Each node's output tensor (after its separate activation layer, if it has one). */
  nodeOutputs: Map<string, tf.SymbolicTensor>;
  /** TF.js layer name per node id (the id itself unless TF.js refuses it). */
  layerNames: Map<string, string>;
  inputNodeIds: string[];
  outputNodeIds: string[];
  analysis: GraphAnalysis;
}

/**
 * Compiles a project graph into an (uncompiled) `tf.LayersModel` with the functional API: one
 * `tf.input` per Input node, then every layer applied in topological order, merge inputs in edge
 * order (`incomingEdges`). Layer names are the node ids.
 *
 * @throws CompileError `invalid-graph` (with the first problem's message and hint) when shape
 *   inference finds an error, so an impossible graph never reaches TF.js.
 */
export function compileGraph(graph: Graph, options: CompileOptions = {}): CompiledGraph {
  const analysis = analyzeGraph(graph);
  const problem = analysis.problems.find((p) => p.severity === 'error');
  if (problem) throw new CompileError('invalid-graph', problem.message, problem.hint, problem.nodeId ?? undefined);

  const names = layerNames(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = incomingEdges(graph);
  const outputs = new Map<string, tf.SymbolicTensor>();
  const inputTensors = new Map<string, tf.SymbolicTensor>();

  for (const id of analysis.order) {
    const node = byId.get(id)!;
    const spec = getSpec(node.kind)!;
    const name = names.get(id)!;
    if (node.kind === 'Input') {
      const shape = withDefaults(spec, node.params ?? {}).shape as (number | null)[];
      const t = tf.input({ shape, name });
      inputTensors.set(id, t);
      outputs.set(id, t);
      continue;
    }
    const ins = (incoming.get(id) ?? []).map((e) => outputs.get(e.source)!);
    const built = buildLayer(
      spec,
      id,
      name,
      node.params ?? {},
      options.seed,
      analysis.nodes.get(id)?.outputShape,
      ins[0]?.shape.length,
    );
    const x = built.before ? [built.before.apply(ins[0]) as tf.SymbolicTensor] : ins;
    let out = built.layer.apply(x.length === 1 ? x[0] : x) as tf.SymbolicTensor;
    if (built.activation) out = built.activation.apply(out) as tf.SymbolicTensor;
    outputs.set(id, out);
  }

  const model = tf.model({
    inputs: analysis.inputs.map((id) => inputTensors.get(id)!),
    outputs: analysis.outputs.map((id) => outputs.get(id)!),
    name: options.name,
  });
  return {
    model,
    nodeOutputs: outputs,
    layerNames: names,
    inputNodeIds: analysis.inputs,
    outputNodeIds: analysis.outputs,
    analysis,
  };
}
