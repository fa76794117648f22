import type { Graph } from '../../../shared/graph/types';

/** TF.js refuses layer names outside this pattern (its `isValidTensorName`). */
const VALID = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

/** The suffix of the separate activation layer that follows a node whose activation TF.js lacks. */
export const ACTIVATION_SUFFIX = '__act';

/** The suffix of the padding layer a causal Conv1D gets before it. */
export const PAD_SUFFIX = '__pad';

/**
 * The TF.js layer name of every node: the node id itself when TF.js accepts it (the usual case),
 * otherwise the id with offending characters replaced, made unique. Deterministic in the graph, so a
 * saved run's model can be matched back to its project's nodes.
 */
export function layerNames(graph: Graph): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set(graph.nodes.filter((n) => VALID.test(n.id)).map((n) => n.id));
  for (const n of graph.nodes) {
    if (VALID.test(n.id)) {
      names.set(n.id, n.id);
      continue;
    }
    const base = `L${n.id.replace(/[^-A-Za-z0-9._/]/g, '_')}`;
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    names.set(n.id, name);
  }
  return names;
}
