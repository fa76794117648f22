import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintData } from './dataHash';
import { FileLoader } from './loader';
import { memorySource } from './memorySource';
import { applyScaling, scalingPlan } from './normalise';
import { splitOfIndex, resolveFractions } from './splits';

const fractions = { validation: 0.1, test: 0.2 };

/** n examples of 3 features: x = [i, 2i, 7], class i % 3. */
function table(n: number) {
  const x = new Float32Array(n * 3);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x.set([i, 2 * i, 7], i * 3);
    y[i] = i % 3;
  }
  return { x, y };
}

const description = (n: number) => ({
  format: 'csv' as const,
  examples: n,
  inputShape: [3],
  task: 'classification' as const,
  classes: ['a', 'b', 'c'].map((name) => ({ name, count: 0 })),
  features: ['i', 'twice', 'seven'].map((name) => ({ name, type: 'number' as const, missing: 0 })),
});

describe('splits', () => {
  it('are seeded, stable and keep their fractions on average', () => {
    const a = Array.from({ length: 20000 }, (_, i) => splitOfIndex(i, 42, fractions));
    const b = Array.from({ length: 20000 }, (_, i) => splitOfIndex(i, 42, fractions));
    const c = Array.from({ length: 20000 }, (_, i) => splitOfIndex(i, 43, fractions));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const share = (s: string) => a.filter((x) => x === s).length / a.length;
    expect(share('test')).toBeCloseTo(0.2, 1);
    expect(share('validation')).toBeCloseTo(0.1, 1);
  });

  it('never move a test example when the validation fraction grows, nor when rows are added', () => {
    const more = { validation: 0.3, test: 0.2 };
    for (let i = 0; i < 5000; i++) {
      const before = splitOfIndex(i, 7, fractions);
      if (before === 'test') expect(splitOfIndex(i, 7, more)).toBe('test');
      if (splitOfIndex(i, 7, more) === 'test') expect(before).toBe('test');
    }
  });

  it('refuse fractions that leave nothing to train on', () => {
    expect(() => resolveFractions({ validationFraction: 0.6, testFraction: 0.5 }, undefined)).toThrow(
      /nothing to train/,
    );
    expect(resolveFractions({}, 0.25)).toEqual({ validation: 0.25, test: 0.1 });
  });
});

