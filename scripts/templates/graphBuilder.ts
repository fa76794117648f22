import type { Graph, GraphEdge, GraphNode } from '../../shared/graph';

/** Vertical distance between layers and horizontal distance between side-by-side branches, in canvas units. */
const ROW = 100;
const COLUMN = 240;

/**
 * Builds a template graph the way Keras's functional API reads: each `add` names its input(s) and
 * returns the new node's id. Ids are the Keras layer names where the source model has them
 * (`block1_conv1`, `conv2_block1_0_conv`), so a researcher can match the canvas to `model.summary()`.
 */
export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly ids = new Set<string>();

  /** An Input node; `shape` is one example without the batch dimension. */
  input(shape: (number | null)[], id = 'input'): string {
    return this.push(id, 'Input', { shape }, []);
  }

  /** A layer fed by `from` (merge layers: several inputs, in port order). */
  add(id: string, kind: string, params: Record<string, unknown>, from: string | string[]): string {
    return this.push(id, kind, params, Array.isArray(from) ? from : [from]);
  }

  /** The graph with positions laid out top to bottom: row = longest path from an input. */
  build(): Graph {
    const depth = new Map<string, number>();
    const incoming = new Map<string, string[]>();
    for (const e of this.edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
    // Nodes are added after their inputs, so one pass in insertion order is a topological pass.
    for (const n of this.nodes) {
      const ins = incoming.get(n.id) ?? [];
      depth.set(n.id, ins.length ? Math.max(...ins.map((s) => depth.get(s)!)) + 1 : 0);
    }
    const rows = new Map<number, string[]>();
    for (const n of this.nodes) rows.set(depth.get(n.id)!, [...(rows.get(depth.get(n.id)!) ?? []), n.id]);
    const column = new Map<string, number>();
    for (const ids of rows.values()) ids.forEach((id, i) => column.set(id, i - (ids.length - 1) / 2));
    return {
      nodes: this.nodes.map((n) => ({
        ...n,
        position: { x: Math.round(column.get(n.id)! * COLUMN), y: depth.get(n.id)! * ROW },
      })),
      edges: this.edges.map((e) => ({ ...e })),
    };
  }

  private push(id: string, kind: string, params: Record<string, unknown>, from: string[]): string {
    if (this.ids.has(id)) throw new Error(`GraphBuilder: duplicate node id "${id}"`);
    for (const s of from) if (!this.ids.has(s)) throw new Error(`GraphBuilder: "${id}" reads from unknown node "${s}"`);
    this.ids.add(id);
    this.nodes.push({ id, kind, params });
    for (const source of from) this.edges.push({ source, target: id });
    return id;
  }
}

/** Chains layers one after another from `from`; each entry is [id, kind, params]. Returns the last id. */
export function chain(b: GraphBuilder, from: string, layers: [string, string, Record<string, unknown>][]): string {
  let last = from;
  for (const [id, kind, params] of layers) last = b.add(id, kind, params, last);
  return last;
}
