import { describe, expect, it } from 'vitest';
import { loadDataset, previewDataset } from './index';
import { SHAPE_CLASSES } from './shapeMasks';
import { classFractions, expectDeterministic, expectWellFormed, timedLoad } from './testHelpers';

/** Mean of |pixel − picture mean| over one example: how much structure a picture has. */
function contrast(x: Float32Array, offset: number, length: number): number {
  let mean = 0;
  for (let i = 0; i < length; i++) mean += x[offset + i];
  mean /= length;
  let dev = 0;
  for (let i = 0; i < length; i++) dev += Math.abs(x[offset + i] - mean);
  return dev / length;
}

describe('shapes', () => {
  it('makes 64×64×3 colour pictures in 0…1, ten balanced classes, every picture with structure', async () => {
    const data = await timedLoad('shapes', { seed: 1, size: 500 });
    expect(data.inputShape).toEqual([64, 64, 3]);
    expect(data.classNames).toEqual([...SHAPE_CLASSES]);
    expectWellFormed(data, [0, 1]);
    // Blocks of ten hold every class once: 500 examples are exactly 50 of each.
    expect(classFractions(data)).toEqual(new Array(10).fill(0.1));
    const n = 64 * 64 * 3;
    for (let i = 0; i < 50; i++) expect(contrast(data.x, i * n, n)).toBeGreaterThan(0.02);
  });

  it('draws at 32 and at 224 pixels', async () => {
    for (const imageSize of [32, 224]) {
      const data = await timedLoad('shapes', { seed: 3, size: 20, params: { imageSize } });
      expect(data.inputShape).toEqual([imageSize, imageSize, 3]);
      expectWellFormed(data, [0, 1]);
    }
  });

  it('is deterministic per seed and prefix-stable (a preview is the start of the set)', async () => {
    await expectDeterministic('shapes', { size: 30, params: { imageSize: 32 } });
    const full = await loadDataset('shapes', { seed: 5, size: 40, params: { imageSize: 32 } });
    const preview = await previewDataset('shapes', { seed: 5, size: 40, params: { imageSize: 32 } }, 3);
    expect(preview.examples[2].x).toEqual(Array.from(full.x.subarray(2 * 3072, 3 * 3072)));
    expect(preview.examples[2].label).toBe(SHAPE_CLASSES[full.y[2]]);
  });

  it('refuses a size outside 16…227', async () => {
    await expect(loadDataset('shapes', { seed: 1, size: 2, params: { imageSize: 300 } })).rejects.toThrow(
      /"imageSize" of dataset "shapes" must be a whole number from 16 to 227/,
    );
  });
});

describe('clusters', () => {
  it('makes ten balanced classes of ten features around distinct centres', async () => {
    const data = await timedLoad('clusters', { seed: 1, size: 1000, params: { spread: 0.1 } });
    expect(data.inputShape).toEqual([10]);
    expect(classFractions(data)).toEqual(new Array(10).fill(0.1));
    // With a small spread the nearest class mean classifies every point.
    const means = Array.from({ length: 10 }, () => new Array(10).fill(0));
    for (let i = 0; i < data.size; i++) for (let f = 0; f < 10; f++) means[data.y[i]][f] += data.x[i * 10 + f] / 100;
    let right = 0;
    for (let i = 0; i < data.size; i++) {
      const d = means.map((m) => m.reduce((s, v, f) => s + (v - data.x[i * 10 + f]) ** 2, 0));
      if (d.indexOf(Math.min(...d)) === data.y[i]) right++;
    }
    expect(right).toBe(data.size);
  });
});
