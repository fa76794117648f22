import { type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel } from './kernelIO';

/**
 * `Identity` that shares the input's memory instead of copying it, as the cpu backend's does and
 * as wasm's own Reshape already does (the backend counts references to each buffer, and no kernel
 * ever writes into an input). TF.js calls Identity for every tensor a gradient saves (Engine.clone
 * in saveTensorsForBackwardMode and in fused conv/matmul): 51 copies of activations per LeNet-5
 * training step on wasm, 8 % of the step (issue 12, item 2).
 *
 * @param fallback - the backend's own Identity, for string tensors (their values live outside the heap)
 */
export function makeSharedIdentity(fallback: () => KernelConfig | undefined): BackendKernel {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype === 'string') {
      const own = fallback();
      if (!own) throw new Error('Identity: the backend has no kernel for string tensors.');
      return own.kernelFunc(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
    }
    args.backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
