import { describe, expect, it } from 'vitest';
import { decimateMinMax } from './decimate';

const run = (xs: number[], ys: number[], buckets: number, x1 = Math.max(...xs)) => {
  const ox = new Float64Array(2 * buckets);
  const oy = new Float64Array(2 * buckets);
  const n = decimateMinMax(xs, ys, 0, x1, buckets, ox, oy);
  return { x: [...ox.subarray(0, n)], y: [...oy.subarray(0, n)] };
};

describe('decimateMinMax', () => {
  it.each<[string, number[], number[], number, { x: number[]; y: number[] }]>([
    ['one point per bucket passes through', [0, 1, 2], [5, 6, 7], 3, { x: [0, 1, 2], y: [5, 6, 7] }],
    [
      'keeps the low and the high of a bucket, in order',
      [0, 0.1, 0.2, 0.3],
      [3, 9, 1, 4],
      1,
      { x: [0.1, 0.2], y: [9, 1] },
    ],
    ['a spike survives', [0, 0.5, 1, 1.5, 2, 2.5], [1, 1, 50, 1, 1, 1], 3, { x: [0, 1, 1.5, 2], y: [1, 50, 1, 1] }],
    ['skips NaN', [0, 1, 2], [NaN, 2, NaN], 3, { x: [1], y: [2] }],
    ['empty', [], [], 4, { x: [], y: [] }],
  ])('%s', (_name, xs, ys, buckets, want) => {
    expect(run(xs, ys, buckets, xs.length ? Math.max(...xs) + 1e-9 : 1)).toEqual(want);
  });

  it('bounds the output by the buckets, however many points', () => {
    const n = 100_000;
    const xs = Array.from({ length: n }, (_, i) => i / 100);
    const ys = xs.map((x) => Math.sin(x * 7));
    expect(run(xs, ys, 300).x.length).toBeLessThanOrEqual(600);
  });
});
