import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../../shared/graph/types';
import type { NeuronMaps, TrainerEvent } from '../../../shared/protocol/trainer';
import { SIGNED_LABEL_LOSSES } from '../../../shared/training/checkTraining';
import type { Loss, TrainingTarget } from '../../../shared/training/options';
import { layerNames, nodeOutputLayer } from '../compile';
import {
  encodeOutput,
  gridInputs,
  neuronTiles,
  planeExtent,
  quantize,
  valueRange,
  type OutputReading,
  type PlaneExtent,
} from './boundaryGrid';
import { PROBABILITY_LOSSES } from './evaluateSplit';
import { unscaleValues, type TargetScaler } from './prepareData';
import type { TrainingData } from './trainingData';

/**
 * The decision boundary of a network on a two-value input (issue 14, section 2.2): after each
 * epoch, one batched predict over a 64 × 64 grid of the plane gives the output and the first small
 * hidden layers' units (Playground's neuron thumbnails, every second cell: 32 × 32).
 */

export type BoundaryEvent = Extract<TrainerEvent, { type: 'boundary' }>;

/** Grid cells per side of the output map. */
export const BOUNDARY_SIZE = 64;
/** The neuron maps take every this-many-th row and column of the grid. */
export const NEURON_STEP = 2;
/** Hidden layers wider than this get no neuron maps (nor do any after them). */
export const MAX_NEURON_UNITS = 16;
export const MAX_NEURON_LAYERS = 4;
/** At most one boundary per this many milliseconds while epochs fly by (the first and last always): ≤ ~5 % of the time at ~10 ms each. */
export const BOUNDARY_INTERVAL_MS = 200;
/** Points drawn on top: the first examples of the training and the test split. */
const TRAIN_POINTS = 300;
const TEST_POINTS = 150;

export interface BoundaryProbe {
  model: tf.LayersModel;
  hidden: { nodeId: string; units: number }[];
  reading: OutputReading;
  width: number;
}

export interface BoundaryTask {
  loss: Loss;
  task: 'classification' | 'regression';
  target: TrainingTarget;
}

/**
 * A model over `model`'s weights returning the small hidden Dense layers' outputs and the output,
 * or null when there is no plane to draw: not one input of two values, a reconstruction, or an
 * output that is neither classes nor one value.
 */
export function makeBoundaryProbe(model: tf.LayersModel, graph: Graph, t: BoundaryTask): BoundaryProbe | null {
  if (t.target !== 'labels' || model.inputs.length !== 1 || model.outputs.length !== 1) return null;
  const input = model.inputs[0].shape;
  const output = model.outputs[0].shape;
  if (input.length !== 2 || input[1] !== 2 || output.length !== 2 || !output[1]) return null;
  const width = output[1];
  let reading: OutputReading;
  if (t.task === 'regression') {
    if (width !== 1) return null;
    reading = { kind: 'value' };
  } else if (width === 1) {
    reading = PROBABILITY_LOSSES.has(t.loss)
      ? { kind: 'probability' }
      : { kind: 'score', threshold: SIGNED_LABEL_LOSSES.includes(t.loss) ? 0 : 0.5 };
  } else {
    reading = { kind: 'classes', probabilities: PROBABILITY_LOSSES.has(t.loss) };
  }
  const names = layerNames(graph);
  const hidden: BoundaryProbe['hidden'] = [];
  const outputs: tf.SymbolicTensor[] = [];
  for (const n of graph.nodes) {
    if (n.kind !== 'Dense' || hidden.length >= MAX_NEURON_LAYERS) continue;
    const layer = nodeOutputLayer(model, names.get(n.id)!);
    const out = layer?.output as tf.SymbolicTensor | undefined;
    if (!out || out === model.outputs[0] || out.shape.length !== 2) continue;
    const units = out.shape[1] ?? 0;
    if (units > MAX_NEURON_UNITS) break;
    hidden.push({ nodeId: n.id, units });
    outputs.push(out);
  }
  outputs.push(model.outputs[0]);
  return { model: tf.model({ inputs: model.inputs, outputs }), hidden, reading, width };
}

