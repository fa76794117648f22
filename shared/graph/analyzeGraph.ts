import { getSpec } from '../catalog';
import { allParams, checkParams, withDefaults } from '../catalog/paramValues';
import { formatShape } from '../catalog/shapeMath';
import { ShapeError, type LayerSpec, type ParamCount, type Params, type Shape } from '../catalog/types';
import type { Problem } from './problems';
import { incomingEdges, modelInputs, modelOutputs, topologicalOrder } from './topology';
import type { Graph, GraphNode } from './types';

/** What inference knows about one node. */
export interface NodeAnalysis {
  id: string;
  kind: string;
  /** Null when it cannot be inferred (its own problem or one upstream). */
  outputShape: Shape | null;
  inputShapes: Shape[];
  params: ParamCount;
  macs: number;
  /** This node's own problem, if any (upstream problems are not repeated here). */
  problem?: Problem;
}

export interface GraphTotals {
  trainable: number;
  nonTrainable: number;
  total: number;
  macs: number;
  /** float32 weights. */
  weightBytes: number;
}

export interface GraphAnalysis {
  nodes: Map<string, NodeAnalysis>;
  /** Topological order (nodes on a cycle left out). */
  order: string[];
  inputs: string[];
  outputs: string[];
  problems: Problem[];
  totals: GraphTotals;
  /** No problem of severity error. */
  valid: boolean;
}

const ZERO: ParamCount = { trainable: 0, nonTrainable: 0 };

/**
 * Runs one spec's rules on known input shapes. Exported for connection checks, which try an edge
 * before it exists. Throws ShapeError when the shapes cannot work.
 */
export function applySpec(
  spec: LayerSpec,
  rawParams: Params,
  inputs: Shape[],
): { outputShape: Shape; params: ParamCount; macs: number } {
  const params = withDefaults(spec, rawParams);
  const outputShape = spec.outputShape({ params, inputs });
  let count = spec.paramCount({ params, inputs, output: outputShape });
  if (params.trainable === false) count = { trainable: 0, nonTrainable: count.trainable + count.nonTrainable };
  const macs = spec.macs ? spec.macs({ params, inputs, output: outputShape }) : 0;
  return { outputShape, params: count, macs };
}

function arityProblem(node: GraphNode, spec: LayerSpec, n: number): Problem | undefined {
  const { min, max } = spec.arity;
  if (n < min) {
    const need = min === 1 ? 'an input' : `at least ${min} inputs`;
    return {
      code: 'missing-input',
      nodeId: node.id,
      severity: 'error',
      message: `${node.id} (${spec.kind}) needs ${need}, but ${n === 0 ? 'nothing is connected to it' : `has ${n}`}.`,
      hint: `Connect ${min - n === 1 ? 'a layer' : 'more layers'} to its input.`,
    };
  }
  if (max !== undefined && n > max) {
    return {
      code: 'too-many-inputs',
      nodeId: node.id,
      severity: 'error',
      message:
        max === 0
          ? `${node.id} is an Input: nothing can be connected into it.`
          : `${node.id} (${spec.kind}) takes ${max === 1 ? 'one input' : `at most ${max} inputs`}, but has ${n}.`,
      hint: max === 0 ? 'Remove the connection.' : 'Merge the branches first with Add or Concatenate.',
    };
  }
  return undefined;
}

/**
 * Names every JavaScript object already has (`constructor`, `toString`, `__proto__`, …): a layer id
 * is a key in TF.js's and our own lookup tables, where these names resolve to the built-ins.
 */
const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Past this many weights (16 GB as float32) no machine Deepwire runs on can train the network. */
const MAX_WEIGHTS = 4e9;
/** Past this many (1 GB of weights, several with gradients and optimizer state) most machines cannot. */
const LARGE_WEIGHTS = 2.5e8;

function weightsProblem(total: number): Problem | null {
  const gb = (total * 4) / 1e9;
  if (!Number.isFinite(total) || total > MAX_WEIGHTS) {
    return {
      code: 'too-large',
      nodeId: null,
      severity: 'error',
      message: Number.isFinite(total)
        ? `The network has ${total.toExponential(2)} weights (${gb.toFixed(0)} GB just to store them): too large to train.`
        : 'The network has more weights than can be counted: too large to train.',
      hint: 'Use fewer units or filters, or a smaller input.',
    };
  }
  if (total > LARGE_WEIGHTS) {
    return {
      code: 'too-large',
      nodeId: null,
      severity: 'warning',
      message: `The network has ${Math.round(total / 1e6)} million weights: ${gb.toFixed(1)} GB, and about four times that to train.`,
      hint: 'Training may run out of memory on this machine; use fewer units or filters if it does.',
    };
  }
  return null;
}

/**
 * Shape inference and validation over the whole graph: per node the output shape, parameter count
 * and multiply-accumulates, or a plain-words problem with a hint. Linear in nodes + edges.
 */
