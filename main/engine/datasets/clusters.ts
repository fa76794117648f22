/**
 * `clusters`: ten classes of points in ten features, for the lecture's Keras Sequential example
 * (10 inputs → … → 10 softmax outputs), which has no pictures or series to look at.
 *
 * Class k is a Gaussian cloud around its own centre: the ten centres are fixed (drawn once from a
 * constant seed, so every seed asks the same question), 3 units from the origin in random
 * directions; each point is its centre plus normal noise of spread `spread` in every feature.
 * At the default spread 1 neighbouring clouds overlap: the best any classifier can do (the nearest
 * centre) is about 81 % (5,000 points, seed 3), so the curves level off well below 100 %.
 * Classes come in blocks of ten, one of each in a seeded order (balanced prefixes).
 */
import { type DatasetDefinition } from './definition';
import { generateExamples } from './generateExamples';
import { numParam } from './resolveParams';
import { Rng, hashSeed, hashString } from './rng';

const FEATURES = 10;
const CLASSES = 10;
const salt = hashString('clusters');

/** The ten class centres: a fixed draw, the same for every seed. */
const CENTRES: number[][] = (() => {
  const rng = new Rng(hashSeed(salt, 0xc0ffee));
  return Array.from({ length: CLASSES }, () => {
    const d = Array.from({ length: FEATURES }, () => rng.normal());
    const norm = Math.hypot(...d);
    return d.map((v) => (3 * v) / norm);
  });
})();

export const clustersDataset: DatasetDefinition = {
  info: {
    id: 'clusters',
    title: 'Ten clusters in ten features',
    description:
      'Points with 10 number features in 10 classes: each class is a Gaussian cloud around its own centre, ' +
      'the ten centres fixed, 3 units from the origin in random directions, spread 1 by default (neighbouring ' +
      'clouds overlap: about 81 % is the best any classifier can reach). The preview shows the first two features. Made for the Keras Sequential example.',
    task: 'classification',
    kind: 'points2d',
    inputShape: [FEATURES],
    shapeRule: [FEATURES],
    classNames: Array.from({ length: CLASSES }, (_, k) => `class ${k}`),
    defaultSize: 2000,
    maxSize: 100_000,
    params: [
      {
        name: 'spread',
        type: 'number',
        default: 1,
        min: 0.1,
        max: 3,
        doc: 'Standard deviation of each cloud in every feature; larger overlaps more.',
      },
    ],
    references: ['In the spirit of scikit-learn’s make_blobs'],
  },
  prefixStable: true,
  generate({ size, seed, params, signal }) {
    const spread = numParam(params, 'spread');
    return generateExamples(
      { size, exampleLength: FEATURES, targetLength: 1, seed, salt, signal },
      (rng, index, x, y) => {
        const order = new Rng(hashSeed(seed, salt, Math.floor(index / CLASSES), 0x5eed)).shuffle(
          Array.from({ length: CLASSES }, (_, k) => k),
        );
        const cls = order[index % CLASSES];
        y[0] = cls;
        for (let f = 0; f < FEATURES; f++) x[f] = CENTRES[cls][f] + rng.normal(0, spread);
      },
    );
  },
};
