import { type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, type Builtin, floatIO, runBuiltin } from './kernelIO';
import { inMemory, simdActivations } from './simd/simdModules';

/**
 * `Add` on wasm for a bias over the last axis — [..., C] + [C], either way round — as WebAssembly
 * SIMD (simd/activations.wat, `bias_add`). That is how a layer whose activation TF.js cannot fuse
 * adds its bias (the first layers, computed unfused by train/inputLayers.ts, and a Dense layer
 * before softmax), and wasm's own broadcasting Add walks it element by element: 0.39 ms for
 * LeNet-5's 32×28×28×6 + 6. Every other Add goes to the backend's own kernel. Float32 addition is
 * exact to the bit either way, so the values are the same.
 */
export function makeBiasAdd(backendName: string, builtin: Builtin): BackendKernel {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const isBias = (full: TensorInfo, bias: TensorInfo) =>
      full.shape.length >= 2 &&
      bias.shape.length === 1 &&
      bias.shape[0] === full.shape.at(-1) &&
      full.dtype === 'float32' &&
      bias.dtype === 'float32';
    const [full, bias] = isBias(a, b) ? [a, b] : isBias(b, a) ? [b, a] : [];
    const simd = full && bias ? simdActivations(args.backend) : null;
    if (!simd || !full || !bias) return runBuiltin('Add', backendName, builtin, args);
    const cols = bias.shape[0];
    const rows = full.shape.reduce((p, d) => p * d, 1) / Math.max(1, cols);
    const { ins, outs, finish } = floatIO(args.backend, [full, bias], [[...full.shape]]);
    if (!inMemory(simd.memory, [...ins, ...outs])) {
      args.backend.disposeData(finish()[0].dataId);
      return runBuiltin('Add', backendName, builtin, args);
    }
    simd.bias_add(ins[0].byteOffset, ins[1].byteOffset, outs[0].byteOffset, rows, cols);
    return finish()[0];
  };
}
