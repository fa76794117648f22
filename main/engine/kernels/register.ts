import { getKernel, registerKernel, unregisterKernel, type KernelConfig, type KernelFunc } from '@tensorflow/tfjs';
import {
  RELU_GRAD,
  SIGMOID_GRAD,
  TANH_GRAD,
  reluGrad,
  registerActivationGradients,
  sigmoidGrad,
  tanhGrad,
  unregisterActivationGradients,
} from './activationGrads';
import { makeAvgPoolGrad } from './avgPoolGrad';
import {
  ACCURACY,
  CROSSENTROPY,
  CROSSENTROPY_GRAD,
  accuracy,
  crossentropy,
  crossentropyGrad,
  registerCrossentropyGradient,
} from './crossentropy';
import { type BackendKernel, type Builtin } from './kernelIO';
import { makeBiasAdd } from './biasAdd';
import { makeConvForward } from './convForward';
import {
  LEAKY_RELU_GRAD,
  leakyReluGrad,
  makeLeakyRelu,
  registerLeakyReluGradient,
  unregisterLeakyReluGradient,
} from './leakyRelu';
import {
  ADAM_UPDATE,
  MOMENTUM_UPDATE,
  RMSPROP_UPDATE,
  SGD_UPDATE,
  adamUpdate,
  momentumUpdate,
  rmspropUpdate,
  sgdUpdate,
  type UpdateKernel,
} from './optimizerUpdates';
import { makeConv2DBackpropFilter } from './conv2dBackpropFilter';
import { makeConv2DBackpropInput } from './conv2dBackpropInput';
import { depthwiseConv2dBackpropFilter } from './depthwiseConv2dBackpropFilter';
import { registerDilatedConvGradients, unregisterDilatedConvGradients } from './dilatedConvGradients';
import { conv3dBackpropInput } from './conv3dBackpropInput';
import { depthwiseConv2dBackpropInput } from './depthwiseConv2dBackpropInput';
import { maxPool3DGrad, maxPoolGrad } from './maxPoolGrad';
import { resizeNearestNeighborGrad } from './resizeNearestNeighborGrad';
import { makeSharedIdentity } from './sharedIdentity';
import { makeSum } from './sum';
import { makeTanh } from './tanh';
import { makeBatchMatMul, makeFusedMatMul } from './batchMatMul';
import { unsortedSegmentSum } from './unsortedSegmentSum';

/** A gradient kernel Deepwire supplies, and where. */
interface TrainingKernel {
  kernelName: string;
  make(backendName: string): BackendKernel | UpdateKernel;
  /** Backends where it is added only if the backend has none (so a future tfjs's own wins). */
  addWhereMissing: readonly string[];
  /** Backends whose own kernel it replaces because that one is too slow or gives wrong gradients. */
  replaceOn: readonly string[];
}

/**
 * Every kernel that some catalog layer's gradient needs and a backend lacks, runs too slowly, or
 * gets wrong. Found by differentiating every layer kind on cpu and on wasm and comparing
 * (layerGradientCoverage.test.ts). In TF.js 4.22:
 * - wasm lacks Conv2DBackpropFilter, both depthwise backprops and UnsortedSegmentSum;
 * - wasm's MaxPoolGrad, MaxPool3DGrad and Conv3DBackpropInputV2 return wrong gradients;
 * - wasm's BatchMatMul with a transposed operand (every Dense gradient) is 3–10× slower than
 *   untransposed (batchMatMul.ts reorders and multiplies untransposed), and its XNNPACK product
 *   packs the weights anew after every optimizer step, which costs more than the product
 *   (batchMatMul.ts and simdMatMul.ts: SIMD products on the operands where they are, also for
 *   _FusedMatMul with a bias and ReLU);
 * - wasm's LeakyRelu is a scalar loop 20× slower than its XNNPACK Prelu (leakyRelu.ts, which also
 *   registers a two-kernel gradient, dy·step(x, α), for every backend);
 * - wasm's broadcasting Add walks a bias over the last axis element by element (biasAdd.ts: SIMD);
 * - wasm's Conv2D and FusedConv2D create an XNNPACK operator and pack the filter after every
 *   optimizer step (convForward.ts: SIMD on the filter as it is, while it fits in cache);
 * - wasm's Tanh is a scalar loop 8× slower than 2·σ(2x) − 1 on its vectorised Sigmoid (tanh.ts);
 * - wasm's and cpu's AvgPoolGrad are slow for the usual tiling 2×2/2 pooling (ours takes that one
 *   case and hands every other geometry to theirs);
 * - wasm's Conv2DBackpropInput is a direct loop several times slower than its XNNPACK Conv2D, which
 *   ours runs on (a flipped filter over the stride-dilated dy); unregisterTrainingKernels('wasm')
 *   falls back to the built-in, and channels-first data always goes to it;
 * - cpu's Conv2DBackpropFilter reads every element through TensorBuffer.get (a LeNet trains at a
 *   few examples per second), and its ResizeNearestNeighborGrad returns wrong gradients;
 * - wasm's Identity copies the tensor, and TF.js calls it for every tensor a gradient saves
 *   (sharedIdentity.ts shares the buffer instead, as cpu's does).
 * Besides these, the fused optimizer updates (optimizerUpdates.ts), which no backend has: one
 * kernel per variable and step where TF.js's Adam runs fifteen (bench/optimizerStep.bench.ts).
 */
