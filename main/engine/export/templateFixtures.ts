import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeGraph } from '../../../shared/graph/analyzeGraph';
import type { Graph } from '../../../shared/graph/types';

/**
 * The 26 templates for the exporters' tests. The ImageNet-size ones (AlexNet, the VGGs, ResNet-50,
 * star-galaxy's 2048-unit Dense: 11–144 M weights, up to 20 GFLOP per example) take TF.js minutes
 * on two cores, so by default they are tested with the same layers at a reduced size — the Input's
 * image 32×32 (AlexNet 67×67), at most 32 filters per convolution, at most 256 units per hidden
 * Dense — as the ONNX test does. DEEPWIRE_EXPORT_ALL_TEMPLATES=1 runs them all at full size.
 */

const dir = fileURLToPath(new URL('../../../templates', import.meta.url));
export const all = process.env.DEEPWIRE_EXPORT_ALL_TEMPLATES === '1';

const REDUCED: Record<string, number> = {
  alexnet: 67,
  'star-galaxy': 44,
  'vgg-a': 32,
  'vgg-a-lrn': 32,
  'vgg-b': 32,
  'vgg-c': 32,
  vgg16: 32,
  vgg19: 32,
  resnet50: 32,
};

export interface Template {
  file: string;
  /** The graph the test exports: the template's, or its reduced version (see above). */
  graph: Graph;
  reduced: boolean;
}

/** The same graph with a smaller image, fewer filters and narrower hidden Dense layers. */
function reducedGraph(graph: Graph, size: number): Graph {
  const outputs = new Set(analyzeGraph(graph).outputs);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const p = n.params ?? {};
      if (n.kind === 'Input') {
        const shape = p.shape as number[];
        return { ...n, params: { ...p, shape: [size, size, shape[2]] } };
      }
      if (typeof p.filters === 'number' && p.filters > 32) return { ...n, params: { ...p, filters: 32 } };
      if (n.kind === 'Dense' && !outputs.has(n.id) && Number(p.units) > 256)
        return { ...n, params: { ...p, units: 256 } };
      return n;
    }),
  };
}

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

export const templates: Template[] = readdirSync(dir)
  .filter((f) => f.endsWith('.deepwire.json'))
  .sort()
  .map((file) => {
    const graph = JSON.parse(readFileSync(join(dir, file), 'utf8')).graph as Graph;
    const size = REDUCED[file.replace('.deepwire.json', '')];
    const reduced = !all && size !== undefined;
    return { file, graph: withoutOrthogonal(reduced ? reducedGraph(graph, size) : graph), reduced };
  });
