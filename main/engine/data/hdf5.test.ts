import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDataSource } from './index';
import { pythonData } from './test/pythonData';

const py = pythonData('hdf5');
afterAll(() => rmSync(py.dir, { recursive: true, force: true }));
const at = (name: string) => join(py.dir, name);

describe.skipIf(py.skip)('HDF5, written by h5py', () => {
  it("reads 'x' and 'y' by default, slice by slice", async () => {
    const s = await openDataSource(at('data.h5'));
    const d = s.description;
    expect(d).toMatchObject({
      format: 'hdf5',
      examples: 10,
      inputShape: [4, 4, 1],
      task: 'classification',
      target: 'y',
      dtype: 'float32',
    });
    expect(d.classes?.map((c) => c.count)).toEqual([4, 3, 3]);
    const r = await s.readRange(3, 5);
    expect(Array.from(r.x)).toEqual(py.expected['data.h5'].x.slice(48, 80));
    expect(Array.from(r.y)).toEqual([0, 1]);
    await s.close();
  });

  it('datasets by path: a chunked, compressed uint16 array; text labels; numbers to predict', async () => {
    const s = await openDataSource(at('data.h5'), { x: 'train/images', y: '/train/names' });
    expect(s.description).toMatchObject({
      dtype: 'uint16',
      classes: [
        { name: 'cat', count: 5 },
        { name: 'dog', count: 5 },
      ],
    });
    expect(Array.from((await s.readRange(9, 10)).x)).toEqual(py.expected['data.h5'].images.slice(144));
    const t = await openDataSource(at('data.h5'), { x: 'x', y: 'train/targets' });
    expect(t.description.task).toBe('regression');
    expect(Array.from((await t.readRange(9, 10)).y)).toEqual([1]);
  });

  it('names bad input: x/y length mismatch, no x, a cut-off file', async () => {
    const s = await openDataSource(at('data.h5'), { y: 'train/short' });
    expect(s.description.problems.find((p) => p.code === 'length-mismatch')?.message).toContain(
      'x has 10 examples but train/short has 7 labels',
    );
    expect(s.description.examples).toBe(7);
    await expect(openDataSource(at('other.h5'))).rejects.toMatchObject({
      code: 'no-such-array',
      message: "other.h5 has no dataset named 'x' to read the examples from.",
      hint: expect.stringContaining('Its datasets are: /features (3×2, float64).'),
    });
    await expect(openDataSource(at('data_cut.h5'))).rejects.toMatchObject({ code: 'truncated' });
  });
});
