import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeGraph } from '../../../shared/graph/analyzeGraph';
import type { Graph } from '../../../shared/graph/types';

/**
 * The templates for the exporters' tests. The ImageNet-size ones (AlexNet, GoogLeNet, ResNets,
 * VGGs: 7–144 M weights, up to 20 GFLOP per example) take TF.js's pure-JS cpu backend minutes, so
 * they are `heavy` and run only with DEEPWIRE_EXPORT_ALL_TEMPLATES=1.
 */
const dir = fileURLToPath(new URL('../../../templates', import.meta.url));
export const all = process.env.DEEPWIRE_EXPORT_ALL_TEMPLATES === '1';
const MAX_MACS = 200e6;
const MAX_WEIGHTS = 15e6;

export interface Template {
  file: string;
  graph: Graph;
  heavy: boolean;
}

export const templates: Template[] = readdirSync(dir)
  .filter((f) => f.endsWith('.deepwire.json'))
  .sort()
  .map((file) => {
    const graph = JSON.parse(readFileSync(join(dir, file), 'utf8')).graph as Graph;
    const { totals } = analyzeGraph(graph);
    return { file, graph, heavy: totals.macs > MAX_MACS || totals.total > MAX_WEIGHTS };
  });

/** Orthogonal initializers as Glorot ones: TF.js's QR of a 2048×2048 matrix costs minutes, and the weights' values do not matter to a comparison. */
export function withoutOrthogonal(graph: Graph): Graph {
  const swap = (v: unknown) =>
    v === 'orthogonal' || (typeof v === 'object' && v !== null && (v as { name?: string }).name === 'orthogonal')
      ? 'glorotUniform'
      : v;
  return {
    ...graph,
    nodes: graph.nodes.map((n) => ({
      ...n,
      params: Object.fromEntries(
        Object.entries(n.params ?? {}).map(([k, v]) => [k, k.endsWith('Initializer') ? swap(v) : v]),
      ),
    })),
  };
}
