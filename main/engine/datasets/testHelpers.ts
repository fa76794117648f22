/** Shared assertions for the dataset tests (not part of the public API). */
import { expect } from 'vitest';
import { loadDataset } from './index';
import { type Dataset, type LoadDatasetOptions } from './types';

/** Loads a dataset and prints how long it took (printed, never asserted: DESIGN.md "Testing"). */
export async function timedLoad(id: string, options: LoadDatasetOptions): Promise<Dataset> {
  const t0 = performance.now();
  const data = await loadDataset(id, options);
  const ms = performance.now() - t0;
  console.log(`[datasets] ${id}: ${data.size} examples ${JSON.stringify(data.inputShape)} in ${ms.toFixed(0)} ms`);
  return data;
}

/** Shape, finiteness, value range and split checks every dataset must pass. */
export function expectWellFormed(data: Dataset, range: [number, number]): void {
  const exampleLength = data.inputShape.reduce((a, b) => a * b, 1);
  expect(data.x.length).toBe(data.size * exampleLength);
  const targetLength = data.task === 'regression' ? data.targetNames!.length : 1;
  expect(data.y.length).toBe(data.size * targetLength);
  let min = Infinity;
  let max = -Infinity;
  for (const v of data.x) {
    if (!Number.isFinite(v)) throw new Error(`${data.id}: non-finite input value ${v}`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  expect(min).toBeGreaterThanOrEqual(range[0]);
  expect(max).toBeLessThanOrEqual(range[1]);
  for (const v of data.y) expect(Number.isFinite(v)).toBe(true);
  if (data.task === 'classification') {
    for (const v of data.y) {
      expect(Number.isInteger(v) && v >= 0 && v < data.classNames!.length).toBe(true);
    }
  }
  const { train, validation, test } = data.splits;
  expect(train.length + validation.length + test.length).toBe(data.size);
  expect(new Set([...train, ...validation, ...test]).size).toBe(data.size);
  for (const i of [...train, ...validation, ...test]) expect(i >= 0 && i < data.size).toBe(true);
}

/** Fraction of examples in each class. */
export function classFractions(data: Dataset): number[] {
  const counts = new Array<number>(data.classNames!.length).fill(0);
  for (const v of data.y) counts[v]++;
  return counts.map((c) => c / data.size);
}

/** Each class of a binary set holds 40–60 % of the examples. */
export function expectBalanced(data: Dataset): void {
  for (const f of classFractions(data)) {
    expect(f).toBeGreaterThanOrEqual(0.4);
    expect(f).toBeLessThanOrEqual(0.6);
  }
}

/** Column `k` of a regression target matrix. */
export function targetColumn(data: Dataset, k: number): number[] {
  const d = data.targetNames!.length;
  return Array.from({ length: data.size }, (_, i) => data.y[i * d + k]);
}

/** Same seed ⇒ identical bytes; another seed ⇒ different inputs. */
export async function expectDeterministic(id: string, options: Omit<LoadDatasetOptions, 'seed'>): Promise<void> {
  const a = await loadDataset(id, { ...options, seed: 7 });
  const b = await loadDataset(id, { ...options, seed: 7 });
  const c = await loadDataset(id, { ...options, seed: 8 });
  expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true);
  expect(Buffer.from(a.y.buffer).equals(Buffer.from(b.y.buffer))).toBe(true);
  expect(a.splits).toEqual(b.splits);
  expect(Buffer.from(a.x.buffer).equals(Buffer.from(c.x.buffer))).toBe(false);
}

/**
 * Area under the ROC curve of a scalar feature for a binary set (probability that a random class-1
 * example scores higher than a random class-0 one). 0.5 = chance.
 */
export function auc(scores: number[], labels: number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let n1 = 0;
  idx.forEach((i, rank) => {
    if (labels[i] === 1) {
      rankSum += rank + 1;
      n1++;
    }
  });
  const n0 = labels.length - n1;
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}

/** Spearman rank correlation of two equal-length lists. */
export function spearman(a: number[], b: number[]): number {
  const ranks = (v: number[]) => {
    const r = new Array<number>(v.length);
    v.map((_, i) => i)
      .sort((i, j) => v[i] - v[j])
      .forEach((i, k) => (r[i] = k));
    return r;
  };
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const mean = (n - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i] - mean) * (rb[i] - mean);
    da += (ra[i] - mean) ** 2;
    db += (rb[i] - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}
