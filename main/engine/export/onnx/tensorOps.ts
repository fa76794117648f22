/** Weight rearrangements for ONNX's layouts: plain loops over row-major Float32Arrays. */

/** `values` of `shape` with its axes permuted (numpy.transpose(values, perm)). */
export function transpose(values: Float32Array, shape: number[], perm: number[]): Float32Array {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]);
  const inStrides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = inStrides[i + 1] * shape[i + 1];
  const strideOf = perm.map((p) => inStrides[p]);
  const out = new Float32Array(values.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) src += index[i] * strideOf[i];
    out[o] = values[src];
    for (let i = rank - 1; i >= 0; i--) {
      if (++index[i] < outShape[i]) break;
      index[i] = 0;
    }
  }
  return out;
}

/**
 * A [rows, k·units] matrix whose columns are k gate blocks, with the blocks put in another order:
 * `order[j]` is the source block of output block j (Keras LSTM i,f,c,o → ONNX i,o,f,c is [0,3,1,2]).
 */
export function reorderGateColumns(values: Float32Array, rows: number, units: number, order: number[]): Float32Array {
  const k = order.length;
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < k; j++) {
      const from = r * k * units + order[j] * units;
      out.set(values.subarray(from, from + units), r * k * units + j * units);
    }
  }
  return out;
}