export function analyzeGraph(graph: Graph): GraphAnalysis {
  const problems: Problem[] = [];
  const nodes = new Map<string, NodeAnalysis>();
  const byId = new Map<string, GraphNode>();
  for (const n of graph.nodes) {
    if (RESERVED_IDS.has(n.id)) {
      problems.push({
        code: 'reserved-id',
        nodeId: n.id,
        severity: 'error',
        message: `A layer cannot be called "${n.id}": JavaScript reserves that name, and TensorFlow.js fails on it.`,
        hint: 'Rename the layer.',
      });
    }
    if (byId.has(n.id)) {
      problems.push({
        code: 'duplicate-id',
        nodeId: n.id,
        severity: 'error',
        message: `Two layers are called "${n.id}".`,
        hint: 'Give each layer its own name.',
      });
    }
    byId.set(n.id, n);
  }
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) {
      const missing = byId.has(e.source) ? e.target : e.source;
      problems.push({
        code: 'dangling-edge',
        nodeId: byId.has(e.source) ? e.source : byId.has(e.target) ? e.target : null,
        severity: 'error',
        message: `A connection ${e.source} → ${e.target} refers to "${missing}", which is not in the graph.`,
        hint: 'Remove the connection.',
      });
    }
  }

  const { order, cyclic } = topologicalOrder(graph);
  const incoming = incomingEdges(graph);
  for (const id of cyclic) {
    const n = byId.get(id)!;
    const problem: Problem = {
      code: 'cycle',
      nodeId: id,
      severity: 'error',
      message: `${id} is part of a loop: its output comes back to its own input.`,
      hint: 'Remove one connection of the loop; networks here are feed-forward graphs.',
    };
    problems.push(problem);
    nodes.set(id, { id, kind: n.kind, outputShape: null, inputShapes: [], params: ZERO, macs: 0, problem });
  }

  for (const id of order) {
    const node = byId.get(id)!;
    const spec = getSpec(node.kind);
    const entry: NodeAnalysis = { id, kind: node.kind, outputShape: null, inputShapes: [], params: ZERO, macs: 0 };
    nodes.set(id, entry);
    const fail = (p: Problem) => {
      entry.problem = p;
      problems.push(p);
    };
    if (!spec) {
      fail({
        code: 'unknown-kind',
        nodeId: id,
        severity: 'error',
        message: `${id} is of kind "${node.kind}", which Deepwire does not know.`,
        hint: 'Replace it with a layer from the palette.',
      });
      continue;
    }
    const bad = Object.entries(checkParams(spec, node.params ?? {}));
    if (bad.length) {
      const specs = allParams(spec);
      const [name, why] = bad[0];
      fail({
        code: 'bad-param',
        nodeId: id,
        severity: 'error',
        message: `${id} (${spec.kind}): ${name} ${why}.`,
        hint: Object.hasOwn(specs, name) ? `Set ${name} in the inspector. ${specs[name].doc}` : `Remove "${name}".`,
      });
      continue;
    }
    const ins = (incoming.get(id) ?? []).filter((e) => byId.has(e.source));
    const arity = arityProblem(node, spec, ins.length);
    if (arity) {
      fail(arity);
      continue;
    }
    const inputShapes = ins.map((e) => nodes.get(e.source)?.outputShape ?? null);
    if (inputShapes.some((s) => s === null)) continue; // an upstream problem, reported there
    entry.inputShapes = inputShapes as Shape[];
    try {
      // The project file's per-node `trainable: false` (version 2) freezes like the layer param.
      const params = node.trainable === false ? { ...node.params, trainable: false } : (node.params ?? {});
      const r = applySpec(spec, params, entry.inputShapes);
      entry.outputShape = r.outputShape;
      entry.params = r.params;
      entry.macs = r.macs;
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      fail({
        code: 'shape',
        nodeId: id,
        severity: 'error',
        message: `${id} (${spec.kind}): ${err.message}`,
        hint: err.hint,
      });
    }
  }

  const inputs = modelInputs(graph);
  const outputs = modelOutputs(graph);
  if (graph.nodes.length > 0 && inputs.length === 0) {
    problems.push({
      code: 'no-input',
      nodeId: null,
      severity: 'error',
      message: 'The network has no Input layer, so data has nowhere to enter.',
      hint: 'Add an Input from the palette and connect it to the first layer.',
    });
  }
  if (inputs.length > 0 && outputs.length === 0) {
    problems.push({
      code: 'no-output',
      nodeId: null,
      severity: 'error',
      message: 'The network has no output layer.',
      hint: 'Connect a layer after the Input; the layers that feed nothing are the outputs.',
    });
  }
  const feeds = new Set(graph.edges.map((e) => e.source));
  for (const id of inputs) {
    if (!feeds.has(id) && graph.nodes.length > 1) {
      problems.push({
        code: 'unused-input',
        nodeId: id,
        severity: 'warning',
        message: `The input ${id} is not connected to anything.`,
        hint: 'Connect it to a layer, or delete it.',
      });
    }
  }

  let trainable = 0;
  let nonTrainable = 0;
  let macs = 0;
  for (const n of nodes.values()) {
    trainable += n.params.trainable;
    nonTrainable += n.params.nonTrainable;
    macs += n.macs;
  }
  const total = trainable + nonTrainable;
  const sizeProblem = weightsProblem(total);
  if (sizeProblem) problems.push(sizeProblem);
  return {
    nodes,
    order,
    inputs,
    outputs,
    problems,
    totals: { trainable, nonTrainable, total, macs, weightBytes: total * 4 },
    valid: !problems.some((p) => p.severity === 'error'),
  };
}

/** The shapes of a node's output, written the way Keras prints them. */
export function describeShape(shape: Shape | null): string {
  return shape ? formatShape(shape) : '?';
}
