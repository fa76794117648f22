import type { LayerActivation } from '../../../shared/protocol/trainer';
import type { Shape } from '../../../shared/catalog/types';

/** At most this many channels of a layer are sent. */
export const MAX_CHANNELS = 16;
/** Images are downsampled so that neither side exceeds this. */
export const MAX_SIDE = 64;
/** Dense/1-D strips are downsampled to at most this many values (the 64×64 budget of an image). */
export const MAX_STRIP = MAX_SIDE * MAX_SIDE;

/** Evenly spaced picks of `count` out of `n` (nearest-neighbour downsampling). */
function picks(n: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
}

/**
 * One example's layer output (batch dimension removed, channels last) as bytes the UI can draw:
 * - images (H, W, C): up to 16 channels, each downsampled to ≤ 64×64;
 * - volumes (D, H, W, C): the middle depth slice, as an image;
 * - sequences (T, F): up to 16 features, each a strip of ≤ 64 steps;
 * - vectors (U): one strip of ≤ 4096 values.
 * Quantized with the whole layer output's min/max: value = min + byte/255 × (max − min).
 */
export function quantizeActivation(nodeId: string, kind: string, shape: Shape, values: Float32Array): LayerActivation {
  const dims = shape.slice(1).map((d) => d ?? 1);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    min = 0;
    max = 0;
  }
  const range = max - min || 1;
  const q = (v: number) => (Number.isFinite(v) ? Math.round(((v - min) / range) * 255) : 0);

  let channels: number;
  let height: number;
  let width: number;
  let at: (c: number, y: number, x: number) => number;
  if (dims.length >= 3) {
    // (H, W, C), or (D, H, W, C) reduced to its middle slice.
    const [h, w, c] = dims.slice(-3);
    const offset = dims.length === 4 ? Math.floor(dims[0] / 2) * h * w * c : 0;
    const rows = picks(h, Math.min(h, MAX_SIDE));
    const cols = picks(w, Math.min(w, MAX_SIDE));
    channels = Math.min(c, MAX_CHANNELS);
    height = rows.length;
    width = cols.length;
    at = (ch, y, x) => values[offset + (rows[y] * w + cols[x]) * c + ch];
  } else if (dims.length === 2) {
    const [t, f] = dims;
    const steps = picks(t, Math.min(t, MAX_SIDE));
    channels = Math.min(f, MAX_CHANNELS);
    height = 1;
    width = steps.length;
    at = (ch, _y, x) => values[steps[x] * f + ch];
  } else {
    const n = dims[0] ?? values.length;
    const idx = picks(n, Math.min(n, MAX_STRIP));
    channels = 1;
    height = 1;
    width = idx.length;
    at = (_c, _y, x) => values[idx[x]];
  }
  const data = new Uint8Array(channels * height * width);
  let i = 0;
  for (let c = 0; c < channels; c++)
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[i++] = q(at(c, y, x));
  return { nodeId, kind, shape, channels, height, width, min, max, data };
}

/**
 * A Conv2D kernel [kh, kw, cin, cout] as filter images: up to 16 filters, each kh × kw, averaged
 * over the input channels (an RGB filter shows as its brightness pattern).
 */
export function quantizeFilters(nodeId: string, kernelShape: number[], values: Float32Array): LayerActivation {
  const [kh, kw, cin, cout] = kernelShape;
  const shown = Math.min(cout, MAX_CHANNELS);
  const mean = new Float32Array(shown * kh * kw);
  for (let f = 0; f < shown; f++)
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++) {
        let s = 0;
        for (let c = 0; c < cin; c++) s += values[((y * kw + x) * cin + c) * cout + f];
        mean[(f * kh + y) * kw + x] = s / cin;
      }
  // Reuse the image path: lay the means out as (kh, kw, shown) channels-last.
  const hwc = new Float32Array(kh * kw * shown);
  for (let f = 0; f < shown; f++) for (let p = 0; p < kh * kw; p++) hwc[p * shown + f] = mean[f * kh * kw + p];
  return quantizeActivation(nodeId, 'Conv2D', [null, kh, kw, shown], hwc);
}