/**
 * A kernel of Deepwire's that replaces the backend's own on `replaceOn` for the cases it does
 * better, and hands every other case back to it (kernelIO.runBuiltin).
 */
function overBuiltin(
  kernelName: string,
  make: (backendName: string, builtin: Builtin) => BackendKernel,
  replaceOn: readonly string[],
): TrainingKernel {
  return {
    kernelName,
    make: (backendName) => make(backendName, () => builtinKernel(kernelName, backendName)),
    addWhereMissing: [],
    replaceOn,
  };
}

const TRAINING_KERNELS: readonly TrainingKernel[] = [
  { kernelName: 'Conv2DBackpropFilter', make: makeConv2DBackpropFilter, addWhereMissing: ['wasm'], replaceOn: ['cpu'] },
  overBuiltin('Conv2DBackpropInput', makeConv2DBackpropInput, ['wasm']),
  {
    kernelName: 'DepthwiseConv2dNativeBackpropFilter',
    make: () => depthwiseConv2dBackpropFilter,
    addWhereMissing: ['wasm'],
    replaceOn: [],
  },
  {
    kernelName: 'DepthwiseConv2dNativeBackpropInput',
    make: () => depthwiseConv2dBackpropInput,
    addWhereMissing: ['wasm'],
    replaceOn: [],
  },
  { kernelName: 'UnsortedSegmentSum', make: () => unsortedSegmentSum, addWhereMissing: ['wasm'], replaceOn: [] },
  { kernelName: 'MaxPoolGrad', make: () => maxPoolGrad, addWhereMissing: [], replaceOn: ['wasm'] },
  overBuiltin('BatchMatMul', makeBatchMatMul, ['wasm']),
  overBuiltin('_FusedMatMul', makeFusedMatMul, ['wasm']),
  overBuiltin('LeakyRelu', makeLeakyRelu, ['wasm']),
  overBuiltin('Tanh', makeTanh, ['wasm']),
  overBuiltin('Sum', makeSum, ['wasm']),
  overBuiltin('Add', makeBiasAdd, ['wasm']),
  overBuiltin('Conv2D', makeConvForward('Conv2D'), ['wasm']),
  overBuiltin('FusedConv2D', makeConvForward('FusedConv2D'), ['wasm']),
  overBuiltin('AvgPoolGrad', makeAvgPoolGrad, ['wasm', 'cpu']),
  { kernelName: 'MaxPool3DGrad', make: () => maxPool3DGrad, addWhereMissing: [], replaceOn: ['wasm'] },
  { kernelName: 'Conv3DBackpropInputV2', make: () => conv3dBackpropInput, addWhereMissing: [], replaceOn: ['wasm'] },
  {
    kernelName: 'Identity',
    make: (backendName) => makeSharedIdentity(() => builtinKernel('Identity', backendName)),
    addWhereMissing: [],
    replaceOn: ['wasm'],
  },
  {
    kernelName: 'ResizeNearestNeighborGrad',
    make: () => resizeNearestNeighborGrad,
    addWhereMissing: [],
    replaceOn: ['cpu'],
  },
  // wasm's own element-wise kernels are SIMD: there only the long chains (Adam, RMSprop) gain.
  ...(
    [
      [ADAM_UPDATE, adamUpdate, ['cpu', 'wasm']],
      [RMSPROP_UPDATE, rmspropUpdate, ['cpu', 'wasm']],
      [MOMENTUM_UPDATE, momentumUpdate, ['cpu']],
      [SGD_UPDATE, sgdUpdate, ['cpu']],
      [CROSSENTROPY, crossentropy, ['cpu', 'wasm']],
      [CROSSENTROPY_GRAD, crossentropyGrad, ['cpu', 'wasm']],
      [ACCURACY, accuracy, ['cpu', 'wasm']],
      [RELU_GRAD, reluGrad, ['cpu', 'wasm']],
      [TANH_GRAD, tanhGrad, ['cpu', 'wasm']],
      [SIGMOID_GRAD, sigmoidGrad, ['cpu', 'wasm']],
      [LEAKY_RELU_GRAD, leakyReluGrad, ['cpu', 'wasm']],
    ] as const
  ).map(([kernelName, kernel, backends]) => ({
    kernelName,
    make: () => kernel,
    addWhereMissing: backends,
    replaceOn: [],
  })),
];

