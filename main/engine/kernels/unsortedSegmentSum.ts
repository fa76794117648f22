import { type TensorInfo, type UnsortedSegmentSumAttrs } from '@tensorflow/tfjs';
import { type BackendKernel, writeTensor } from './kernelIO';

/**
 * `UnsortedSegmentSum` on typed arrays, for any backend: out[s, …] = Σ_{i : ids[i] = s} x[i, …].
 *
 * It is the gradient of `gather`, so it is what trains an Embedding: each looked-up row's gradient
 * is added back into the row it came from. A scatter-add over contiguous rows — one pass, no
 * sorting. Ids outside [0, numSegments) are dropped, as in TensorFlow.
 */
export const unsortedSegmentSum: BackendKernel = ({ inputs, backend, attrs }) => {
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
  const values = backend.readSync(x.dataId) as Float32Array | Int32Array;
  const ids = backend.readSync(segmentIds.dataId) as Int32Array | Float32Array;
  const rowShape = x.shape.slice(segmentIds.shape.length);
  const row = rowShape.reduce((a, b) => a * b, 1);
  const out = x.dtype === 'int32' ? new Int32Array(numSegments * row) : new Float32Array(numSegments * row);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * row;
    const dst = s * row;
    for (let j = 0; j < row; j++) out[dst + j] += values[src + j];
  }
  return writeTensor(backend, out, [numSegments, ...rowShape], x.dtype);
};
