/** Small array helpers for moving TF.js weights into other frameworks' layouts. */

/** The values of a row-major tensor of `shape` with its axes reordered: out axis i = in axis perm[i]. */
export function transpose(values: Float32Array, shape: number[], perm: number[]): Float32Array {
  const rank = shape.length;
  if (perm.length !== rank) throw new Error(`transpose: perm ${perm} does not fit shape ${shape}.`);
  const inStrides = new Array<number>(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= shape[i];
  }
  const outShape = perm.map((p) => shape[p]);
  const strides = perm.map((p) => inStrides[p]);
  const out = new Float32Array(values.length);
  // An odometer over the output that moves the source offset along with it (O(1) per value:
  // VGG16's 138 M weights transpose in about a second).
  const idx = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = values[src];
    for (let i = rank - 1; i >= 0; i--) {
      src += strides[i];
      if (++idx[i] < outShape[i]) break;
      src -= strides[i] * outShape[i];
      idx[i] = 0;
    }
  }
  return out;
}

/** The shape after {@link transpose} with `perm`. */
export const permuted = (shape: number[], perm: number[]): number[] => perm.map((p) => shape[p]);

/**
 * Reorders gate blocks along the last axis: a [..., G·u] tensor whose blocks are in `from` order
 * (e.g. Keras GRU z,r,h) returned in `to` order (PyTorch r,z,n), naming gates by letter.
 */
export function reorderGates(values: Float32Array, units: number, from: string, to: string): Float32Array {
  const g = from.length;
  const rows = values.length / (g * units);
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < g; k++) {
      const src = from.indexOf(to[k]);
      out.set(
        values.subarray(r * g * units + src * units, r * g * units + (src + 1) * units),
        r * g * units + k * units,
      );
    }
  }
  return out;
}
