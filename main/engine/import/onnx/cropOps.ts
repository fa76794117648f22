import type { ImportContext, Val } from './context';
import type { OnnxNode } from './readOnnx';

/*
 * Slice of a computed channels-first image that crops its height and width: how Deepwire's ONNX
 * exporter (and others) write a 'same' Conv2DTranspose — the full transposed convolution, then a
 * crop of ⌊(k − s)/2⌋ at the start to in·s. Right after a 'valid' Conv2DTranspose that nothing else
 * reads, that crop folds back into padding 'same'; any other spatial crop is Cropping2D.
 */
export function slice(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const [starts, ends, axesIn, steps] = [1, 2, 3, 4].map((i) =>
    node.input[i] ? [...ctx.constant(node, i)!.data] : undefined,
  );
  if (x.reversedTime) return reverseSlice(ctx, node, x, [starts, ends, axesIn, steps]);
  if (!starts || !ends || x.layout !== 'cf' || x.shape.length !== 4 || x.flat || x.timeMajor || x.rnn)
    throw ctx.unsupported(node, 'only cropping the height and width of an image (channels-first, 4-D) is supported');
  const axes = (axesIn ?? starts.map((_, i) => i)).map((a) => (a < 0 ? a + 4 : a));
  const spatial = [x.shape[1] as number, x.shape[2] as number];
  const crop = [
    [0, 0],
    [0, 0],
  ];
  for (const [k, axis] of axes.entries()) {
    const n = axis === 2 || axis === 3 ? spatial[axis - 2] : undefined;
    if (n === undefined || (steps && steps[k] !== 1))
      throw ctx.unsupported(node, `it slices axis ${axis} (only height and width, step 1, are cropped)`);
    const start = Math.min(starts[k] < 0 ? starts[k] + n : starts[k], n);
    const end = Math.min(ends[k] < 0 ? ends[k] + n : ends[k], n);
    if (start < 0 || end <= start)
      throw ctx.unsupported(node, `its range [${starts[k]}, ${ends[k]}) on axis ${axis} is empty`);
    crop[axis - 2] = [start, n - end];
  }
  const producer = ctx.nodeOf(x.node);
  const p = producer.params ?? {};
  if (producer.kind === 'Conv2DTranspose' && p.padding === 'valid' && ctx.canFuse(x, node.input[0])) {
    const kernel = p.kernelSize as number[];
    const strides = p.strides as number[];
    const same = kernel.every((k, i) => {
      const full = spatial[i];
      const inSize = (full - k) / strides[i] + 1;
      const start = Math.floor(Math.max(k - strides[i], 0) / 2);
      return k >= strides[i] && crop[i][0] === start && full - crop[i][0] - crop[i][1] === inSize * strides[i];
    });
    if (same) {
      producer.params = { ...p, padding: 'same' };
      const shape = [
        x.shape[0],
        spatial[0] - crop[0][0] - crop[0][1],
        spatial[1] - crop[1][0] - crop[1][1],
        x.shape[3],
      ];
      ctx.shapes.set(x.node, shape);
      ctx.onnxOutput.set(x.node, node.output[0]);
      ctx.values.set(node.output[0], { ...x, shape });
      return;
    }
  }
  const out = ctx.emit(node, 'Cropping2D', { cropping: crop }, [x], { layout: 'cf' });
  ctx.values.set(node.output[0], { ...out, nonNegative: x.nonNegative });
}

/**
 * The Slice that reverses a backwards-only recurrent layer's sequence (step −1 over the whole time
 * axis): ONNX's Y back in the order the steps ran, which is what Keras's go_backwards returns. No layer.
 */
function reverseSlice(
  ctx: ImportContext,
  node: OnnxNode,
  x: Val,
  [starts, ends, axes, steps]: (number[] | undefined)[],
) {
  const timeAxis = x.timeMajor ? 0 : 1;
  const T = x.shape[1];
  const whole =
    x.shape.length === 3 &&
    !x.rnn &&
    starts?.length === 1 &&
    axes?.length === 1 &&
    (axes[0] === timeAxis || axes[0] === timeAxis - 3) &&
    steps?.[0] === -1 &&
    (starts[0] === -1 || (typeof T === 'number' && starts[0] >= T - 1)) &&
    ends![0] <= -(typeof T === 'number' ? T + 1 : 2 ** 31);
  if (!whole)
    throw ctx.unsupported(
      node,
      'after a backwards-only recurrent layer only a Slice that reverses the whole time axis (step −1) is supported',
    );
  ctx.onnxOutput.set(x.node, node.output[0]);
  ctx.values.set(node.output[0], { ...x, reversedTime: undefined });
}
