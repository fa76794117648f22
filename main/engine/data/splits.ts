import { hashSeed } from '../datasets/rng';

/** The three splits, in the order a split column names them. */
export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** Salt for the split hash, so it never shares numbers with the weights or the shuffles. */
const SPLIT_SALT = 0x5b117f11;

export interface SplitFractions {
  validation: number;
  test: number;
}

/**
 * The split of example `index` of a file: a seeded hash of its index, cut test → validation → train.
 * It depends on nothing but (index, seed, fractions), so it is the same on every read, needs no list
 * of indices in memory (streaming), and adding rows at the end of a file never moves the others.
 * Raising the validation fraction never moves an example into the test split. The fractions are
 * kept on average (a hash, not a count): 1,000 rows at 10 % give about 100 ± 10 test rows.
 */
export function splitOfIndex(index: number, seed: number, fractions: SplitFractions): SplitName {
  // Index above 2^32 (a huge file): its high part is mixed in too.
  const u = hashSeed(seed, SPLIT_SALT, index >>> 0, Math.floor(index / 4294967296)) / 4294967296;
  if (u < fractions.test) return 'test';
  if (u < fractions.test + fractions.validation) return 'validation';
  return 'train';
}

/** 0 train, 1 validation, 2 test: one byte per example where a list of splits is kept. */
export const splitCode = (s: SplitName): number => (s === 'train' ? 0 : s === 'validation' ? 1 : 2);
export const splitFromCode = (c: number): SplitName => SPLIT_NAMES[c];

/**
 * The held-out fractions of a file dataset: its own options, else the training settings'
 * validation split, else 10 % each; refused when nothing would be left to train on.
 */
export function resolveFractions(
  ref: { validationFraction?: number; testFraction?: number },
  validationSplit: number | undefined,
): SplitFractions {
  const validation = ref.validationFraction ?? validationSplit ?? 0.1;
  const test = ref.testFraction ?? 0.1;
  for (const [name, v] of [
    ['validationFraction', validation],
    ['testFraction', test],
  ] as const) {
    if (!Number.isFinite(v) || v < 0 || v >= 1)
      throw new RangeError(`${name} must be a number from 0 up to (not including) 1; it is ${v}.`);
  }
  if (validation + test >= 1)
    throw new RangeError(
      `The validation (${validation}) and test (${test}) fractions together leave nothing to train on; keep them below 1 together (0.1 + 0.1 is typical).`,
    );
  return { validation, test };
}
