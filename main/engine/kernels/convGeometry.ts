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
