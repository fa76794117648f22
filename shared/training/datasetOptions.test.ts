import { describe, expect, it } from 'vitest';
import {
  datasetInputShape,
  datasetRequest,
  resolveDatasetParams,
  shapeFromRule,
  type DatasetParamSpec,
} from './datasetOptions';

const LENGTH: DatasetParamSpec = {
  name: 'length',
  type: 'number',
  default: 256,
  min: 64,
  max: 2048,
  integer: true,
  doc: '',
};
const SERIES = { id: 'series', inputShape: [256, 1], params: [LENGTH], shapeRule: ['length', 1] };

describe('datasetRequest', () => {
  it.each([
    [undefined, {}],
    [{ length: 180 }, { params: { length: 180 } }],
    [
      { size: 500, length: 180 },
      { size: 500, params: { length: 180 } },
    ],
    [
      { params: { length: 128 }, testFraction: 0.2 },
      { testFraction: 0.2, params: { length: 128 } },
    ],
  ])('%j → %j', (options, want) => {
    const got = datasetRequest(options as Record<string, unknown> | undefined);
    expect(Object.fromEntries(Object.entries(got).filter(([, v]) => v !== undefined))).toEqual(want);
  });
});

describe('datasetInputShape', () => {
  it.each([
    [undefined, [256, 1]],
    [{ length: 180 }, [180, 1]],
    [{ size: 100 }, [256, 1]],
  ])('options %j give %j', (options, shape) => {
    expect(datasetInputShape(SERIES, options)).toEqual({ inputShape: shape });
  });

  it.each([
    [{ length: 9000 }, 'Parameter "length" of dataset "series" must be a whole number from 64 to 2048; got 9000.'],
    [{ length: 'long' }, 'Parameter "length" of dataset "series" must be a whole number from 64 to 2048; got "long".'],
    [{ lenght: 180 }, 'Dataset "series" has no parameter "lenght".'],
  ])('refuses %j', (options, message) => {
    expect(datasetInputShape(SERIES, options)).toEqual({ problem: expect.objectContaining({ message }) });
  });

  it('keeps the default shape of an entry without specs (an older host)', () => {
    expect(datasetInputShape({ id: 'old', inputShape: [2] }, { noise: 3 })).toEqual({ inputShape: [2] });
  });
});

describe('resolveDatasetParams and shapeFromRule', () => {
  it('fills defaults and evaluates the rule', () => {
    const r = resolveDatasetParams('series', [LENGTH], {});
    expect(r).toEqual({ params: { length: 256 } });
    expect(shapeFromRule(['length', 'length', 3], { length: 32 })).toEqual([32, 32, 3]);
  });
});
