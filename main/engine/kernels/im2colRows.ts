import { type backend_util } from '@tensorflow/tfjs';
import { convGeometry } from './convGeometry';

/**
 * Copies the receptive fields of output positions `p0 … p1-1` (flat over batch, row, column) into
 * `out` as rows of a patch matrix: row p holds the KH·KW·Cin input values that output p sees, in
 * the order (kh, kw, ci) — the same order as a [KH, KW, Cin, Cout] filter's first three axes, so a
 * matrix product with dy gives the filter gradient without any reordering. Zero padding and
 * dilation are handled here; positions that fall in the padding stay zero.
 *
 * Rows are written sequentially and each (kh, kw) copies Cin contiguous values from NHWC `x`, so
 * both sides of the copy stream through memory.
 */
export function im2colRows(
  x: Float32Array,
  info: backend_util.Conv2DInfo,
  p0: number,
  p1: number,
  out: Float32Array,
): void {
  const { H, W, C, OH, OW, KH, KW, sh, sw, dh, dw, top, left } = convGeometry(info);
  const K = KH * KW * C;
  out.fill(0, 0, (p1 - p0) * K);
  for (let p = p0; p < p1; p++) {
    const ow = p % OW;
    const rest = (p - ow) / OW;
    const oh = rest % OH;
    const n = (rest - oh) / OH;
    const ih0 = oh * sh - top;
    const iw0 = ow * sw - left;
    let o = (p - p0) * K;
    for (let kh = 0; kh < KH; kh++) {
      const ih = ih0 + kh * dh;
      if (ih < 0 || ih >= H) {
        o += KW * C;
        continue;
      }
      const rowStart = (n * H + ih) * W;
      for (let kw = 0; kw < KW; kw++, o += C) {
        const iw = iw0 + kw * dw;
        if (iw < 0 || iw >= W) continue;
        const src = (rowStart + iw) * C;
        if (C >= 16) out.set(x.subarray(src, src + C), o);
        else for (let c = 0; c < C; c++) out[o + c] = x[src + c];
      }
    }
  }
}

/**
 * The transpose of {@link im2colRows}: writes the patch matrix of output positions `p0 … p1-1` as
 * columns, so `out` is [KH·KW·Cin, p1 − p0] with row (kh, kw, ci) holding that input value for
 * every position. A matrix product Xᵀ · dy then needs no transposed operand, which the wasm
 * backend's BatchMatMul runs through XNNPACK (about ten times faster than with transposeA).
 *
 * Each (kh, kw) fills Cin rows at once, each row written sequentially; every entry is written
 * (padding as zeros), so `out` need not be cleared.
 */
export function im2colColumns(
  x: Float32Array,
  info: backend_util.Conv2DInfo,
  p0: number,
  p1: number,
  out: Float32Array,
): void {
  const { H, W, C, OH, OW, KH, KW, sh, sw, dh, dw, top, left } = convGeometry(info);
  const rows = p1 - p0;
  const ow0 = p0 % OW;
  const oh0 = ((p0 - ow0) / OW) % OH;
  const n0 = (p0 - ow0 - oh0 * OW) / (OW * OH);
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const base = (kh * KW + kw) * C * rows;
      let ow = ow0;
      let oh = oh0;
      let n = n0;
      for (let q = 0; q < rows; q++) {
        const ih = oh * sh - top + kh * dh;
        const iw = ow * sw - left + kw * dw;
        if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
          for (let c = 0, o = base + q; c < C; c++, o += rows) out[o] = 0;
        } else {
          const src = ((n * H + ih) * W + iw) * C;
          for (let c = 0, o = base + q; c < C; c++, o += rows) out[o] = x[src + c];
        }
        if (++ow === OW) {
          ow = 0;
          if (++oh === OH) {
            oh = 0;
            n++;
          }
        }
      }
    }
  }
}
