import { describe, expect, it } from 'vitest';
import { previewData } from './data/previewData';
import { memorySource } from './data/memorySource';
import { previewDataset } from './datasets';
import { PREVIEW_LIMITS, previewExampleCount } from './previewLimits';

/** The preview as it crosses the wire. */
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('bounded previews (issue 13, item 14)', () => {
  it('previewDataset asked for 10^6 examples answers at most the example cap', async () => {
    const preview = await previewDataset('spirals', { seed: 1, size: 5000 }, 1e6);
    expect(preview.examples).toHaveLength(PREVIEW_LIMITS.examples);
    expect(jsonBytes(preview)).toBeLessThan(PREVIEW_LIMITS.bytes);
  });

  it('previewDataset of 128×128 galaxy stamps stops at the byte cap (it returned 194 MB)', async () => {
    const preview = await previewDataset('galaxy-morphology', { seed: 1, params: { imageSize: 128 } }, 1e6);
    // 128 × 128 values of at most 24 bytes each: 10 stamps fit in 4 MB, not the 2,000 of the set.
    expect(preview.examples.length).toBe(previewExampleCount(1e6, 128 * 128 + 1));
    expect(preview.examples.length).toBeGreaterThan(0);
    expect(jsonBytes(preview.examples)).toBeLessThanOrEqual(PREVIEW_LIMITS.bytes);
  });

  it('counts nothing odd: a negative, fractional or non-finite ask', () => {
    expect(previewExampleCount(-5, 10)).toBe(0);
    expect(previewExampleCount(Number.NaN, 10)).toBe(0);
    expect(previewExampleCount(Infinity, 10)).toBe(0);
    expect(previewExampleCount(2.9, 10)).toBe(2);
  });

  it('describeData draws only the pictures that fit, each example still with its class', async () => {
    const shape = [96, 96, 3];
    const per = 96 * 96 * 3;
    const n = 48;
    const x = new Float32Array(n * per).map((_, i) => ((i * 7919) % 1000) / 999);
    const y = new Float32Array(n).map((_, i) => i % 12);
    const classes = Array.from({ length: 12 }, (_, k) => ({ name: `class ${k}`, count: 4 }));
    const preview = await previewData(
      memorySource({ format: 'images', inputShape: shape, task: 'classification', classes }, x, y),
    );
    const drawn = preview.examples!.filter((e) => e.x);
    expect(preview.examples!.length).toBe(48);
    expect(drawn.length).toBe(previewExampleCount(48, per, 11));
    expect(drawn.length).toBeLessThan(48);
    expect(jsonBytes(preview.examples)).toBeLessThanOrEqual(PREVIEW_LIMITS.bytes);
  });

  it("describeData previews a 20,000-column table's first columns and its target, cells cut short", async () => {
    const width = 20_000;
    const features = Array.from({ length: width }, (_, j) => ({ name: `f${j}`, type: 'number' as const, missing: 0 }));
    const rows = 8;
    const x = new Float32Array(rows * width).fill(1.5);
    const y = new Float32Array(rows).fill(0);
    const long = 'x'.repeat(10_000);
    const preview = await previewData(
      memorySource(
        {
          format: 'csv',
          inputShape: [width],
          task: 'classification',
          target: 'label',
          features,
          classes: [{ name: long, count: rows }],
        },
        x,
        y,
      ),
    );
    expect(preview.rows!.columns).toHaveLength(200);
    expect(preview.rows!.columns.at(-1)).toBe('label');
    expect(preview.rows!.values[0]).toHaveLength(200);
    expect(preview.rows!.values[0].at(-1)).toHaveLength(100);
    expect(jsonBytes(preview.rows)).toBeLessThan(100_000);
  });
});
