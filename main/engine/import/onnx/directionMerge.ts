import { attrInt, type ImportContext, type Val } from './context';
import type { OnnxNode } from './readOnnx';

/*
 * A bidirectional RNN operator's directions merged by sum, mul or ave: Deepwire's exporter splits
 * [N, T, 2, H] (or [N, 2, H]) on the direction axis, squeezes each half and adds or multiplies them
 * (ave: 0.5 · sum). The Bidirectional node imported as concat takes that merge mode instead, and the
 * merged tensor becomes its output.
 */

/** Split of a batch-first bidirectional output into its two directions. */
export function splitDirections(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const axis = attrInt(node, 'axis', 0);
  const dirAxis = x.rnn === 'Yb' ? 2 : x.rnn === 'Y_hb' ? 1 : -1;
  if (x.dirs !== 2 || axis !== dirAxis || node.output.length !== 2 || node.input[1])
    throw ctx.unsupported(node, 'only splitting a bidirectional RNN output into its two directions is supported');
  node.output.forEach((o, i) => ctx.values.set(o, { ...x, dirs: 1, direction: i }));
}

/** Add or Mul of a bidirectional layer's two directions, or 0.5 · their sum: true when handled. */
export function mergeDirections(ctx: ImportContext, node: OnnxNode): boolean {
  const [a, b] = [ctx.get(node.input[0]), ctx.get(node.input[1])];
  if (node.op_type === 'Mul') {
    const [half, sum] = a?.kind === 'const' ? [a, b] : [b, a];
    if (half?.kind === 'const' && sum?.kind === 'value' && sum.merged === 'sum') {
      if (half.data.length !== 1 || half.data[0] !== 0.5) return false;
      return setMode(ctx, node, sum, 'ave');
    }
  }
  if (a?.kind !== 'value' || b?.kind !== 'value' || a.direction === undefined || b.direction === undefined)
    return false;
  if (a.node !== b.node || a.direction === b.direction || a.rnn || b.rnn)
    throw ctx.unsupported(node, 'it merges outputs that are not the two directions of one bidirectional layer');
  if (node.op_type !== 'Add' && node.op_type !== 'Mul') return false;
  return setMode(ctx, node, a, node.op_type === 'Add' ? 'sum' : 'mul');
}

function setMode(ctx: ImportContext, node: OnnxNode, x: Val, mode: 'sum' | 'mul' | 'ave'): boolean {
  const layer = ctx.nodeOf(x.node);
  layer.params = { ...layer.params, mergeMode: mode };
  const s = ctx.shapes.get(x.node)!;
  const units = (layer.params.units as number) ?? (s[s.length - 1] as number) / 2;
  const shape = [...s.slice(0, -1), units];
  ctx.shapes.set(x.node, shape);
  ctx.onnxOutput.set(x.node, node.output[0]);
  ctx.values.set(node.output[0], { ...x, shape, direction: undefined, merged: mode === 'sum' ? 'sum' : undefined });
  return true;
}
