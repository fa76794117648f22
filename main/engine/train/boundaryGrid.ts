import type { BoundaryOutput } from '../../../shared/protocol/trainer';

/**
 * The arithmetic of the decision boundary (issue 14, section 2.2), without TF.js: the plane around
 * the data, the grid of points on it, and the network's outputs there as bytes.
 */

export interface PlaneExtent {
  x: [number, number];
  y: [number, number];
}

/** The share of each axis's range added on both sides, so points never sit on the edge. */
export const PLANE_MARGIN = 0.1;

/** The range of the points (x1, x2 pairs) plus a margin on each side; a flat axis gets ±1. */
export function planeExtent(xy: ArrayLike<number>): PlaneExtent {
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (let i = 0; i + 1 < xy.length; i += 2) {
    for (let a = 0; a < 2; a++) {
      const v = xy[i + a];
      if (!Number.isFinite(v)) continue;
      if (v < lo[a]) lo[a] = v;
      if (v > hi[a]) hi[a] = v;
    }
  }
  const axis = (a: number): [number, number] => {
    if (!(hi[a] >= lo[a])) return [-1, 1];
    const span = hi[a] - lo[a];
    const pad = span > 0 ? span * PLANE_MARGIN : 1;
    return [lo[a] - pad, hi[a] + pad];
  };
  return { x: axis(0), y: axis(1) };
}

/**
 * The centres of a size × size grid over the plane as x1, x2 pairs, row by row: row 0 is the top
 * (the largest x2), column 0 the left (the smallest x1), as an image is drawn.
 */
export function gridInputs(extent: PlaneExtent, size: number): Float32Array {
  const out = new Float32Array(size * size * 2);
  const [x0, x1] = extent.x;
  const [y0, y1] = extent.y;
  for (let r = 0; r < size; r++) {
    const y = y1 - ((r + 0.5) / size) * (y1 - y0);
    for (let c = 0; c < size; c++) {
      const i = (r * size + c) * 2;
      out[i] = x0 + ((c + 0.5) / size) * (x1 - x0);
      out[i + 1] = y;
    }
  }
  return out;
}

/** Values as bytes between min and max (value = min + byte / 255 × (max − min)). */
export function quantize(values: ArrayLike<number>, min: number, max: number): Uint8Array {
  const out = new Uint8Array(values.length);
  const span = max - min;
  if (!(span > 0)) return out;
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(((values[i] - min) / span) * 255);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v || 0;
  }
  return out;
}

function range(values: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : [0, 0];
}

/** How the output is read: a probability, a score around a threshold, classes, or a value. */
export type OutputReading =
  | { kind: 'probability' }
  | { kind: 'score'; threshold: number }
  | { kind: 'classes'; probabilities: boolean }
  | { kind: 'value' };

/**
 * The grid's outputs (`cells` rows of `width` values, row-major) as the event carries them. A
 * probability as p × 255; a score on a range symmetric about its threshold, so the threshold is the
 * middle colour; several classes as the winning class and its probability (a softmax of the
 * outputs when they are not probabilities); a regression value on its own range.
 */
export function encodeOutput(values: Float32Array, width: number, reading: OutputReading): BoundaryOutput {
  const cells = values.length / width;
  switch (reading.kind) {
    case 'probability':
      return { kind: 'probability', data: quantize(values, 0, 1), min: 0, max: 1 };
    case 'score': {
      const t = reading.threshold;
      const [lo, hi] = range(values);
      const reach = Math.max(Math.abs(lo - t), Math.abs(hi - t)) || 1;
      return {
        kind: 'score',
        data: quantize(values, t - reach, t + reach),
        min: t - reach,
        max: t + reach,
        threshold: t,
      };
    }
    case 'value': {
      const [lo, hi] = range(values);
      return { kind: 'value', data: quantize(values, lo, hi), min: lo, max: hi };
    }
    case 'classes': {
      const data = new Uint8Array(cells);
      const confidence = new Uint8Array(cells);
      for (let i = 0; i < cells; i++) {
        const row = values.subarray(i * width, i * width + width);
        let best = 0;
        for (let c = 1; c < width; c++) if (row[c] > row[best]) best = c;
        let p = row[best];
        if (!reading.probabilities) {
          let sum = 0;
          for (let c = 0; c < width; c++) sum += Math.exp(row[c] - row[best]);
          p = 1 / sum;
        }
        data[i] = best;
        confidence[i] = Math.round(Math.min(1, Math.max(0, p)) * 255);
      }
      return { kind: 'classes', data, confidence, min: 0, max: width - 1 };
    }
  }
}

/**
 * Every `step`-th row and column of a units-wide grid of `size` × `size` cells, unit by unit: the
 * small maps of the hidden neurons, taken from the same predict as the output.
 */
export function neuronTiles(values: Float32Array, units: number, size: number, step: number): Float32Array {
  const small = Math.ceil(size / step);
  const out = new Float32Array(units * small * small);
  for (let u = 0; u < units; u++)
    for (let r = 0; r < small; r++)
      for (let c = 0; c < small; c++)
        out[(u * small + r) * small + c] = values[(r * step * size + c * step) * units + u];
  return out;
}

export { range as valueRange };
