import { type backend_util } from '@tensorflow/tfjs';

/** A 2-D convolution's geometry under short names, as the hand-written kernel loops use them. */
export interface ConvGeometry {
  N: number;
  H: number;
  W: number;
  C: number;
  OH: number;
  OW: number;
  KH: number;
  KW: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  /** Zero padding before the first row and column. */
  top: number;
  left: number;
}

/** The short-named geometry of `info` (NHWC input, [KH, KW, …] filter). */
export function convGeometry(info: backend_util.Conv2DInfo): ConvGeometry {
  return {
    N: info.batchSize,
    H: info.inHeight,
    W: info.inWidth,
    C: info.inChannels,
    OH: info.outHeight,
    OW: info.outWidth,
    KH: info.filterHeight,
    KW: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    dh: info.dilationHeight,
    dw: info.dilationWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}

/**
 * The zero-padded copy of a convolution's input that Deepwire's SIMD kernels read, so that every
 * window lies inside it: Hp × Wp pixels, the data `top` rows and `left` columns in, and enough
 * rows and columns below and right for the last window's last tap ((OH−1)·sh + (KH−1)·dh rows
 * below the first). Byte strides for the kernels: an image, an output row (the stride folded in),
 * an output column.
 */
export interface PaddedWindows {
  Hp: number;
  Wp: number;
  /** Whether a copy is needed at all (else the kernels read x itself). */
  padded: boolean;
  imageBytes: number;
  rowBytes: number;
  colBytes: number;
}

export function paddedWindows(g: ConvGeometry): PaddedWindows {
  const { H, W, C, OH, OW, KH, KW, sh, sw, dh, dw, top, left } = g;
  const Hp = Math.max(top + H, (OH - 1) * sh + (KH - 1) * dh + 1);
  const Wp = Math.max(left + W, (OW - 1) * sw + (KW - 1) * dw + 1);
  return {
    Hp,
    Wp,
    padded: top > 0 || left > 0 || Hp > top + H || Wp > left + W,
    imageBytes: Hp * Wp * C * 4,
    rowBytes: sh * Wp * C * 4,
    colBytes: sw * C * 4,
  };
}

/**
 * Writes the byte offset of each (kh, kw, ci) tap of a window from its first value, in a filter's
 * row order, into `out` (in a padded input `Wp` pixels wide); entries past KH·KW·Cin become 0.
 */
export function windowOffsets(g: ConvGeometry, Wp: number, out: Int32Array): void {
  const { C, KH, KW, dh, dw } = g;
  let k = 0;
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      for (let ci = 0; ci < C; ci++) out[k++] = ((kh * dh * Wp + kw * dw) * C + ci) * 4;
    }
  }
  out.fill(0, k);
}

/** Copies x [N, H, W, C] into `out`, its {@link paddedWindows} copy; everything else becomes 0. */
export function padInto(x: Float32Array, out: Float32Array, g: ConvGeometry, Hp: number, Wp: number): void {
  const { N, H, W, C, top, left } = g;
  const rowLength = W * C;
  out.fill(0);
  for (let n = 0; n < N; n++) {
    for (let h = 0; h < H; h++) {
      const src = (n * H + h) * rowLength;
      out.set(x.subarray(src, src + rowLength), ((n * Hp + top + h) * Wp + left) * C);
    }
  }
}
