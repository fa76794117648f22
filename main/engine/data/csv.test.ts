import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDataSource } from './index';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const dir = mkdtempSync(join(tmpdir(), 'deepwire-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('CSV tables', () => {
  it('types columns and encodes a table with categories, missing values and quotes', async () => {
    const s = await openDataSource(fixture('pets.csv'));
    const d = s.description;
    expect(d.format).toBe('csv');
    expect(d.columns?.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['name', 'text', 0],
      ['age', 'number', 1],
      ['weight', 'number', 1],
      ['colour', 'category', 1],
      ['indoor', 'category', 0],
      ['notes', 'text', 5],
      ['species', 'category', 0],
    ]);
    expect(d.target).toBe('species');
    expect(d.task).toBe('classification');
    expect(d.classes).toEqual([
      { name: 'bird', count: 1 },
      { name: 'cat', count: 3 },
      { name: 'dog', count: 3 },
      { name: 'fish', count: 1 },
    ]);
    expect(d.features?.map((f) => f.name)).toEqual(['age', 'weight', 'colour', 'indoor']);
    expect(d.features?.[2].categories?.map((c) => c.name)).toEqual(['black', 'brown', 'green', 'orange', 'white']);
    expect(d.inputShape).toEqual([1 + 1 + 5 + 2]);
    expect(d.examples).toBe(8);
    const r = await s.readRange(0, 8);
    const row = (i: number) => Array.from(r.x.subarray(i * 9, (i + 1) * 9));
    // Polly: age missing → NaN (the loader fills it with the training split's mean); green; not
    // indoor. Her notes span two lines inside quotes.
    expect(row(2)).toEqual([NaN, 0.4, 0, 0, 1, 0, 0, 1, 0].map(Math.fround));
    // Kitty: no colour → no category.
    expect(row(4)).toEqual([2, 3.9, 0, 0, 0, 0, 0, 0, 1].map(Math.fround));
    expect(Array.from(r.y)).toEqual([2, 1, 0, 2, 1, 3, 2, 1]);
    const missing = d.problems.filter((p) => p.code === 'missing-values');
    expect(missing.map((p) => p.where)).toEqual(['pets.csv, line 4', 'pets.csv, line 8', 'pets.csv, line 7']);
    expect(missing[0].message).toBe(
      "Column 'age' has 1 empty cell (the first at pets.csv, line 4): filled with the training examples' mean.",
    );
  });

  it('detects semicolons and tabs; a split column; a number target is regression', async () => {
    const iris = await openDataSource(fixture('iris.ssv.csv'), { target: 'kind', splitColumn: 'split' });
    expect(iris.description).toMatchObject({ examples: 6, inputShape: [2], splitColumn: 'split' });
    expect(iris.description.features?.map((f) => f.name)).toEqual(['sepal length', 'sepal width']);
    expect((await iris.readRange(1, 4)).split).toEqual(['train', 'test', 'validation']);
    // The split column is never the default target.
    expect((await openDataSource(fixture('iris.ssv.csv'), { splitColumn: 'split' })).description.target).toBe('kind');

    const euro = await openDataSource(write('preise.csv', 'Preis;Menge;Art\n1,5;1.234,25;a\n-2,75;3;b\n4;5,5;a\n'));
    expect(euro.description.columns?.map((c) => c.type)).toEqual(['number', 'number', 'category']);
    expect(Array.from((await euro.readRange(0, 3)).x)).toEqual([1.5, 1234.25, -2.75, 3, 4, 5.5]);

    const tsv = await openDataSource(fixture('readings.tsv'));
    const d = tsv.description;
    expect(d).toMatchObject({ task: 'regression', target: 'y', targetNames: ['y'], examples: 4 });
    expect(codes(d.problems)).toEqual(['ragged-row', 'text-in-number-column', 'missing-target']);
    expect(d.problems[0].message).toBe(
      '1 row does not have the 3 values the header names (line 5 has 2): it is left out.',
    );
    expect(d.problems[1]).toMatchObject({
      where: 'readings.tsv, line 4',
      message: expect.stringContaining(`Column 'x2' holds numbers, but readings.tsv, line 4 has "six"`),
    });
    const r = await tsv.readRange(0, 4);
    expect(Array.from(r.x)).toEqual([1, 2, 3, 4, 5, NaN, 11, 12]); // "six": missing, filled in training
    expect(Array.from(r.y)).toEqual([0.5, 1.5, 2.5, 3.5]);
  });

  it('streams a table of 5000 rows: reads in the middle seek through the sparse index', async () => {
    const lines = ['id,a,b,label'];
    const want: { x: number[]; y: number }[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i === 700) lines.push('ragged,row');
      if (i % 997 === 3) {
        lines.push(`${i},${i},"${i % 5}",`); // no label: left out
        continue;
      }
      lines.push(`${i},${i * 0.5},"${i % 5}",${i % 3 ? 'odd' : 'even'}`);
      want.push({ x: [i * 0.5, i % 5], y: i % 3 ? 1 : 0 });
    }
    const s = await openDataSource(write('big.csv', lines.join('\r\n')), { features: ['a', 'b'] });
    expect(s.description.examples).toBe(want.length);
    for (const [start, end] of [
      [0, 3],
      [255, 260],
      [1500, 1800],
      [want.length - 2, want.length],
    ]) {
      const r = await s.readRange(start, end);
      expect(Array.from(r.x)).toEqual(want.slice(start, end).flatMap((w) => w.x.map(Math.fround)));
      expect(Array.from(r.y)).toEqual(want.slice(start, end).map((w) => w.y));
    }
    expect((await s.readRange(want.length - 1, want.length + 10)).y).toHaveLength(1);
  });

  it('names bad input', async () => {
    await expect(openDataSource(write('empty.csv', ''))).rejects.toMatchObject({
      code: 'empty-file',
      message: 'empty.csv is empty (0 bytes).',
    });
    const header = await openDataSource(write('header.csv', 'a,b,c\n'));
    expect(header.description.problems.find((p) => p.code === 'no-rows')).toMatchObject({
      severity: 'error',
      message: 'header.csv has a header but no rows of data.',
    });
    const same = await openDataSource(write('same.csv', 'a,b\n1,5\n2,5\n3,5\n'));
    expect(same.description.problems.find((p) => p.code === 'single-target-value')).toMatchObject({
      severity: 'error',
      message: "Every row of the target column 'b' is 5: there is nothing to learn.",
    });
    const one = await openDataSource(write('one.csv', 'a,b\n1,cat\n2,cat\n'));
    expect(codes(one.description.problems)).toContain('one-class');
    await expect(openDataSource(write('cols.csv', 'a,b\n1,2\n'), { target: 'c' })).rejects.toMatchObject({
      code: 'no-such-column',
      hint: 'Its columns are: a, b.',
    });
    const text = await openDataSource(fixture('pets.csv'), { features: ['name', 'age'] });
    expect(text.description.problems.find((p) => p.code === 'text-feature')?.message).toContain(
      "Column 'name' holds text",
    );
    const wholes = await openDataSource(write('wholes.csv', 'a,label\n1,0\n2,1\n3,1\n'));
    expect(wholes.description.problems.find((p) => p.code === 'classes-as-numbers')?.message).toContain(
      'holds only the whole numbers 0, 1',
    );
  });

  it('size keeps the first examples only', async () => {
    const s = await openDataSource(fixture('pets.csv'), { size: 3 });
    expect(s.description.examples).toBe(3);
    expect((await s.readRange(0, 10)).y).toHaveLength(3);
  });
});
