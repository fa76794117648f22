import type { DataDescription } from './types';

/**
 * How the network's inputs are standardised, fitted on the training split only and saved with the
 * run (`input-scaling.json`), so continuing and predicting use the same numbers:
 *
 * - `features`: tables and 1-D arrays; each numeric position on its own (one-hot category positions
 *   are left as 0/1). `positions` lists the input positions standardised, `mean`/`std` theirs.
 * - `global`: arrays of images, cubes or series (FITS, NumPy, HDF5): one mean and spread over every
 *   value, which keeps the picture's shape while bringing counts of 10⁴ near 1.
 * - `none`: image folders (already scaled to 0..1).
 */
export type InputScaling =
  | { kind: 'none' }
  | { kind: 'features'; positions: number[]; names: string[]; mean: number[]; std: number[] }
  | { kind: 'global'; mean: number; std: number };

/** What to standardise, before the statistics are known. */
export type ScalingPlan =
  { kind: 'none' } | { kind: 'features'; positions: number[]; names: string[] } | { kind: 'global' };

const size = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/** Which input positions get standardised for data described by `d` (see {@link InputScaling}). */
export function scalingPlan(d: DataDescription): ScalingPlan {
  if (d.format === 'images') return { kind: 'none' };
  const per = size(d.inputShape);
  if (d.features?.length) {
    const positions: number[] = [];
    const names: string[] = [];
    let at = 0;
    for (const f of d.features) {
      const width = f.type === 'category' ? (f.categories?.length ?? 0) : (f.width ?? 1);
      if (f.type === 'number')
        for (let k = 0; k < width; k++) {
          positions.push(at + k);
          names.push(width > 1 ? `${f.name}[${k}]` : f.name);
        }
      at += width;
    }
    // A layout we cannot follow (a reader encoding differently) is standardised per position.
    if (at === per) return { kind: 'features', positions, names };
  }
  if (d.inputShape.length <= 1)
    return {
      kind: 'features',
      positions: Array.from({ length: per }, (_, i) => i),
      names: Array.from({ length: per }, (_, i) => `feature ${i + 1}`),
    };
  return { kind: 'global' };
}

/**
 * Mean and spread of the planned positions over the examples it is shown (the training split),
 * in float64 sums so a million rows lose nothing. NaN values (missing cells) are not counted.
 */
export class ScalingAccumulator {
  private readonly sum: Float64Array;
  private readonly sq: Float64Array;
  private readonly n: Float64Array;

  constructor(
    private readonly plan: ScalingPlan,
    private readonly per: number,
  ) {
    const k = plan.kind === 'features' ? plan.positions.length : 1;
    this.sum = new Float64Array(k);
    this.sq = new Float64Array(k);
    this.n = new Float64Array(k);
  }

  /** Counts example `i` of `x` (rows of `per` values). */
  add(x: Float32Array, i: number): void {
    const { plan, per } = this;
    const o = i * per;
    if (plan.kind === 'features') {
      const p = plan.positions;
      for (let k = 0; k < p.length; k++) {
        const v = x[o + p[k]];
        if (Number.isNaN(v)) continue;
        this.sum[k] += v;
        this.sq[k] += v * v;
        this.n[k]++;
      }
    } else if (plan.kind === 'global') {
      let s = 0;
      let q = 0;
      let n = 0;
      for (let j = o; j < o + per; j++) {
        const v = x[j];
        if (Number.isNaN(v)) continue;
        s += v;
        q += v * v;
        n++;
      }
      this.sum[0] += s;
      this.sq[0] += q;
      this.n[0] += n;
    }
  }

  /** The fitted scaling. A constant feature (spread 0) is only shifted, never divided by zero. */
  result(): InputScaling {
    const stat = (k: number) => {
      const n = this.n[k];
      const mean = n ? this.sum[k] / n : 0;
      const variance = n ? Math.max(0, this.sq[k] / n - mean * mean) : 0;
      const std = Math.sqrt(variance);
      return { mean, std: std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1 };
    };
    const { plan } = this;
    if (plan.kind === 'none') return { kind: 'none' };
    if (plan.kind === 'global') return { kind: 'global', ...stat(0) };
    const stats = plan.positions.map((_, k) => stat(k));
    return {
      kind: 'features',
      positions: plan.positions,
      names: plan.names,
      mean: stats.map((s) => s.mean),
      std: stats.map((s) => s.std),
    };
  }
}

/**
 * Standardises rows of `per` values in place. A missing value (NaN) at a standardised position
 * becomes 0, the training mean; returns how many were filled.
 */
export function applyScaling(x: Float32Array, per: number, scaling: InputScaling): number {
  let filled = 0;
  if (scaling.kind === 'none') return 0;
  const n = x.length / per;
  if (scaling.kind === 'global') {
    const { mean, std } = scaling;
    for (let j = 0; j < x.length; j++) {
      const v = x[j];
      if (Number.isNaN(v)) {
        x[j] = 0;
        filled++;
      } else x[j] = (v - mean) / std;
    }
    return filled;
  }
  const { positions, mean, std } = scaling;
  for (let i = 0; i < n; i++) {
    const o = i * per;
    for (let k = 0; k < positions.length; k++) {
      const v = x[o + positions[k]];
      if (Number.isNaN(v)) {
        x[o + positions[k]] = 0;
        filled++;
      } else x[o + positions[k]] = (v - mean[k]) / std[k];
    }
  }
  return filled;
}

/** The inverse of {@link applyScaling}, for showing examples in their own units. */
export function unapplyScaling(x: ArrayLike<number>, per: number, scaling: InputScaling): number[] {
  const out = Array.from(x);
  if (scaling.kind === 'global') return out.map((v) => v * scaling.std + scaling.mean);
  if (scaling.kind === 'features') {
    for (let o = 0; o < out.length; o += per)
      scaling.positions.forEach((p, k) => (out[o + p] = out[o + p] * scaling.std[k] + scaling.mean[k]));
  }
  return out;
}
