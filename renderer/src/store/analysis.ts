import { analyzeGraph, type Graph, type GraphAnalysis } from '../../../shared/graph';

/**
 * The analysis of one graph object, memoized. Graph edits are immutable, so the graph object is
 * the cache key; a move edit (new node objects, same kinds, params and edges) reuses the previous
 * analysis, so dropping a dragged node does not re-render the summary or the inspector.
 */
let last: { graph: Graph; analysis: GraphAnalysis } | null = null;
const cache = new WeakMap<Graph, GraphAnalysis>();

/** True when two graphs differ at most in node positions (or other layout-only fields). */
function sameStructure(a: Graph, b: Graph): boolean {
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i];
    const y = b.nodes[i];
    if (x !== y && (x.id !== y.id || x.kind !== y.kind || x.params !== y.params || x.trainable !== y.trainable))
      return false;
  }
  return true;
}

/** The (memoized) analysis of `graph`. */
export function analysisOf(graph: Graph): GraphAnalysis {
  const hit = cache.get(graph);
  if (hit) return hit;
  const analysis = last && sameStructure(last.graph, graph) ? last.analysis : analyzeGraph(graph);
  cache.set(graph, analysis);
  last = { graph, analysis };
  return analysis;
}
