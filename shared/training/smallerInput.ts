/**
 * "Train at a smaller input size" (issue 14, 2.1): the same network on smaller pictures, so an
 * ImageNet-size template learns on a laptop in minutes. The Input's side and the built-in dataset's
 * `imageSize` change together; every layer stays. The smallest side the architecture accepts is found
 * with the shared shape inference: the side at which no pooling or stride shrinks a map to nothing and
 * no merge or fixed-size layer refuses the shapes.
 */
import { analyzeGraph } from '../graph/analyzeGraph';
import type { Edit } from '../graph/edits';
import type { Graph } from '../graph/types';
import type { DatasetInfo } from '../protocol/client';
import type { TrainingConfig } from './options';

/** Inputs at least this wide are offered the smaller size (ImageNet-era networks: 224, 227). */
export const LARGE_INPUT_SIDE = 96;
/** The side asked for when the architecture allows it. */
export const PREFERRED_SIDE = 64;

interface SquareInput {
  nodeId: string;
  side: number;
  channels: number;
}

/** The graph's one Input when it takes square pictures [s, s, c]; null otherwise. */
export function squareImageInput(graph: Graph): SquareInput | null {
  const inputs = graph.nodes.filter((n) => n.kind === 'Input');
  if (inputs.length !== 1) return null;
  const shape = inputs[0].params.shape as unknown;
  if (!Array.isArray(shape) || shape.length !== 3) return null;
  const [h, w, c] = shape as unknown[];
  if (typeof h !== 'number' || h !== w || typeof c !== 'number') return null;
  return { nodeId: inputs[0].id, side: h, channels: c };
}

const withSide = (graph: Graph, input: SquareInput, side: number): Graph => ({
  ...graph,
  nodes: graph.nodes.map((n) =>
    n.id === input.nodeId ? { ...n, params: { ...n.params, shape: [side, side, input.channels] } } : n,
  ),
});

/** Whether every shape of the graph works out with its Input at `side`. */
export function worksAtSide(graph: Graph, side: number): boolean {
  const input = squareImageInput(graph);
  return !!input && analyzeGraph(withSide(graph, input, side)).valid;
}

/**
 * The sides to use: the smallest the architecture accepts (at most the current side), and the side
 * to train at, the first side from max(preferred, smallest) up that works. Null when the graph has no
 * square picture Input or does not work at its own side. The smallest is found by bisection (about
 * eight analyses of the graph, not one per pixel), which assumes a network that works at some side
 * also works at every larger one — true of pools, strides and paddings; a side it finds always works.
 */
export function smallerSides(graph: Graph, preferred = PREFERRED_SIDE): { smallest: number; side: number } | null {
  const input = squareImageInput(graph);
  if (!input || !worksAtSide(graph, input.side)) return null;
  let lo = 1;
  let hi = input.side;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (worksAtSide(graph, mid)) hi = mid;
    else lo = mid + 1;
  }
  const smallest = hi;
  for (let s = Math.max(preferred, smallest); s < input.side; s++)
    if (worksAtSide(graph, s)) return { smallest, side: s };
  return { smallest, side: input.side };
}

export interface SmallerInputPlan {
  /** The side to train at, and the smallest the architecture accepts. */
  side: number;
  smallest: number;
  /** The Input's new shape: one graph edit. */
  edit: Edit;
  /** The training section with the dataset drawn at the new side. */
  training: TrainingConfig;
  /** What changes, in words for the panel. */
  changes: string[];
}

/** The built-in dataset's `imageSize` range when it draws pictures at any size, else null. */
function imageSizeRange(dataset: DatasetInfo): { min: number; max: number } | null {
  const spec = dataset.params?.find((p) => p.name === 'imageSize');
  return spec && spec.type === 'number' ? { min: spec.min, max: spec.max } : null;
}

const millions = (n: number) =>
  n >= 1e9 ? `${(n / 1e9).toFixed(2)} G` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n.toLocaleString('en-US');

/**
 * The plan for training this network on smaller pictures, or null when it does not apply: the
 * dataset must be a built-in one drawn at any size, the Input square pictures at least
 * LARGE_INPUT_SIDE wide, and the architecture must accept a smaller side within the dataset's range.
 */
export function smallerInputPlan(
  graph: Graph,
  training: TrainingConfig | undefined,
  dataset: DatasetInfo | null,
  preferred = PREFERRED_SIDE,
): SmallerInputPlan | null {
  const ref = training?.dataset;
  const input = squareImageInput(graph);
  if (!ref || !('builtin' in ref) || !dataset || !input || input.side < LARGE_INPUT_SIDE) return null;
  const range = imageSizeRange(dataset);
  if (!range) return null;
  const sides = smallerSides(graph, Math.max(preferred, range.min));
  if (!sides || sides.side >= input.side || sides.side > range.max) return null;
  const { side, smallest } = sides;
  const shape = [side, side, input.channels];
  const before = analyzeGraph(graph).totals;
  const after = analyzeGraph(withSide(graph, input, side)).totals;
  const options = { ...(ref.options ?? {}), imageSize: side };
  const changes = [
    `Input ${input.side}×${input.side}×${input.channels} → ${side}×${side}×${input.channels}`,
    `“${dataset.title}” drawn at ${side}×${side}`,
    `Parameters ${millions(before.total)} → ${millions(after.total)}, multiply-adds per example ${millions(before.macs)} → ${millions(after.macs)}`,
  ];
  if (smallest > preferred) changes.push(`${smallest}×${smallest} is the smallest this architecture accepts`);
  return {
    side,
    smallest,
    edit: { type: 'setParams', nodeId: input.nodeId, params: { shape } },
    training: { ...training, dataset: { ...ref, options } } as TrainingConfig,
    changes,
  };
}