const key = (kernelName: string, backendName: string) => `${backendName}/${kernelName}`;
/** The configs we registered, to recognise our own and stay idempotent. */
const ours = new Map<string, KernelConfig>();
/** The backends' own kernels that ours replaced, kept for benchmarks and for restoring. */
const replaced = new Map<string, KernelConfig>();

/** Whether the active `kernelName` on `backendName` is Deepwire's (whose conv filter gradients honour `dilations`). */
function isOurs(kernelName: string, backendName: string): boolean {
  const current = getKernel(kernelName, backendName);
  return current !== undefined && current === ours.get(key(kernelName, backendName));
}

/**
 * Registers, for `backendName`, the training kernels it lacks or has too slow, and (once, for all
 * backends) the gradients of dilated Conv2D / DepthwiseConv2dNative that TF.js refuses and
 * LeakyReLU's two-kernel gradient. Safe to
 * call again.
 *
 * @returns the names of Deepwire's kernels now active on that backend
 */
export function registerTrainingKernels(backendName: string): string[] {
  registerDilatedConvGradients(isOurs);
  registerLeakyReluGradient();
  registerCrossentropyGradient();
  registerActivationGradients();
  const active: string[] = [];
  for (const spec of TRAINING_KERNELS) {
    const k = key(spec.kernelName, backendName);
    const current = getKernel(spec.kernelName, backendName);
    if (current && current === ours.get(k)) {
      active.push(spec.kernelName);
      continue;
    }
    const replace = spec.replaceOn.includes(backendName) && current !== undefined;
    const add = spec.addWhereMissing.includes(backendName) && current === undefined;
    if (!replace && !add) continue;
    if (replace && current) {
      replaced.set(k, current);
      // unregister first: registerKernel would overwrite too, but warns on every call.
      unregisterKernel(spec.kernelName, backendName);
    }
    const config: KernelConfig = {
      kernelName: spec.kernelName,
      backendName,
      kernelFunc: spec.make(backendName) as unknown as KernelFunc,
    };
    registerKernel(config);
    ours.set(k, config);
    active.push(spec.kernelName);
  }
  return active;
}

/**
 * Puts back the backend's own kernels and removes Deepwire's from `backendName`; once no backend
 * has Deepwire's kernels left, TF.js's own conv gradients are restored too.
 */
export function unregisterTrainingKernels(backendName: string): void {
  for (const spec of TRAINING_KERNELS) {
    const k = key(spec.kernelName, backendName);
    const mine = ours.get(k);
    if (!mine || getKernel(spec.kernelName, backendName) !== mine) continue;
    unregisterKernel(spec.kernelName, backendName);
    ours.delete(k);
    const original = replaced.get(k);
    if (original) registerKernel(original);
    replaced.delete(k);
  }
  if (ours.size === 0) {
    unregisterDilatedConvGradients();
    unregisterLeakyReluGradient();
    unregisterActivationGradients();
  }
}

/**
 * The backend's own kernel for `kernelName`, even after Deepwire replaced it — the baseline that
 * tests and benchmarks compare against. Undefined when the backend never had one.
 */
export function builtinKernel(kernelName: string, backendName: string): KernelConfig | undefined {
  const k = key(kernelName, backendName);
  const current = getKernel(kernelName, backendName);
  if (current && current === ours.get(k)) return replaced.get(k);
  return current;
}

/** Deepwire's own kernel for `kernelName` on `backendName`, whether or not it is registered. */
export function deepwireKernel(kernelName: string, backendName: string): BackendKernel | undefined {
  // Only the optimizer updates have several outputs, and tests run those through the engine.
  return TRAINING_KERNELS.find((s) => s.kernelName === kernelName)?.make(backendName) as BackendKernel | undefined;
}