/** The examples drawn on the plane, and the plane around them. */
export async function boundaryPoints(
  data: TrainingData,
  scaler?: TargetScaler,
): Promise<{ points: BoundaryEvent['points']; extent: PlaneExtent }> {
  const xy: number[] = [];
  const label: number[] = [];
  // The data's corners (x1 min, x2 min, x1 max, x2 max) over every example of both splits.
  const corners = [Infinity, Infinity, -Infinity, -Infinity];
  const take = async (which: 'train' | 'validation' | 'test', max: number) => {
    let taken = 0;
    await data.eachChunk(which, (chunk) => {
      const x = chunk.x.dataSync();
      for (let i = 0; i + 1 < x.length; i += 2) {
        for (let a = 0; a < 2; a++) {
          if (x[i + a] < corners[a]) corners[a] = x[i + a];
          if (x[i + a] > corners[a + 2]) corners[a + 2] = x[i + a];
        }
      }
      const n = Math.min(max - taken, chunk.x.shape[0]);
      if (n <= 0) return;
      const y = chunk.classes ?? chunk.y.dataSync();
      const values = chunk.classes || !scaler ? Array.from(y) : unscaleValues(y, scaler);
      for (let i = 0; i < n; i++) {
        xy.push(round(x[2 * i]), round(x[2 * i + 1]));
        label.push(round(values[i]));
      }
      taken += n;
    });
    return taken;
  };
  await take('train', TRAIN_POINTS);
  const test = await take(data.counts.test ? 'test' : 'validation', TEST_POINTS);
  return { points: { xy, label, test }, extent: planeExtent(corners) };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** The boundary of one training session: the grid tensor, the points, and when it last sent one. */
export class BoundaryView {
  private last = -Infinity;
  /** The epoch of the last boundary sent (−1: none yet). */
  lastEpoch = -1;

  private constructor(
    private readonly probe: BoundaryProbe,
    private readonly grid: tf.Tensor,
    readonly extent: PlaneExtent,
    readonly points: BoundaryEvent['points'],
    private readonly scaler?: TargetScaler,
  ) {}

  static async create(probe: BoundaryProbe, data: TrainingData, scaler?: TargetScaler): Promise<BoundaryView> {
    const { points, extent } = await boundaryPoints(data, scaler);
    const grid = tf.tensor2d(gridInputs(extent, BOUNDARY_SIZE), [BOUNDARY_SIZE * BOUNDARY_SIZE, 2]);
    return new BoundaryView(probe, grid, extent, points, scaler);
  }

  /** The output and the neuron maps over the plane now, as the event's fields (one predict). */
  compute(runId: string, epoch: number): BoundaryEvent {
    const { probe } = this;
    const outs = tf.tidy(() => {
      // One batch (predict's default of 32 per batch made this 128 small predicts: ~60 ms instead of ~5).
      const r = probe.model.predict(this.grid, { batchSize: BOUNDARY_SIZE * BOUNDARY_SIZE });
      return Array.isArray(r) ? r : [r];
    });
    const values = outs.map((t) => t.dataSync() as Float32Array);
    tf.dispose(outs);
    const neurons: NeuronMaps[] = probe.hidden.map(({ nodeId, units }, k) => {
      const tiles = neuronTiles(values[k], units, BOUNDARY_SIZE, NEURON_STEP);
      const [min, max] = valueRange(tiles);
      return { nodeId, units, size: Math.ceil(BOUNDARY_SIZE / NEURON_STEP), min, max, data: quantize(tiles, min, max) };
    });
    let out = values[values.length - 1];
    if (probe.reading.kind === 'value' && this.scaler) out = Float32Array.from(unscaleValues(out, this.scaler));
    return {
      type: 'boundary',
      runId,
      epoch,
      extent: this.extent,
      size: BOUNDARY_SIZE,
      output: encodeOutput(out, probe.width, probe.reading),
      neurons,
      points: this.points,
    };
  }

  /** The boundary for `epoch` unless one went out less than BOUNDARY_INTERVAL_MS ago (`force`: always). */
  next(runId: string, epoch: number, force: boolean): BoundaryEvent | null {
    const now = performance.now();
    if (!force && now - this.last < BOUNDARY_INTERVAL_MS) return null;
    const event = this.compute(runId, epoch);
    this.last = performance.now();
    this.lastEpoch = epoch;
    return event;
  }

  dispose(): void {
    this.grid.dispose();
  }
}
