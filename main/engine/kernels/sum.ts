import { type SumAttrs, type TensorInfo, util } from '@tensorflow/tfjs';
import { type BackendKernel, type Builtin, floatIO, runBuiltin } from './kernelIO';
import { inMemory, simdReductions } from './simd/simdModules';

/**
 * `Sum` on wasm over leading axes — a layer's bias gradient, dy summed over batch and positions
 * ([N, H, W, C] → [C]) — as column sums in WebAssembly SIMD (simd/reductions.wat) on the backend's
 * memory: wasm's own Sum first transposes the reduced axes innermost, a full copy (0.6 ms for
 * 32×40×40×8). Every other reduction, dtype and backend goes to the backend's own kernel.
 */
export function makeSum(backendName: string, builtin: Builtin): BackendKernel {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const rank = x.shape.length;
    const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
    const simd = leading && x.dtype === 'float32' ? simdReductions(args.backend) : null;
    if (!simd) return runBuiltin('Sum', backendName, builtin, args);
    const rows = x.shape.slice(0, axes.length).reduce((p, d) => p * d, 1);
    const kept = x.shape.slice(axes.length);
    const cols = kept.reduce((p, d) => p * d, 1);
    const shape = keepDims ? [...axes.map(() => 1), ...kept] : kept;
    const { ins, outs, finish } = floatIO(args.backend, [x], [shape]);
    if (!inMemory(simd.memory, [...ins, ...outs])) {
      args.backend.disposeData(finish()[0].dataId);
      return runBuiltin('Sum', backendName, builtin, args);
    }
    simd.colsum(ins[0].byteOffset, outs[0].byteOffset, rows, cols);
    return finish()[0];
  };
}
