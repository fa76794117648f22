/** Small dense-array helpers for turning weights from one layout into another. */

/** Transposes `data` of shape `dims` by `perm` (numpy's transpose), returning a new array. */
export function permute(data: ArrayLike<number>, dims: number[], perm: number[]): Float32Array {
  const rank = dims.length;
  const out = new Float32Array(data.length);
  const outDims = perm.map((p) => dims[p]);
  const inStrides = new Array<number>(rank);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= dims[i];
  }
  // Stride in the input of each output axis.
  const strides = perm.map((p) => inStrides[p]);
  const index = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = data[src];
    for (let a = rank - 1; a >= 0; a--) {
      index[a]++;
      src += strides[a];
      if (index[a] < outDims[a]) break;
      src -= strides[a] * outDims[a];
      index[a] = 0;
    }
  }
  return out;
}

/** The product of `dims` (1 for a scalar). */
export const sizeOf = (dims: readonly number[]): number => dims.reduce((p, d) => p * d, 1);
