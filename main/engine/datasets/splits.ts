import { DatasetError } from './errors';
import { Rng, hashSeed } from './rng';
import { type DatasetSplits } from './types';

/** Salt for the split stream, so the split never reuses the numbers that drew the examples. */
const SPLIT_SALT = 0x5b117;

/**
 * Seeded train/validation/test split of n examples: one shuffle of 0…n−1, cut into test, validation
 * and train (in that order, so changing validationFraction never moves an example into the test set).
 * Depends only on (n, seed, fractions), never on the data.
 */
export function makeSplits(n: number, seed: number, validationFraction = 0.1, testFraction = 0.1): DatasetSplits {
  for (const [name, value] of [
    ['validationFraction', validationFraction],
    ['testFraction', testFraction],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value >= 1) {
      throw new DatasetError('bad-option', `${name} must be a number from 0 up to (not including) 1; got ${value}.`);
    }
  }
  if (validationFraction + testFraction >= 1) {
    throw new DatasetError(
      'bad-option',
      `validationFraction + testFraction is ${validationFraction + testFraction}, leaving nothing to train on.`,
      'Keep the two held-out fractions together below 1 (0.1 + 0.1 is typical).',
    );
  }
  const order = new Rng(hashSeed(seed, SPLIT_SALT, n)).shuffle(Array.from({ length: n }, (_, i) => i));
  const nTest = Math.round(n * testFraction);
  const nValidation = Math.round(n * validationFraction);
  return {
    test: order.slice(0, nTest),
    validation: order.slice(nTest, nTest + nValidation),
    train: order.slice(nTest + nValidation),
  };
}