describe('FileLoader', () => {
  it('gives disjoint splits covering every example, and the same ones on every pass', async () => {
    const n = 1000;
    const { x, y } = table(n);
    const loader = new FileLoader(memorySource(description(n), x, y), {
      examples: n,
      seed: 5,
      fractions,
      splitColumn: false,
      materialiseBytes: 0,
      chunkExamples: 64,
    });
    const scan = await loader.scan();
    const none = { kind: 'none' as const };
    const seen = new Map<number, string>();
    for (const which of ['train', 'validation', 'test'] as const) {
      for await (const b of loader.splitBatches(which, 50, none))
        for (const i of b.indices) {
          expect(seen.has(i)).toBe(false);
          seen.set(i, which);
        }
    }
    expect(seen.size).toBe(n);
    expect(scan.counts.train + scan.counts.validation + scan.counts.test).toBe(n);
    for (const [i, s] of seen) expect(splitOfIndex(i, 5, fractions)).toBe(s);
  });

  it('streams every training example exactly once per epoch through a buffer smaller than the file', async () => {
    const n = 2000;
    const { x, y } = table(n);
    const source = memorySource(description(n), x, y);
    const loader = new FileLoader(source, {
      examples: n,
      seed: 9,
      fractions,
      splitColumn: false,
      materialiseBytes: 0,
      chunkExamples: 100,
      bufferExamples: 150,
    });
    const { counts } = await loader.scan();
    const epoch = async (e: number) => {
      const order: number[] = [];
      for await (const b of loader.trainBatches(e, 32, { kind: 'none' }, counts.train)) {
        expect(b.indices.length).toBeLessThanOrEqual(32);
        // The values travel with their example.
        b.indices.forEach((i, r) => expect(b.x[r * 3 + 1]).toBe(2 * i));
        order.push(...b.indices);
      }
      return order;
    };
    const first = await epoch(0);
    expect(first.length).toBe(counts.train);
    expect(new Set(first).size).toBe(counts.train);
    expect(first.every((i) => splitOfIndex(i, 9, fractions) === 'train')).toBe(true);
    // Shuffled (not file order), the same for the same epoch, different in the next.
    expect(first).not.toEqual([...first].sort((a, b) => a - b));
    expect(await epoch(0)).toEqual(first);
    expect(await epoch(1)).not.toEqual(first);
    expect(source.largestRead).toBeLessThanOrEqual(100);
  });

  it('fits the standardisation on the training split only', async () => {
    const n = 600;
    const { x, y } = table(n);
    const opts = { examples: n, seed: 3, fractions, splitColumn: false, chunkExamples: 77 };
    const base = await new FileLoader(memorySource(description(n), x, y), opts).scan();
    // Wild values in every held-out example must not move the statistics.
    const x2 = x.slice();
    for (let i = 0; i < n; i++) if (splitOfIndex(i, 3, fractions) !== 'train') x2[i * 3] = 1e6;
    const wild = await new FileLoader(memorySource(description(n), x2, y), opts).scan();
    expect(wild.scaling).toEqual(base.scaling);
    if (base.scaling.kind !== 'features') throw new Error('expected per-feature scaling');
    const train = Array.from({ length: n }, (_, i) => i).filter((i) => splitOfIndex(i, 3, fractions) === 'train');
    const mean = train.reduce((s, i) => s + i, 0) / train.length;
    expect(base.scaling.mean[0]).toBeCloseTo(mean, 6);
    expect(base.scaling.std[2]).toBe(1); // a constant column is only shifted
    // Standardised training values have mean 0 and spread 1.
    const xs = new Float32Array(train.flatMap((i) => [i, 2 * i, 7]));
    applyScaling(xs, 3, base.scaling);
    const m = train.reduce((s, _, r) => s + xs[r * 3], 0) / train.length;
    const sd = Math.sqrt(train.reduce((s, _, r) => s + (xs[r * 3] - m) ** 2, 0) / train.length);
    expect(m).toBeCloseTo(0, 5);
    expect(sd).toBeCloseTo(1, 5);
    expect(base.materialised?.x.length).toBe(n * 3);
  });

  it('takes the splits from a split column when asked', async () => {
    const n = 30;
    const { x, y } = table(n);
    const split = Array.from({ length: n }, (_, i) =>
      i < 20 ? ('train' as const) : i < 25 ? ('validation' as const) : ('test' as const),
    );
    const loader = new FileLoader(memorySource(description(n), x, y, split), {
      examples: n,
      seed: 1,
      fractions,
      splitColumn: true,
    });
    expect((await loader.scan()).counts).toEqual({ train: 20, validation: 5, test: 5 });
  });

  it('plans no scaling for image folders and one global scaling for arrays of images', () => {
    const d = { path: '', bytes: 0, examples: 1, problems: [], task: 'classification' as const };
    expect(scalingPlan({ ...d, format: 'images', inputShape: [8, 8, 3] })).toEqual({ kind: 'none' });
    expect(scalingPlan({ ...d, format: 'fits', inputShape: [8, 8, 1] })).toEqual({ kind: 'global' });
    const onehot = scalingPlan({
      ...d,
      format: 'csv',
      inputShape: [4],
      features: [
        {
          name: 'colour',
          type: 'category',
          missing: 0,
          categories: [
            { name: 'r', count: 1 },
            { name: 'g', count: 1 },
          ],
        },
        { name: 'mass', type: 'number', missing: 0 },
        { name: 'age', type: 'number', missing: 0 },
      ],
    });
    expect(onehot).toEqual({ kind: 'features', positions: [2, 3], names: ['mass', 'age'] });
  });

  it('reports labels out of range and infinite inputs before training', async () => {
    const { x, y } = table(50);
    y[17] = 5;
    x[30 * 3 + 1] = Infinity;
    const scan = await new FileLoader(memorySource(description(50), x, y), {
      examples: 50,
      seed: 1,
      fractions,
      splitColumn: false,
    }).scan();
    expect(scan.badLabel).toBe(17);
    expect(scan.badInputs).toEqual({ count: 1, first: 30 });
  });
});

describe('fingerprintData', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('changes when a byte changes, even with the same size and time', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dw-hash-'));
    const file = join(dir, 'a.csv');
    await writeFile(file, 'x,y\n1,2\n3,4\n');
    const when = new Date('2024-01-01T00:00:00Z');
    await utimes(file, when, when);
    const a = await fingerprintData(file);
    await writeFile(file, 'x,y\n1,2\n3,5\n');
    await utimes(file, when, when);
    const b = await fingerprintData(file);
    expect(a.bytes).toBe(b.bytes);
    expect(a.modified).toBe(b.modified);
    expect(a.hashOf).toBe('content');
    expect(a.sha256).not.toBe(b.sha256);
    expect((await fingerprintData(file)).sha256).toBe(b.sha256);
  });

  it('hashes a folder by its files, so renaming one is a change', async () => {
    const folder = join(dir, 'images');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(folder, 'cat'), { recursive: true }));
    await writeFile(join(folder, 'cat', '1.png'), 'png bytes');
    const a = await fingerprintData(folder);
    await import('node:fs/promises').then((fs) =>
      fs.rename(join(folder, 'cat', '1.png'), join(folder, 'cat', '2.png')),
    );
    const b = await fingerprintData(folder);
    expect(a.files).toBe(1);
    expect(a.sha256).not.toBe(b.sha256);
  });
});
