import {
  getKernel,
  type KernelConfig,
  type DataType,
  type KernelBackend,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs';

/**
 * Small helpers for kernels that are written against the `KernelBackend` interface only, so the
 * same code runs inside the cpu and the wasm backend. Kernels may not call `tf.engine().runKernel`
 * (the engine is busy running *them*); they call other kernels' functions directly and must free
 * every intermediate themselves.
 */

/** What a kernel function receives, with the backend typed (tfjs types it as `{}`). */
export interface KernelArgs {
  inputs: NamedTensorInfoMap;
  backend: KernelBackend;
  attrs?: NamedAttrMap;
}

/** A kernel function written against the `KernelBackend` interface, usable on any backend. */
export type BackendKernel = (args: KernelArgs) => TensorInfo;

/** The values of `t` as float32; backends hand back their own storage or a copy, never mutate it. */
export function readFloat32(backend: KernelBackend, t: TensorInfo): Float32Array {
  const values = backend.readSync(t.dataId);
  return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
}

/** A new tensor on `backend` holding `values`; the caller (or the engine, for outputs) owns it. */
export function writeTensor(
  backend: KernelBackend,
  values: Float32Array | Int32Array,
  shape: number[],
  dtype: DataType = 'float32',
): TensorInfo {
  return { dataId: backend.write(values, shape, dtype), shape, dtype };
}

/** Free an intermediate made inside a kernel; the engine never sees it, so nothing else will. */
export function disposeIntermediate(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const t of infos) backend.disposeData(t.dataId);
}

/**
 * Run another kernel of `backendName` on `backend` directly through its registered kernel function.
 *
 * @throws Error when that backend has no such kernel.
 */
export function callKernel(
  kernelName: string,
  backendName: string,
  backend: KernelBackend,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const kernel = getKernel(kernelName, backendName);
  if (!kernel) throw new Error(`The ${backendName} backend has no ${kernelName} kernel to build on.`);
  const out = kernel.kernelFunc({ inputs, backend, attrs });
  return Array.isArray(out) ? out[0] : out;
}

/**
 * What the wasm backend offers besides KernelBackend: its own allocation and views of its heap
 * (a view's type follows the tensor's dtype). Views detach when an allocation grows the heap, so
 * kernels take them after their last `makeOutput`.
 */
export interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32' | 'int32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array;
}
const onHeap = (backend: KernelBackend): backend is KernelBackend & WasmHeap =>
  typeof (backend as Partial<WasmHeap>).typedArrayFromHeap === 'function' &&
  typeof (backend as Partial<WasmHeap>).makeOutput === 'function';

/**
 * Float32 views of `inputs` and of new float32 outputs of `outputShapes`, without copies where the
 * backend allows: on wasm both are views of its heap (taken after every output is allocated, since
 * allocating may grow the heap and detach earlier views), on cpu the inputs are its own arrays;
 * elsewhere copies. Outputs start UNINITIALISED on wasm: the kernel must write every element.
 * Inputs are read only. `finish` hands the outputs to the engine.
 */
export function floatIO(
  backend: KernelBackend,
  inputs: TensorInfo[],
  outputShapes: number[][],
): { ins: Float32Array[]; outs: Float32Array[]; finish(): TensorInfo[] } {
  if (inputs.every((t) => t.dtype === 'float32') && onHeap(backend)) {
    const infos = outputShapes.map((shape) => backend.makeOutput(shape, 'float32'));
    return {
      ins: inputs.map((t) => backend.typedArrayFromHeap(t) as Float32Array),
      outs: infos.map((t) => backend.typedArrayFromHeap(t) as Float32Array),
      finish: () => infos,
    };
  }
  const outs = outputShapes.map((shape) => new Float32Array(shape.reduce((p, d) => p * d, 1)));
  return {
    ins: inputs.map((t) => readFloat32(backend, t)),
    outs,
    finish: () => outs.map((v, k) => writeTensor(backend, v, outputShapes[k])),
  };
}

/** The backend's own kernel that a Deepwire kernel replaced (register.ts keeps it). */
export type Builtin = () => KernelConfig | undefined;

/**
 * Runs the backend's own `kernelName` on `args`: for the cases a Deepwire kernel hands back to it
 * (other dtypes, other geometries, products too small to rearrange).
 *
 * @throws Error when the backend never had one.
 */
export function runBuiltin(kernelName: string, backendName: string, builtin: Builtin, args: KernelArgs): TensorInfo {
  const own = builtin();
  if (!own) throw new Error(`The ${backendName} backend has no ${kernelName} kernel of its own for this case.`);
  const out = own.kernelFunc(args as unknown as Parameters<KernelConfig['kernelFunc']>[0]);
  return Array.isArray(out) ? out[0] : out;
}
