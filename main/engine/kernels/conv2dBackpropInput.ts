import { backend_util, type Conv2DBackpropInputAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs';
import {
  type BackendKernel,
  type KernelArgs,
  callKernel,
  disposeIntermediate,
  readFloat32,
  writeTensor,
} from './kernelIO';

/**
 * `Conv2DBackpropInput` built on the backend's own forward `Conv2D` (XNNPACK on wasm, which is
 * several times faster than wasm's direct backprop-input loop).
 *
 * The input gradient is dx[n,ih,iw,ci] = Σ dy[n,oh,ow,co] · W[kh,kw,ci,co] over oh·s+kh−top = ih
 * (and the same along the width). With D the stride-dilated dy (s−1 zeros between neighbours, so
 * D[oh·s] = dy[oh]) and W' the filter flipped in space with its channel axes swapped,
 * W'[KH−1−kh, KW−1−kw, co, ci] = W[kh,kw,ci,co], that is an ordinary stride-1 convolution:
 * dx = conv(D, W') with KH−1−top rows of zeros on top and H − DH + top below (DH = (OH−1)·s+1),
 * which gives exactly H output rows; likewise for the width. TF's valid/same/explicit padding
 * enters only through `top`/`left`, taken from TF's own computeConv2DInfo. A negative amount of
 * padding (explicit padding larger than the filter) crops D instead.
 *
 * Strides above 1 multiply by zeros (s² more multiply-adds than needed); the CNNs Deepwire trains
 * downsample by pooling, and even at stride 2 the XNNPACK convolution stays ahead of the built-in.
 *
 * @param backendName - the backend whose Conv2D to build on
 * @param fallback - the backend's own kernel, used for channels-first data (which XNNPACK's NHWC
 *   convolution cannot take)
 */
export function makeConv2DBackpropInput(backendName: string, fallback?: () => KernelConfig | undefined): BackendKernel {
  return (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
    if (dataFormat === 'NCHW') {
      const own = fallback?.();
      if (own) {
        const out = own.kernelFunc(args as unknown as Parameters<KernelConfig['kernelFunc']>[0]);
        return Array.isArray(out) ? out[0] : out;
      }
      throw new Error('Conv2DBackpropInput: Deepwire trains channels-last (NHWC) only; got NCHW.');
    }
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    if (dy.shape.join() !== info.outShape.join()) {
      throw new Error(
        `Conv2DBackpropInput: dy has shape [${dy.shape}] but the convolution outputs [${info.outShape}].`,
      );
    }
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: Cin } = info;
    const { outHeight: OH, outWidth: OW, outChannels: Cout, filterHeight: KH, filterWidth: KW } = info;
    const { strideHeight: sh, strideWidth: sw } = info;

    // Zero padding around the stride-dilated dy for the forward convolution (may be negative).
    const DH = (OH - 1) * sh + 1;
    const DW = (OW - 1) * sw + 1;
    const padTop = KH - 1 - info.padInfo.top;
    const padLeft = KW - 1 - info.padInfo.left;
    const padBottom = H + KH - 1 - DH - padTop;
    const padRight = W + KW - 1 - DW - padLeft;
    // Non-negative padding is left to the convolution; negative padding crops the buffer below.
    const [pt, pb, pl, pr] = [padTop, padBottom, padLeft, padRight].map((p) => Math.max(p, 0));
    const BH = H + KH - 1 - pt - pb;
    const BW = W + KW - 1 - pl - pr;

    // W'[KH−1−kh, KW−1−kw, co, ci] = W[kh, kw, ci, co].
    const w = readFloat32(backend, filter);
    const flipped = new Float32Array(w.length);
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++) {
        const src = (kh * KW + kw) * Cin * Cout;
        const dst = ((KH - 1 - kh) * KW + (KW - 1 - kw)) * Cout * Cin;
        for (let ci = 0; ci < Cin; ci++) {
          for (let co = 0; co < Cout; co++) flipped[dst + co * Cin + ci] = w[src + ci * Cout + co];
        }
      }
    }
    const filterT = writeTensor(backend, flipped, [KH, KW, Cout, Cin]);

    // dy itself is the convolution's input when nothing needs inserting or cropping.
    let input = dy;
    let ownsInput = false;
    if (sh !== 1 || sw !== 1 || BH !== OH || BW !== OW) {
      const dyValues = readFloat32(backend, dy);
      const buffer = new Float32Array(N * BH * BW * Cout);
      const rowOffset = Math.min(padTop, 0);
      const colOffset = Math.min(padLeft, 0);
      for (let n = 0; n < N; n++) {
        for (let oh = 0; oh < OH; oh++) {
          const r = oh * sh + rowOffset;
          if (r < 0 || r >= BH) continue;
          for (let ow = 0; ow < OW; ow++) {
            const c = ow * sw + colOffset;
            if (c < 0 || c >= BW) continue;
            const src = ((n * OH + oh) * OW + ow) * Cout;
            buffer.set(dyValues.subarray(src, src + Cout), ((n * BH + r) * BW + c) * Cout);
          }
        }
      }
      input = writeTensor(backend, buffer, [N, BH, BW, Cout]);
      ownsInput = true;
    }

    const dx = callKernel(
      'Conv2D',
      backendName,
      backend,
      { x: input, filter: filterT },
      {
        strides: 1,
        dilations: 1,
        pad: [
          [0, 0],
          [pt, pb],
          [pl, pr],
          [0, 0],
        ],
        dataFormat: 'NHWC',
      },
    );
    disposeIntermediate(backend, filterT);
    if (ownsInput) disposeIntermediate(backend, input);
    return dx;
  };
}
