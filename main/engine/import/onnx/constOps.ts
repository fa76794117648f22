import { permute, sizeOf } from '../tensorMath';
import { attr, attrInt, attrInts, onnxShape, type ConstVal, type Entry, type ImportContext } from './context';
import { tensorValues, type OnnxNode } from './readOnnx';

/**
 * Folds the shape arithmetic exporters leave in graphs (PyTorch computes an LSTM's zero initial
 * state from Shape(x), and nn.ZeroPad2d's pads through Slice/Transpose/Reshape) into constants.
 * The batch dimension, unknown until run time, is taken as `batch` (the file's own when fixed, else
 * 1): the results feed pads and zero states, which do not depend on it.
 */

const FOLDABLE = new Set([
  'Constant',
  'Shape',
  'Gather',
  'Unsqueeze',
  'Squeeze',
  'Concat',
  'Slice',
  'Cast',
  'Reshape',
  'Transpose',
  'ConstantOfShape',
  'Expand',
  'Identity',
  'Add',
  'Sub',
  'Mul',
  'Div',
]);

const c = (dims: number[], data: ArrayLike<number>): ConstVal => ({ kind: 'const', dims, data: Array.from(data) });

/** Whether `node` can be folded now: a foldable op on constants only (Shape needs just a known shape). */
export function canFold(ctx: ImportContext, node: OnnxNode): boolean {
  if (!FOLDABLE.has(node.op_type)) return false;
  if (node.op_type === 'Shape') return ctx.get(node.input[0]) !== undefined;
  return node.input.every((name) => !name || ctx.get(name)?.kind === 'const');
}

const axesOf = (ctx: ImportContext, node: OnnxNode, rank: number): number[] => {
  const raw = node.input[1] ? [...(ctx.get(node.input[1]) as ConstVal).data] : (attrInts(node, 'axes') ?? []);
  return raw.map((a) => (a + rank) % rank);
};

