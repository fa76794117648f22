import { describe, expect, it } from 'vitest';
import { shapeFromRule } from '../../../shared/training/datasetOptions';
import { DatasetError, listDatasets, loadDataset, previewDataset } from './index';

describe('dataset registry', () => {
  it('lists every dataset with a preview kind, a default size and a description', () => {
    const list = listDatasets();
    const ids = list.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'xor',
      'circles',
      'spirals',
      'gaussians',
      'plane',
      'multigaussian',
      'separable',
      'mnist',
      'star-galaxy',
      'galaxy-morphology',
      'strong-lens',
      'strong-lens-radius',
      'exoplanet-transits',
      'quasar-microlensing',
    ]) {
      expect(ids).toContain(id);
    }
    for (const d of list) {
      expect(d.description.length).toBeGreaterThan(50);
      expect(d.defaultSize).toBeGreaterThan(0);
      expect(d.defaultSize).toBeLessThanOrEqual(d.maxSize);
      expect(['points2d', 'image', 'series']).toContain(d.kind);
      expect(d.task === 'classification' ? d.classNames : d.targetNames).toBeDefined();
    }
  });

  it('refuses unknown ids, unknown parameters, bad sizes and impossible splits with coded errors', async () => {
    const code = async (p: Promise<unknown>) => {
      const err = await p.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatasetError);
      return (err as DatasetError).code;
    };
    expect(await code(loadDataset('nope', { seed: 1 }))).toBe('unknown-dataset');
    expect(await code(loadDataset('xor', { seed: 1, params: { noize: 0.1 } }))).toBe('bad-option');
    expect(await code(loadDataset('xor', { seed: 1, params: { noise: 2 } }))).toBe('bad-option');
    expect(await code(loadDataset('xor', { seed: 1, size: 0 }))).toBe('bad-option');
    // Regression (issue 13, item 15): more examples than the set has was called a missing dataset.
    const tooMany = await loadDataset('mnist', { seed: 1, size: 10_000_000 }).then(
      () => null,
      (e: unknown) => e as DatasetError,
    );
    expect(tooMany).toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/has at most \d+ examples; the project asks for 10000000/),
    });
    expect(tooMany?.hint).toMatch(/or fewer/);
    expect(await code(loadDataset('xor', { seed: 1, validationFraction: 0.6, testFraction: 0.5 }))).toBe('bad-option');
  });

  it('honours split fractions', async () => {
    const data = await loadDataset('gaussians', { seed: 1, size: 400, validationFraction: 0.2, testFraction: 0.25 });
    expect(data.splits.validation.length).toBe(80);
    expect(data.splits.test.length).toBe(100);
    expect(data.splits.train.length).toBe(220);
  });

  it('previews the first examples of the same set the loader makes', async () => {
    const preview = await previewDataset('spirals', { seed: 9 }, 5);
    const full = await loadDataset('spirals', { seed: 9 });
    expect(preview.examples).toHaveLength(5);
    expect(preview.inputShape).toEqual([2]);
    preview.examples.forEach((e, i) => {
      expect(e.x).toEqual(Array.from(full.x.subarray(2 * i, 2 * i + 2)));
      expect(e.y).toBe(full.y[i]);
      expect(e.label).toBe(full.classNames![full.y[i]]);
    });
  });

  it('previews a science set by generating only the first examples, identical to the full set', async () => {
    const preview = await previewDataset('exoplanet-transits', { seed: 4, size: 40 }, 3);
    const full = await loadDataset('exoplanet-transits', { seed: 4, size: 40 });
    expect(preview.info.kind).toBe('series');
    preview.examples.forEach((e, i) => {
      expect(e.x).toEqual(Array.from(full.x.subarray(i * 256, (i + 1) * 256)));
      expect(e.y).toBe(full.y[i]);
    });
    const regression = await previewDataset('quasar-microlensing', { seed: 4 }, 2);
    expect(Array.isArray(regression.examples[0].y)).toBe(true);
  });

  it('stops generating when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await loadDataset('star-galaxy', { seed: 1, size: 2000, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect((err as DatasetError).code).toBe('aborted');
  });
});

describe('shape rules (issue 14.1: one evaluation of a dataset and its options)', () => {
  it('give every built-in dataset its catalogue shape at the default parameters', () => {
    for (const info of listDatasets()) {
      const defaults = Object.fromEntries(info.params.map((p) => [p.name, p.default]));
      expect(shapeFromRule(info.shapeRule, defaults), info.id).toEqual(info.inputShape);
    }
  });
});
