import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, openDataSource } from './index';
import { pythonData } from './test/pythonData';

const py = pythonData('npy');
afterAll(() => rmSync(py.dir, { recursive: true, force: true }));
const at = (name: string) => join(py.dir, name);
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe.skipIf(py.skip)('NumPy .npy, written by NumPy', () => {
  const arrays = Object.keys(py.expected).filter((n) => /^[iufb]\d_(le|be|na)_[CF]\.npy$/.test(n));

  it('writes every dtype in both byte orders and both layouts', () => {
    expect(arrays).toHaveLength(2 * (3 + 2 * 9));
  });

  it.each(arrays)('%s reads back the values NumPy wrote', async (name) => {
    const want = py.expected[name];
    const s = await openDataSource(at(name));
    expect(s.description.format).toBe('npy');
    expect(s.description.dtype).toBe(want.dtype);
    expect(s.description.examples).toBe(5);
    expect(s.description.inputShape).toEqual([3, 2, 1]);
    expect(Array.from((await s.readRange(0, 5)).x)).toEqual(want.values);
    // A range in the middle: for Fortran order this reads one run per value position.
    expect(Array.from((await s.readRange(2, 4)).x)).toEqual(want.values.slice(12, 24));
    expect(s.description.range).toEqual([Math.min(...want.values), Math.max(...want.values)]);
    await s.close();
  });

  it('reads 64-bit integers beyond 2^32 and format version 2', async () => {
    for (const name of ['i8_big.npy', 'u8_big.npy']) {
      const s = await openDataSource(at(name));
      expect(Array.from((await s.readRange(0, 3)).x)).toEqual(py.expected[name].values);
    }
    const v2 = await openDataSource(at('v2.npy'));
    expect(Array.from((await v2.readRange(1, 3)).x)).toEqual([2, 3, 4, 5]);
  });

  it('finds y_train.npy beside x_train.npy: integer labels are classes', async () => {
    const s = await openDataSource(at('x_train.npy'));
    const d = s.description;
    expect(d.target).toBe('y_train.npy');
    expect(d.task).toBe('classification');
    expect(d.classes).toEqual([
      { name: '0', count: 2 },
      { name: '1', count: 3 },
      { name: '2', count: 3 },
    ]);
    expect(d.inputShape).toEqual([5]);
    const r = await s.readRange(6, 8);
    expect(Array.from(r.y)).toEqual([1, 1]);
    expect(Array.from(r.x)).toEqual(py.expected['x_train.npy'].values.slice(30, 40).map((v: number) => Math.fround(v)));
  });

  it('text labels are classes in sorted order; one-hot rows are classes; decimals are regression with a warning', async () => {
    const text = await openDataSource(at('x_train.npy'), { y: 'y_text.npy' });
    expect(text.description.classes?.map((c) => c.name)).toEqual(['cat', 'dog', 'emu']);
    expect(Array.from((await text.readRange(0, 4)).y)).toEqual([1, 0, 0, 2]);
    const onehot = await openDataSource(at('x_train.npy'), { y: 'y_onehot.npy' });
    expect(onehot.description.classes).toEqual([
      { name: '0', count: 2 },
      { name: '1', count: 3 },
      { name: '2', count: 3 },
    ]);
    expect(Array.from((await onehot.readRange(0, 3)).y)).toEqual([2, 0, 1]);
    const decimal = await openDataSource(at('x_train.npy'), { y: 'y_decimal.npy' });
    expect(decimal.description.task).toBe('regression');
    expect(codes(decimal.description.problems)).toEqual(['classes-as-decimals']);
    const regress = await openDataSource(at('x_train.npy'), { y: 'y_regress.npy' });
    expect(regress.description.targetNames).toEqual(['y_regress.npy[0]', 'y_regress.npy[1]']);
    expect(Array.from((await regress.readRange(7, 8)).y)).toEqual([14 / 15, 1].map(Math.fround));
  });

  it('the Input shape is used when it holds as many values; a different one is named', async () => {
    const same = await openDataSource(at('f4_le_C.npy'), {}, { inputShape: [6] });
    expect(same.description.inputShape).toEqual([6]);
    const other = await openDataSource(at('f4_le_C.npy'), {}, { inputShape: [28, 28, 1] });
    expect(other.description.inputShape).toEqual([3, 2, 1]);
    expect(other.description.problems.find((p) => p.code === 'shape-mismatch')?.message).toMatch(
      /3×2×1 \(6 values\).*28×28×1 \(784 values\)/,
    );
  });

  it('names bad input: x/y length mismatch, one class, a truncated file, pickled objects, a missing y file', async () => {
    const short = await openDataSource(at('x_train.npy'), { y: 'y_short.npy' });
    const mismatch = short.description.problems.find((p) => p.code === 'length-mismatch');
    expect(mismatch?.severity).toBe('error');
    expect(mismatch?.message).toContain('x_train.npy has 8 examples but y_short.npy has 3 labels');
    const one = await openDataSource(at('x_train.npy'), { y: 'y_one.npy' });
    expect(one.description.problems.find((p) => p.code === 'one-class')?.message).toContain(
      'Every label in y_one.npy is 0',
    );
    await expect(openDataSource(at('whole_cut.npy'))).rejects.toMatchObject({
      code: 'truncated',
      message: expect.stringMatching(/whole_cut\.npy is cut off: its header promises 16128 bytes but it has 9000/),
    });
    await expect(openDataSource(at('objects.npy'))).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('pickle'),
    });
    const missing = openDataSource(at('x_train.npy'), { y: 'nope.npy' });
    await expect(missing).rejects.toBeInstanceOf(DataError);
    await expect(missing).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe.skipIf(py.skip)('NumPy .npz, written by NumPy', () => {
  it('stored arrays x and y, read by range', async () => {
    const s = await openDataSource(at('stored.npz'));
    expect(s.description).toMatchObject({
      format: 'npz',
      examples: 8,
      inputShape: [5],
      target: 'y',
      task: 'classification',
    });
    expect(Array.from((await s.readRange(1, 2)).x)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9].map(Math.fround));
  });

  it('compressed, Fortran-order, big-endian float64 x', async () => {
    const s = await openDataSource(at('packed.npz'));
    expect(s.description.dtype).toBe('>f8');
    const r = await s.readRange(0, 8);
    expect(Array.from(r.x)).toEqual(py.expected['x_train.npy'].values.map((v: number) => Math.fround(v)));
    expect(Array.from(r.y)).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
  });

  it('positional arrays (arr_0, arr_1) and named arrays chosen by the options', async () => {
    const p = await openDataSource(at('positional.npz'));
    expect(p.description).toMatchObject({ examples: 8, target: 'arr_1' });
    const n = await openDataSource(at('named.npz'), { x: 'images', y: 'labels' });
    expect(n.description.classes?.map((c) => c.count)).toEqual([2, 2, 2, 2]);
    await expect(openDataSource(at('named.npz'), { x: 'pixels' })).rejects.toMatchObject({
      code: 'no-such-array',
      hint: 'Its arrays are: images, labels, extra.',
    });
  });

  it('a cut-off npz is named', async () => {
    await expect(openDataSource(at('stored_cut.npz'))).rejects.toMatchObject({ code: 'truncated' });
  });
});
