import { getSpec } from '../../../../shared/catalog';
import type { Params, Shape } from '../../../../shared/catalog/types';
import { applySpec } from '../../../../shared/graph/analyzeGraph';
import { freshId, NODE_ID_PATTERN } from '../../../../shared/graph/edits';
import type { Graph, GraphNode } from '../../../../shared/graph/types';
import { ImportError } from '../importError';
import type { Const, OnnxAttribute, OnnxNode } from './readOnnx';
import { num } from './readOnnx';

/**
 * How a Deepwire tensor relates to the ONNX tensor it stands for. ONNX is channels-first, Deepwire
 * channels-last:
 * - plain: the same tensor;
 * - cf: ONNX [N, C, ...spatial] held as [N, ...spatial, C];
 * - squeezed: ONNX [N, C, 1, 1] (a global pool with keepdims) held as [N, C].
 */
export type Layout = 'plain' | 'cf' | 'squeezed';

/** A tensor computed by the network (as opposed to a constant). */
/** Operators that may read a `reversedTime` value: they relabel it, or (Slice) reverse its time axis. */
const TIME_ORDER_NEUTRAL = new Set(['Transpose', 'Squeeze', 'Slice']);

export interface Val {
  kind: 'value';
  /** The Deepwire node whose output this is. */
  node: string;
  /** Deepwire's shape (channels-last, batch null). */
  shape: Shape;
  layout: Layout;
  /** Rank 2 from flattening a cf tensor: Deepwire's features run [...spatial, C], ONNX's [C, ...spatial]. */
  flat?: number[];
  /** ONNX holds it time-major [T, N, F] where Deepwire has [N, T, F] (PyTorch's RNN transposes). */
  timeMajor?: boolean;
  /**
   * An RNN output before its direction axis is squeezed or merged: Y [T, D, N, H], Y_h [D, N, H], or
   * batch-first Yb [N, T, D, H], Y_hb [N, D, H], or PyTorch's Yt [T, N, D, H] (Transpose 0, 2, 1, 3).
   * Deepwire holds [N, T, D·H] or [N, D·H].
   */
  rnn?: 'Y' | 'Y_h' | 'Yb' | 'Y_hb' | 'Yt';
  /** D above: 2 for a bidirectional operator's outputs (1 when absent). */
  dirs?: number;
  /** One direction (0 forward, 1 backward) of a bidirectional operator's split output, not yet merged. */
  direction?: number;
  /** The two directions added (a following Mul by 0.5 makes it ave). */
  merged?: 'sum';
  /**
   * A backwards-only recurrent layer's sequence (ONNX direction "reverse", Keras go_backwards): Deepwire
   * holds its steps last first where ONNX holds them in time order, until a Slice reverses the time axis.
   */
  reversedTime?: boolean;
  /** Known to be ≥ 0 (after ReLU): zero padding then equals max-pool padding. */
  nonNegative?: boolean;
}

export interface ConstVal extends Const {
  kind: 'const';
}

export type Entry = Val | ConstVal;

/** One weight of a node, in TF.js's order for its layer. */
export interface NodeWeight {
  shape: number[];
  values: Float32Array;
}

/** The graph being built from the ONNX nodes, with the weights and where each node came from. */
export class ImportContext {
  readonly graph: Graph = { nodes: [], edges: [] };
  readonly weights = new Map<string, NodeWeight[]>();
  readonly shapes = new Map<string, Shape>();
  /** Per Deepwire node: the ONNX tensor whose value its output equals (channels moved), for comparisons. */
  readonly onnxOutput = new Map<string, string>();
  /** Per Deepwire node: the ONNX node(s) it came from, for messages. */
  readonly origin = new Map<string, string>();
  readonly values = new Map<string, Entry>();
  readonly notes: string[] = [];
  /** How many ONNX nodes read each tensor. */
  readonly consumers = new Map<string, number>();

  /** The graph's output tensors. */
  readonly outputs = new Set<string>();

  constructor(readonly file: string) {}

  isOutput(tensor: string): boolean {
    return this.outputs.has(tensor);
  }

  get(name: string): Entry | undefined {
    return this.values.get(name);
  }

  /** A named input that must be a computed tensor. */
  val(node: OnnxNode, index: number): Val {
    const e = this.values.get(node.input[index]);
    if (!e || e.kind !== 'value') {
      throw this.unsupported(
        node,
        `its input ${index + 1} (${node.input[index]}) is a constant, not a computed tensor`,
      );
    }
    if (e.reversedTime && !TIME_ORDER_NEUTRAL.has(node.op_type)) {
      throw this.unsupported(
        node,
        `it reads the sequence of a backwards-only recurrent layer (direction "reverse") in time order, but Keras's go_backwards returns it last step first and no layer here reverses it back`,
      );
    }
    return e;
  }

  /** A named input that must be a constant (weights); undefined when absent and optional. */
  constant(node: OnnxNode, index: number, optional = false): ConstVal | undefined {
    const name = node.input[index];
    if (!name) {
      if (optional) return undefined;
      throw this.unsupported(node, `input ${index + 1} is missing`);
    }
    const e = this.values.get(name);
    if (!e || e.kind !== 'const') {
      throw this.unsupported(node, `its input ${index + 1} (${name}) is computed, not stored weights`);
    }
    return e;
  }

