import { type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, type Builtin, callKernel, disposeIntermediate, runBuiltin, writeTensor } from './kernelIO';

/**
 * `Tanh` as 2·σ(2x) − 1 on the backend's own kernels. wasm's Tanh in TF.js 4.22 is a scalar loop
 * at about 17 ns an element (2.6 ms for LeNet-5's first activation, batch 32, a fifth of its
 * step) where its Sigmoid is vectorised: this takes 0.34 ms and differs from it by at most
 * 2e-7 (bench/activations.bench.ts; tanh.test.ts). The gradient, defined on Tanh's output, is
 * unchanged. Other dtypes go to `builtin`.
 */
export function makeTanh(backendName: string, builtin: Builtin): BackendKernel {
  return (args) => {
    const { inputs, backend } = args;
    const { x } = inputs as { x: TensorInfo };
    if (x.dtype !== 'float32') return runBuiltin('Tanh', backendName, builtin, args);
    const two = writeTensor(backend, new Float32Array([2]), []);
    const one = writeTensor(backend, new Float32Array([1]), []);
    const call = (name: string, ins: Record<string, TensorInfo>) => callKernel(name, backendName, backend, ins);
    const doubled = call('Multiply', { a: x, b: two });
    const s = call('Sigmoid', { x: doubled });
    const twice = call('Multiply', { a: s, b: two });
    const y = call('Sub', { a: twice, b: one });
    disposeIntermediate(backend, two, one, doubled, s, twice);
    return y;
  };
}
