import * as tf from '@tensorflow/tfjs';
import type { GradConfig, GradFunc, NamedAttrMap, Tensor, Tensor4D } from '@tensorflow/tfjs';

/**
 * Gradients for *dilated* Conv2D (and so Conv1D, which runs as a Conv2D of height 1) and
 * DepthwiseConv2dNative (DepthwiseConv2D, and SeparableConv2D's depthwise step). TF.js 4.22's own
 * gradient functions for these kernels refuse any dilation above 1; ours take over then and call
 * TF.js's own otherwise, so undilated convolutions differentiate exactly as before.
 *
 * The identity used: a convolution with dilation d equals an undilated one with the *expanded*
 * filter, the (K−1)·d+1 taps wide filter holding the weights every d taps and zeros between. Its
 * padding is the same too: TF computes 'same' padding from that effective size, so an undilated
 * convolution with the expanded filter pads identically, and explicit padding is explicit. Hence
 * - dx is the undilated input gradient with the expanded filter, and
 * - dW is the expanded filter's gradient at the taps that are real weights (every d-th), or,
 *   where the backend runs Deepwire's filter-gradient kernel (which honours a `dilations`
 *   attribute), that kernel asked for the dilated gradient directly, which skips the zero taps.
 */

type Pair = [number, number];
type NamedGradientMap = ReturnType<GradFunc>;

/** Answers whether the active `kernelName` on `backendName` is Deepwire's, which honours `dilations`. */
export type HonoursDilation = (kernelName: string, backendName: string) => boolean;

const pair = (v: unknown): Pair => {
  if (v == null) return [1, 1];
  if (typeof v === 'number') return [v, v];
  const a = v as number[];
  return [a[0], a.length > 1 ? a[1] : a[0]];
};

const allOnes = (p: Pair) => p[0] === 1 && p[1] === 1;

/**
 * The filter [KH, KW, A, B] with (d−1) zero taps inserted between neighbours along height and
 * width: [(KH−1)·dh+1, (KW−1)·dw+1, A, B]. Built from reshape/pad/slice of rank ≤ 4, which every
 * backend has.
 */
export function expandFilter(filter: Tensor4D, dilations: Pair): Tensor4D {
  const [dh, dw] = dilations;
  return tf.tidy(() => {
    const [KH, KW, A, B] = filter.shape;
    const EH = (KH - 1) * dh + 1;
    const EW = (KW - 1) * dw + 1;
    let f: Tensor = filter;
    if (dh > 1) {
      // Each filter row followed by dh−1 zero rows, then the trailing zero rows cut off.
      f = tf.pad(tf.reshape(f, [KH, 1, KW * A * B]), [
        [0, 0],
        [0, dh - 1],
        [0, 0],
      ]);
      f = tf.slice(tf.reshape(f, [KH * dh, KW, A, B]), [0, 0, 0, 0], [EH, KW, A, B]);
    }
    if (dw > 1) {
      f = tf.pad(tf.reshape(f, [EH, KW, 1, A * B]), [
        [0, 0],
        [0, 0],
        [0, dw - 1],
        [0, 0],
      ]);
      f = tf.slice(tf.reshape(f, [EH, KW * dw, A, B]), [0, 0, 0, 0], [EH, EW, A, B]);
    }
    return f as Tensor4D;
  });
}

/** The real taps of an expanded filter's gradient (every d-th): the inverse of {@link expandFilter}. */
export function foldFilter(expanded: Tensor4D, dilations: Pair): Tensor4D {
  const [EH, EW, A, B] = expanded.shape;
  return tf.stridedSlice(expanded, [0, 0, 0, 0], [EH, EW, A, B], [dilations[0], dilations[1], 1, 1]) as Tensor4D;
}

function refuseStridedDilation(what: string, strides: Pair, dilations: Pair): void {
  if (!allOnes(strides) && !allOnes(dilations)) {
    throw new Error(
      `Gradient of ${what}: strides above 1 together with dilations above 1 are not supported (TensorFlow refuses them too); ` +
        `got strides [${strides}] and dilations [${dilations}]. Set one of them back to 1.`,
    );
  }
}

const run = (kernelName: string, inputs: tf.NamedTensorMap, attrs: object) =>
  tf.engine().runKernel(kernelName, inputs, attrs as NamedAttrMap) as Tensor4D;

