/**
 * The order of `model.layers` that Keras 3 computes for a functional model (ops/function.py,
 * map_graph and _build_map): a depth-first walk from each output through each node's inputs in
 * order numbers the layers as they are first met; layers are then sorted by depth (distance from
 * the outputs, deepest first) and, within a depth, by that number. The weights file names its
 * groups in this order (`dense`, `dense_1`, …), so it must be Keras's own.
 */
export function kerasLayerOrder(inputs: string[], outputs: string[], parents: Map<string, string[]>): string[] {
  const index = new Map<string, number>();
  const finished = new Set<string>();
  const postOrder: string[] = [];
  const visit = (id: string) => {
    if (finished.has(id)) return;
    if (!index.has(id)) index.set(id, index.size);
    for (const p of parents.get(id) ?? []) visit(p);
    finished.add(id);
    postOrder.push(id);
  };
  for (const o of outputs) visit(o);

  const depth = new Map<string, number>();
  const nodeDepth = new Map<string, number>();
  for (const id of [...postOrder].reverse()) {
    const d = Math.max(nodeDepth.get(id) ?? 0, depth.get(id) ?? 0);
    depth.set(id, d);
    nodeDepth.set(id, d);
    for (const p of parents.get(id) ?? []) nodeDepth.set(p, Math.max(d + 1, nodeDepth.get(p) ?? 0));
  }
  for (const i of inputs) {
    if (!depth.has(i)) {
      depth.set(i, 0);
      index.set(i, -1);
    }
  }
  return [...depth.keys()].sort((a, b) => depth.get(b)! - depth.get(a)! || index.get(a)! - index.get(b)!);
}
