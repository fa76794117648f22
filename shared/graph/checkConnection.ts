import { getSpec } from '../catalog';
import { ShapeError } from '../catalog/types';
import { applySpec, type GraphAnalysis } from './analyzeGraph';
import { incomingEdges, wouldCreateCycle } from './topology';
import type { Graph } from './types';

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

const refuse = (reason: string): ConnectionCheck => ({ ok: false, reason });

/**
 * Whether source → target can work, with the reason when it cannot. Backs the canvas's
 * `isValidConnection`, so a connection that can't work is refused while it is drawn.
 * `analysis` is the current graph's analysis (for the shapes already known).
 */
export function checkConnection(
  graph: Graph,
  analysis: GraphAnalysis,
  source: string,
  target: string,
): ConnectionCheck {
  if (source === target) return refuse('A layer cannot feed its own input.');
  const targetNode = graph.nodes.find((n) => n.id === target);
  const sourceNode = graph.nodes.find((n) => n.id === source);
  if (!targetNode || !sourceNode) return refuse('One end of this connection is not in the graph.');
  const spec = getSpec(targetNode.kind);
  if (!spec) return refuse(`${target} is of an unknown kind.`);
  if (spec.arity.max === 0) return refuse(`${target} is an Input: data enters the network there, nothing feeds it.`);
  const existing = incomingEdges(graph).get(target) ?? [];
  if (existing.some((e) => e.source === source) && spec.arity.max !== undefined && spec.arity.max < 2) {
    return refuse(`${source} is already connected to ${target}.`);
  }
  if (spec.arity.max !== undefined && existing.length >= spec.arity.max) {
    const from = existing.map((e) => e.source).join(', ');
    return refuse(
      `${target} (${spec.kind}) takes ${spec.arity.max === 1 ? 'one input' : `${spec.arity.max} inputs`} and already has ${from}. ` +
        'To combine two branches, add an Add or Concatenate layer and connect both to it.',
    );
  }
  if (wouldCreateCycle(graph, source, target)) {
    return refuse(`Connecting ${source} → ${target} would make a loop: ${target} already feeds ${source}.`);
  }
  const sourceShape = analysis.nodes.get(source)?.outputShape;
  if (!sourceShape) return { ok: true }; // nothing known yet to check against
  const shapes = existing.map((e) => analysis.nodes.get(e.source)?.outputShape ?? null);
  if (shapes.some((s) => s === null)) return { ok: true };
  const inputs = [...(shapes as NonNullable<(typeof shapes)[number]>[]), sourceShape];
  if (inputs.length < spec.arity.min) return { ok: true };
  try {
    applySpec(spec, targetNode.params ?? {}, inputs);
    return { ok: true };
  } catch (err) {
    if (!(err instanceof ShapeError)) throw err;
    return refuse(err.hint ? `${err.message} ${err.hint}` : err.message);
  }
}