function conv2DGradient(original: GradFunc | undefined, honoursDilation: HonoursDilation): GradFunc {
  return (dy, saved, attrs) => {
    const dilations = pair(attrs.dilations);
    if (allOnes(dilations)) {
      if (!original) throw new Error('TF.js has no gradient for Conv2D to fall back on.');
      return original(dy, saved, attrs);
    }
    const [x, filter] = saved as [Tensor4D, Tensor4D];
    const { strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as tf.Conv2DAttrs;
    refuseStridedDilation('Conv2D', pair(strides), dilations);
    const g = dy as Tensor4D;
    const common = { strides, pad, dataFormat, dimRoundingMode };
    return {
      x: () =>
        tf.tidy(() =>
          run(
            'Conv2DBackpropInput',
            { dy: g, filter: expandFilter(filter, dilations) },
            { ...common, inputShape: x.shape },
          ),
        ),
      filter: () => {
        if (dataFormat !== 'NCHW' && honoursDilation('Conv2DBackpropFilter', tf.getBackend())) {
          return run('Conv2DBackpropFilter', { x, dy: g }, { ...common, filterShape: filter.shape, dilations });
        }
        return tf.tidy(() => {
          const [KH, KW, A, B] = filter.shape;
          const expandedShape = [(KH - 1) * dilations[0] + 1, (KW - 1) * dilations[1] + 1, A, B];
          return foldFilter(
            run('Conv2DBackpropFilter', { x, dy: g }, { ...common, filterShape: expandedShape }),
            dilations,
          );
        });
      },
    } satisfies NamedGradientMap;
  };
}

function depthwiseGradient(original: GradFunc | undefined, honoursDilation: HonoursDilation): GradFunc {
  return (dy, saved, attrs) => {
    const dilations = pair(attrs.dilations);
    if (allOnes(dilations)) {
      if (!original) throw new Error('TF.js has no gradient for DepthwiseConv2dNative to fall back on.');
      return original(dy, saved, attrs);
    }
    const [x, filter] = saved as [Tensor4D, Tensor4D];
    const { strides, pad, dimRoundingMode } = attrs as unknown as tf.DepthwiseConv2dNativeAttrs;
    refuseStridedDilation('DepthwiseConv2D', pair(strides), dilations);
    const g = dy as Tensor4D;
    const common = { strides, pad, dimRoundingMode };
    return {
      x: () =>
        tf.tidy(() =>
          run(
            'DepthwiseConv2dNativeBackpropInput',
            { dy: g, filter: expandFilter(filter, dilations) },
            { ...common, dilations: 1, inputShape: x.shape },
          ),
        ),
      filter: () => {
        if (honoursDilation('DepthwiseConv2dNativeBackpropFilter', tf.getBackend())) {
          return run(
            'DepthwiseConv2dNativeBackpropFilter',
            { x, dy: g },
            { ...common, dilations, filterShape: filter.shape },
          );
        }
        return tf.tidy(() => {
          const [KH, KW, A, B] = filter.shape;
          const expandedShape = [(KH - 1) * dilations[0] + 1, (KW - 1) * dilations[1] + 1, A, B];
          return foldFilter(
            run(
              'DepthwiseConv2dNativeBackpropFilter',
              { x, dy: g },
              { ...common, dilations: 1, filterShape: expandedShape },
            ),
            dilations,
          );
        });
      },
    } satisfies NamedGradientMap;
  };
}

const OVERRIDES: readonly {
  kernelName: string;
  make: (original: GradFunc | undefined, honours: HonoursDilation) => GradFunc;
}[] = [
  { kernelName: 'Conv2D', make: conv2DGradient },
  { kernelName: 'DepthwiseConv2dNative', make: depthwiseGradient },
];

/** Ours, to stay idempotent and recognise them; and TF.js's, to call through to and restore. */
const oursByKernel = new Map<string, GradConfig>();
const originals = new Map<string, GradConfig | undefined>();

/**
 * Registers the dilation-aware gradients for Conv2D and DepthwiseConv2dNative (global: gradients
 * are not per backend). Safe to call again.
 *
 * @param honoursDilation - whether a backend's filter-gradient kernel takes a `dilations` attribute
 * @returns the kernel names whose gradient is now Deepwire's
 */
export function registerDilatedConvGradients(honoursDilation: HonoursDilation): string[] {
  for (const { kernelName, make } of OVERRIDES) {
    const current = tf.getGradient(kernelName);
    if (current && current === oursByKernel.get(kernelName)) continue;
    originals.set(kernelName, current);
    const config: GradConfig = {
      kernelName,
      inputsToSave: ['x', 'filter'],
      gradFunc: make(current?.gradFunc, honoursDilation),
    };
    tf.registerGradient(config);
    oursByKernel.set(kernelName, config);
  }
  return OVERRIDES.map((o) => o.kernelName);
}

/** Puts TF.js's own gradients back (if ours are still the registered ones). */
export function unregisterDilatedConvGradients(): void {
  for (const { kernelName } of OVERRIDES) {
    const mine = oursByKernel.get(kernelName);
    if (!mine || tf.getGradient(kernelName) !== mine) continue;
    const original = originals.get(kernelName);
    if (original) tf.registerGradient(original);
    else tf.unregisterGradient(kernelName);
    oursByKernel.delete(kernelName);
    originals.delete(kernelName);
  }
}