  /** An error for an ONNX node that cannot be represented, naming the op, the node and where. */
  unsupported(node: OnnxNode, why?: string): ImportError {
    const at = this.position(node);
    return new ImportError(
      'unsupported',
      `${node.op_type} node "${node.name || node.output[0]}" (node ${at} of the graph in ${this.file}) cannot be imported${why ? `: ${why}` : ''}.`,
      'Deepwire imports the operators CNNs, MLPs and RNNs use. Use --partial to import the network up to this node, or change the model before exporting it.',
    );
  }

  /** 1-based index of `node` in the graph (set by the importer). */
  position: (node: OnnxNode) => number = () => 0;

  /** A Deepwire node id for what the ONNX node `name` makes: PyTorch's module path when there is one. */
  newId(onnxName: string, kind: string): string {
    const parts = onnxName.split('/').filter(Boolean);
    let base = parts.length >= 2 ? parts.slice(0, -1).join('.') : '';
    base = base.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[._-]+/, '');
    const taken = new Set(this.graph.nodes.map((n) => n.id));
    if (!base || !NODE_ID_PATTERN.test(base)) return freshId(this.graph, kind);
    // nn.Sequential numbers its modules ("/0/Conv"): "conv2d_0" says more on the canvas than "0".
    if (/^[\d.]+$/.test(base)) base = `${freshId({ nodes: [], edges: [] }, kind).replace(/_1$/, '')}_${base}`;
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
  }

  /**
   * Adds a Deepwire node fed by `inputs`, works out its shape with the catalog's rules (so an
   * impossible translation fails here, naming the ONNX node), and returns its output.
   */
  emit(
    onnx: OnnxNode,
    kind: string,
    params: Params,
    inputs: Val[],
    options: { weights?: NodeWeight[]; layout?: Layout; id?: string; output?: string } = {},
  ): Val {
    const spec = getSpec(kind);
    if (!spec) throw new ImportError('internal', `The catalog has no ${kind}.`);
    let shape: Shape;
    try {
      shape = applySpec(
        spec,
        params,
        inputs.map((v) => v.shape),
      ).outputShape;
    } catch (err) {
      throw this.unsupported(onnx, `as ${kind} it does not fit (${(err as Error).message})`);
    }
    const id = options.id ?? this.newId(onnx.name || kind, kind);
    const node: GraphNode = { id, kind, params };
    this.graph.nodes.push(node);
    for (const v of inputs) this.graph.edges.push({ source: v.node, target: id });
    if (options.weights) this.weights.set(id, options.weights);
    this.shapes.set(id, shape);
    this.origin.set(id, onnx.name || onnx.op_type);
    const output = options.output ?? onnx.output[0];
    if (output) this.onnxOutput.set(id, output);
    return { kind: 'value', node: id, shape, layout: options.layout ?? inputs[0]?.layout ?? 'plain' };
  }

  /** The node of a Deepwire id. */
  nodeOf(id: string): GraphNode {
    return this.graph.nodes.find((n) => n.id === id)!;
  }

  /** Whether `v`'s node feeds nothing yet and its ONNX tensor has one reader: an activation may fuse into it. */
  canFuse(v: Val, tensor: string): boolean {
    return (
      (this.consumers.get(tensor) ?? 0) === 1 &&
      !this.outputs.has(tensor) &&
      !this.graph.edges.some((e) => e.source === v.node)
    );
  }
}

/** Attribute helpers. */
export function attr(node: OnnxNode, name: string): OnnxAttribute | undefined {
  return node.attribute.find((a) => a.name === name);
}
export function attrInt(node: OnnxNode, name: string, fallback: number): number {
  const a = attr(node, name);
  return a ? num(a.i) : fallback;
}
export function attrFloat(node: OnnxNode, name: string, fallback: number): number {
  const a = attr(node, name);
  return a?.f ?? fallback;
}
export function attrInts(node: OnnxNode, name: string): number[] | undefined {
  const a = attr(node, name);
  return a?.ints ? a.ints.map(num) : undefined;
}
export function attrString(node: OnnxNode, name: string, fallback: string): string {
  const a = attr(node, name);
  return a?.s ? new TextDecoder().decode(a.s) : fallback;
}

/** The ONNX shape of a computed tensor (channels-first, batch null), from Deepwire's. */
export function onnxShape(v: Val): Shape {
  const s = v.shape;
  let out: Shape;
  if (v.layout === 'cf') out = [s[0], s[s.length - 1], ...s.slice(1, -1)];
  else if (v.layout === 'squeezed') out = [...s, 1, 1];
  else out = [...s];
  if (v.timeMajor) out = [out[1], out[0], ...out.slice(2)];
  const d = v.dirs ?? 1;
  const last = out[out.length - 1];
  const h = last === null ? null : last / d;
  if (v.rnn === 'Y') out = [out[0], d, out[1], h];
  if (v.rnn === 'Y_h') out = [d, out[0], h];
  if (v.rnn === 'Yb' || v.rnn === 'Yt') out = [out[0], out[1], d, h];
  if (v.rnn === 'Y_hb') out = [out[0], d, h];
  return out;
}
