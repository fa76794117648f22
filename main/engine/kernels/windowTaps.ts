import { type backend_util } from '@tensorflow/tfjs';
import { convGeometry } from './convGeometry';

/**
 * A sliding window over channels-last data, in one to three spatial dimensions (a 2-D window has
 * depth 1), under the short names the kernel loops use: input D·H·W, output OD·OH·OW, window
 * KD·KH·KW, strides s, dilations d, and the zero padding before the first plane, row and column.
 */
export interface WindowGeometry {
  N: number;
  D: number;
  H: number;
  W: number;
  C: number;
  OD: number;
  OH: number;
  OW: number;
  KD: number;
  KH: number;
  KW: number;
  sd: number;
  sh: number;
  sw: number;
  dd: number;
  dh: number;
  dw: number;
  front: number;
  top: number;
  left: number;
}

/** The window of a 2-D convolution or pooling (TF.js describes both with a Conv2DInfo). */
export function window2D(info: backend_util.Conv2DInfo): WindowGeometry {
  return { ...convGeometry(info), D: 1, OD: 1, KD: 1, sd: 1, dd: 1, front: 0 };
}

/** The window of a 3-D convolution or pooling. */
export function window3D(info: backend_util.Conv3DInfo): WindowGeometry {
  return {
    N: info.batchSize,
    D: info.inDepth,
    H: info.inHeight,
    W: info.inWidth,
    C: info.inChannels,
    OD: info.outDepth,
    OH: info.outHeight,
    OW: info.outWidth,
    KD: info.filterDepth,
    KH: info.filterHeight,
    KW: info.filterWidth,
    sd: info.strideDepth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    dd: info.dilationDepth,
    dh: info.dilationHeight,
    dw: info.dilationWidth,
    front: info.padInfo.front,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}

/**
 * Which input pixels each output position's window reads, within one image: output position q (flat
 * over od, oh, ow) reads taps `start[q]` to `start[q + 1] − 1`, each an input pixel (flat over d, h,
 * w) and the window position it sits at (flat over kd, kh, kw, as a filter's leading axes are laid
 * out), in (kd, kh, kw) order. Taps that fall in the padding are left out.
 *
 * The gradient kernels (depthwise filter and input, Conv3D input, max pooling) walk the same windows
 * and differ only in what they do at each tap; computing the windows once per call keeps the bounds
 * tests and index arithmetic out of their inner loops and in one place.
 */
export interface WindowTaps {
  /** Output positions per image: OD·OH·OW. */
  positions: number;
  /** Input pixels per image: D·H·W. */
  pixels: number;
  start: Int32Array;
  pixel: Int32Array;
  tap: Int32Array;
}

export function windowTaps(g: WindowGeometry): WindowTaps {
  const { D, H, W, OD, OH, OW, KD, KH, KW, sd, sh, sw, dd, dh, dw, front, top, left } = g;
  const positions = OD * OH * OW;
  const start = new Int32Array(positions + 1);
  const pixel = new Int32Array(positions * KD * KH * KW);
  const tap = new Int32Array(pixel.length);
  let t = 0;
  let q = 0;
  for (let od = 0; od < OD; od++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, q++) {
        start[q] = t;
        for (let kd = 0; kd < KD; kd++) {
          const id = od * sd - front + kd * dd;
          if (id < 0 || id >= D) continue;
          for (let kh = 0; kh < KH; kh++) {
            const ih = oh * sh - top + kh * dh;
            if (ih < 0 || ih >= H) continue;
            for (let kw = 0; kw < KW; kw++) {
              const iw = ow * sw - left + kw * dw;
              if (iw < 0 || iw >= W) continue;
              pixel[t] = (id * H + ih) * W + iw;
              tap[t++] = (kd * KH + kh) * KW + kw;
            }
          }
        }
      }
    }
  }
  start[positions] = t;
  return { positions, pixels: D * H * W, start, pixel: pixel.subarray(0, t), tap: tap.subarray(0, t) };
}