/** Folds one node; returns its output constant. */
export function fold(ctx: ImportContext, node: OnnxNode, batch: number, modelPath: string): ConstVal {
  const inputs = node.input.map((n) => (n ? ctx.get(n) : undefined)) as (ConstVal | undefined)[];
  const [a, b] = inputs;
  switch (node.op_type) {
    case 'Constant': {
      const t = attr(node, 'value')?.t;
      if (t) return { kind: 'const', ...tensorValues(t, modelPath) };
      const v =
        attr(node, 'value_float') ?? attr(node, 'value_int') ?? attr(node, 'value_ints') ?? attr(node, 'value_floats');
      if (v?.ints) return c([v.ints.length], v.ints.map(Number));
      if (v?.floats) return c([v.floats.length], v.floats);
      if (v) return c([], [v.f ?? Number(v.i)]);
      throw ctx.unsupported(node, 'its value is of a kind Deepwire does not read');
    }
    case 'Shape': {
      const e = ctx.get(node.input[0]) as Entry;
      const dims = e.kind === 'const' ? e.dims : onnxShape(e).map((d) => d ?? batch);
      const start = attrInt(node, 'start', 0);
      const end = attr(node, 'end') ? attrInt(node, 'end', dims.length) : dims.length;
      const s = dims.slice(start < 0 ? start + dims.length : start, end < 0 ? end + dims.length : end);
      return c([s.length], s as number[]);
    }
    case 'Identity':
    case 'Cast':
      // Shared initializers come through Identity: keep the one array (no copy).
      return { kind: 'const', dims: a!.dims, data: a!.data };
    case 'Gather': {
      const axis = (attrInt(node, 'axis', 0) + a!.dims.length) % a!.dims.length;
      const idx = [...b!.data].map((i) => (i < 0 ? i + a!.dims[axis] : i));
      const outer = sizeOf(a!.dims.slice(0, axis));
      const inner = sizeOf(a!.dims.slice(axis + 1));
      const out: number[] = [];
      for (let o = 0; o < outer; o++)
        for (const i of idx) for (let k = 0; k < inner; k++) out.push(a!.data[(o * a!.dims[axis] + i) * inner + k]);
      return c([...a!.dims.slice(0, axis), ...b!.dims, ...a!.dims.slice(axis + 1)], out);
    }
    case 'Unsqueeze': {
      const rank = a!.dims.length + (node.input[1] ? sizeOf(b!.dims) : (attrInts(node, 'axes') ?? []).length);
      const dims = [...a!.dims];
      for (const ax of axesOf(ctx, node, rank).sort((x, y) => x - y)) dims.splice(ax, 0, 1);
      return c(dims, a!.data);
    }
    case 'Squeeze': {
      const axes =
        node.input[1] || attr(node, 'axes')
          ? axesOf(ctx, node, a!.dims.length)
          : a!.dims.flatMap((d, i) => (d === 1 ? [i] : []));
      return c(
        a!.dims.filter((_, i) => !axes.includes(i)),
        a!.data,
      );
    }
    case 'Concat': {
      const parts = inputs.filter((x): x is ConstVal => !!x);
      const rank = parts[0].dims.length;
      const axis = (attrInt(node, 'axis', 0) + rank) % rank;
      if (axis !== 0 && parts.some((p) => sizeOf(p.dims.slice(0, axis)) !== 1))
        throw ctx.unsupported(node, 'folding a concat of constants along this axis');
      const dims = [...parts[0].dims];
      dims[axis] = parts.reduce((n, p) => n + p.dims[axis], 0);
      return c(
        dims,
        parts.flatMap((p) => [...p.data]),
      );
    }
    case 'Reshape': {
      const target = [...b!.data].map((d, i) => (d === 0 ? a!.dims[i] : d));
      const known = target.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
      return c(
        target.map((d) => (d === -1 ? sizeOf(a!.dims) / known : d)),
        a!.data,
      );
    }
    case 'Transpose': {
      const perm = attrInts(node, 'perm') ?? a!.dims.map((_, i) => a!.dims.length - 1 - i);
      return c(
        perm.map((p) => a!.dims[p]),
        permute(a!.data, a!.dims, perm),
      );
    }
    case 'Slice': {
      const rank = a!.dims.length;
      const [starts, ends, axesIn, stepsIn] = [1, 2, 3, 4].map((i) => (inputs[i] ? [...inputs[i]!.data] : undefined));
      const axes = (axesIn ?? starts!.map((_, i) => i)).map((ax) => (ax + rank) % rank);
      const ranges = a!.dims.map((n) => ({ start: 0, step: 1, count: n }));
      axes.forEach((ax, k) => {
        const n = a!.dims[ax];
        const step = stepsIn?.[k] ?? 1;
        const norm = (v: number) => (v < 0 ? v + n : v);
        let s0 = norm(starts![k]);
        let e0 = ends![k] < -n ? -1 : norm(Math.min(ends![k], n));
        if (step > 0) {
          s0 = Math.min(Math.max(s0, 0), n);
          e0 = Math.min(Math.max(e0, 0), n);
        } else {
          s0 = Math.min(Math.max(s0, -1), n - 1);
          e0 = Math.min(Math.max(e0, -1), n - 1);
        }
        ranges[ax] = { start: s0, step, count: Math.max(0, Math.ceil((e0 - s0) / step)) };
      });
      const dims = ranges.map((r) => r.count);
      const strides = a!.dims.map((_, i) => sizeOf(a!.dims.slice(i + 1)));
      const out: number[] = [];
      const idx = new Array<number>(rank).fill(0);
      for (let o = 0; o < sizeOf(dims); o++) {
        out.push(a!.data[idx.reduce((p, v, i) => p + (ranges[i].start + v * ranges[i].step) * strides[i], 0)]);
        for (let ax = rank - 1; ax >= 0; ax--) {
          if (++idx[ax] < dims[ax]) break;
          idx[ax] = 0;
        }
      }
      return c(dims, out);
    }
    case 'ConstantOfShape': {
      const v = attr(node, 'value')?.t;
      const fill = v ? tensorValues(v, modelPath).data[0] : 0;
      const dims = [...a!.data];
      return c(dims, new Array<number>(sizeOf(dims)).fill(fill));
    }
    case 'Expand': {
      const dims = [...b!.data];
      const rank = Math.max(dims.length, a!.dims.length);
      const src = [...new Array<number>(rank - a!.dims.length).fill(1), ...a!.dims];
      const full = dims.length < rank ? [...new Array<number>(rank - dims.length).fill(1), ...dims] : dims;
      const outDims = full.map((d, i) => Math.max(d, src[i]));
      if (new Set(a!.data).size <= 1) return c(outDims, new Array<number>(sizeOf(outDims)).fill(a!.data[0] ?? 0));
      throw ctx.unsupported(node, 'folding an Expand of a non-uniform constant');
    }
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div': {
      const f = {
        Add: (x: number, y: number) => x + y,
        Sub: (x: number, y: number) => x - y,
        Mul: (x: number, y: number) => x * y,
        Div: (x: number, y: number) => (Number.isInteger(x) && Number.isInteger(y) ? Math.trunc(x / y) : x / y),
      }[node.op_type]!;
      const [big, small] = sizeOf(a!.dims) >= sizeOf(b!.dims) ? [a!, b!] : [b!, a!];
      if (sizeOf(small.dims) !== 1 && sizeOf(small.dims) !== sizeOf(big.dims))
        throw ctx.unsupported(node, 'folding a broadcast');
      const out = Array.from(big.data, (_, i) => {
        const x = a === big ? big.data[i] : a!.data[sizeOf(a!.dims) === 1 ? 0 : i];
        const y = b === big ? big.data[i] : b!.data[sizeOf(b!.dims) === 1 ? 0 : i];
        return f(x, y);
      });
      return c(big.dims, out);
    }
    default:
      throw ctx.unsupported(node);
  }
}
