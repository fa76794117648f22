/**
 * The TensorFlow Playground's 2-D datasets, re-implemented from its `src/dataset.ts` (Apache-2.0,
 * Google 2016) with a seeded generator in place of Math.random. Points lie in roughly [−6, 6]²;
 * `noise` is Playground's noise slider as a fraction (0 … 0.5, the slider's 0 … 50 %).
 *
 * Playground labels are ±1; here class 1 is Playground's +1 ("positive", orange) and class 0 its −1
 * ("negative", blue). A hinge-loss trainer maps class c to 2c − 1.
 */
import { type DatasetDefinition } from './definition';
import { numParam } from './resolveParams';
import { Rng, hashSeed, hashString } from './rng';
import { type DatasetParamSpec, type DatasetTask } from './types';

/** One point: its two coordinates and a label (class index, or the regression value). */
type Point = [x1: number, x2: number, label: number];
type PointGenerator = (rng: Rng, n: number, noise: number) => Point[];

const NOISE_PARAM: DatasetParamSpec = {
  name: 'noise',
  type: 'number',
  default: 0,
  min: 0,
  max: 0.5,
  doc: "Playground's noise slider as a fraction (0.5 = 50 %): how far points are jittered before labelling.",
};

const PLAYGROUND_REF = 'TensorFlow Playground, src/dataset.ts (Smilkov & Carter, Google 2016)';
const CLASS_NAMES = ['negative', 'positive'];

/** Playground's variance scale for the two-Gaussians set: noise 0 → 0.5, noise 0.5 → 4. */
const gaussVariance = (noise: number) => 0.5 + (noise / 0.5) * 3.5;

const twoGaussians: PointGenerator = (rng, n, noise) => {
  const sd = Math.sqrt(gaussVariance(noise));
  const pts: Point[] = [];
  for (const [c, label] of [
    [2, 1],
    [-2, 0],
  ]) {
    for (let i = 0; i < n / 2; i++) pts.push([rng.normal(c, sd), rng.normal(c, sd), label]);
  }
  return pts;
};

const circles: PointGenerator = (rng, n, noise) => {
  const radius = 5;
  const pts: Point[] = [];
  // Inner disc r < 2.5 is positive, outer ring 3.5 < r < 5 negative; the label is taken at the
  // jittered position (as Playground does), so noise mislabels points near the gap.
  for (const [rMin, rMax] of [
    [0, radius * 0.5],
    [radius * 0.7, radius],
  ]) {
    for (let i = 0; i < n / 2; i++) {
      const r = rng.uniform(rMin, rMax);
      const angle = rng.uniform(0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const nx = rng.uniform(-radius, radius) * noise;
      const ny = rng.uniform(-radius, radius) * noise;
      pts.push([x, y, Math.hypot(x + nx, y + ny) < radius * 0.5 ? 1 : 0]);
    }
  }
  return pts;
};

const xor: PointGenerator = (rng, n, noise) => {
  const pad = 0.3; // keeps points off the axes, where the label flips
  const pts: Point[] = [];
  for (let i = 0; i < n; i++) {
    let x = rng.uniform(-5, 5);
    x += x > 0 ? pad : -pad;
    let y = rng.uniform(-5, 5);
    y += y > 0 ? pad : -pad;
    const nx = rng.uniform(-5, 5) * noise;
    const ny = rng.uniform(-5, 5) * noise;
    pts.push([x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0]);
  }
  return pts;
};

const spirals: PointGenerator = (rng, n, noise) => {
  const half = n / 2;
  const pts: Point[] = [];
  for (const [deltaT, label] of [
    [0, 1],
    [Math.PI, 0],
  ]) {
    for (let i = 0; i < half; i++) {
      const r = (i / half) * 5;
      const t = ((1.75 * i) / half) * 2 * Math.PI + deltaT;
      pts.push([r * Math.sin(t) + rng.uniform(-1, 1) * noise, r * Math.cos(t) + rng.uniform(-1, 1) * noise, label]);
    }
  }
  return pts;
};

/** Linearly separable blobs for the Perceptron: points within 0.5 of the line x1 + x2 = 0 are redrawn. */
const separable: PointGenerator = (rng, n) => {
  const pts: Point[] = [];
  for (const [c, label] of [
    [1.5, 1],
    [-1.5, 0],
  ]) {
    while (pts.length < (label === 1 ? n / 2 : n)) {
      const x = rng.normal(c, 1.2);
      const y = rng.normal(c, 1.2);
      const side = (x + y) / Math.SQRT2; // signed distance to the separating line
      if ((label === 1 ? side : -side) > 0.5) pts.push([x, y, label]);
    }
  }
  return pts;
};

const plane: PointGenerator = (rng, n, noise) => {
  const radius = 6;
  const pts: Point[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(-radius, radius);
    const y = rng.uniform(-radius, radius);
    const nx = rng.uniform(-radius, radius) * noise;
    const ny = rng.uniform(-radius, radius) * noise;
    pts.push([x, y, (x + nx + y + ny) / 10]); // Playground's linear scale [−10, 10] → [−1, 1]
  }
  return pts;
};

/** Six bumps of alternating sign; the value is the strongest bump, 1 at its centre to 0 at distance 2. */
const MULTI_GAUSS_CENTRES: [number, number, number][] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

const multiGaussian: PointGenerator = (rng, n, noise) => {
  const radius = 6;
  const value = (x: number, y: number) => {
    let best = 0;
    for (const [cx, cy, sign] of MULTI_GAUSS_CENTRES) {
      const v = sign * Math.min(1, Math.max(0, 1 - Math.hypot(x - cx, y - cy) / 2));
      if (Math.abs(v) > Math.abs(best)) best = v;
    }
    return best;
  };
  const pts: Point[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(-radius, radius);
    const y = rng.uniform(-radius, radius);
    const nx = rng.uniform(-radius, radius) * noise;
    const ny = rng.uniform(-radius, radius) * noise;
    pts.push([x, y, value(x + nx, y + ny)]);
  }
  return pts;
};

function playgroundDataset(
  id: string,
  title: string,
  description: string,
  task: DatasetTask,
  defaultSize: number,
  generatePoints: PointGenerator,
  withNoise = true,
): DatasetDefinition {
  const salt = hashString(id);
  return {
    info: {
      id,
      title,
      description,
      task,
      kind: 'points2d',
      inputShape: [2],
      shapeRule: [2],
      ...(task === 'classification' ? { classNames: CLASS_NAMES } : { targetNames: ['value'] }),
      defaultSize,
      maxSize: 100_000,
      params: withNoise ? [NOISE_PARAM] : [],
      references: [PLAYGROUND_REF],
    },
    prefixStable: false,
    async generate({ size, seed, params }) {
      const rng = new Rng(hashSeed(seed, salt));
      const pts = generatePoints(rng, size, withNoise ? numParam(params, 'noise') : 0).slice(0, size);
      // Playground emits points class by class; a seeded shuffle keeps order from leaking the label
      // (Keras-style "last 10 % for validation" would otherwise validate on one class only).
      rng.shuffle(pts);
      const x = new Float32Array(size * 2);
      const y = new Float32Array(size);
      pts.forEach(([a, b, label], i) => {
        x[2 * i] = a;
        x[2 * i + 1] = b;
        y[i] = label;
      });
      return { x, y };
    },
  };
}

/** The Playground 2-D sets, in the order Playground lists them, then the Perceptron's separable set. */
export const playgroundDatasets: DatasetDefinition[] = [
  playgroundDataset(
    'circles',
    'Circle',
    'Playground "Circle": positive points uniformly in the disc r < 2.5, negative points in the ring 3.5 < r < 5 ' +
      '(r drawn uniformly, so density falls outward). Noise jitters the position used for the label by up to ±5·noise ' +
      'per axis, mislabelling points near the gap. Needs a non-linear boundary (or an x1²+x2² feature).',
    'classification',
    500,
    circles,
  ),
  playgroundDataset(
    'xor',
    'Exclusive or',
    'Playground "Exclusive or": points uniform in [−5.3, 5.3]² kept 0.3 away from the axes; positive where x1·x2 ≥ 0 ' +
      '(quadrants I and III). Noise jitters the position used for the label by up to ±5·noise per axis. ' +
      'The classic problem a single perceptron cannot solve.',
    'classification',
    500,
    xor,
  ),
  playgroundDataset(
    'gaussians',
    'Gaussian',
    'Playground "Gaussian": two isotropic Gaussian blobs centred at (2, 2) (positive) and (−2, −2) (negative); ' +
      'variance 0.5 at noise 0 rising linearly to 4 at noise 0.5, so the blobs overlap as noise grows.',
    'classification',
    500,
    twoGaussians,
  ),
  playgroundDataset(
    'spirals',
    'Spiral',
    'Playground "Spiral": two interleaved spirals (1.75 turns, radius 0 to 5), the negative one rotated by π. ' +
      'Noise adds a uniform jitter of ±noise to each coordinate. Hard for small networks without sin/cos features.',
    'classification',
    500,
    spirals,
  ),
  playgroundDataset(
    'plane',
    'Plane (regression)',
    'Playground "Plane": points uniform in [−6, 6]²; target (x1 + x2)/10, in [−1.2, 1.2]. Noise jitters the position ' +
      'used for the target by up to ±6·noise per axis.',
    'regression',
    1200,
    plane,
  ),
  playgroundDataset(
    'multigaussian',
    'Multi Gaussian (regression)',
    'Playground "Multi Gaussian": points uniform in [−6, 6]²; six bumps of alternating sign at x ∈ {−4, 0, 4}, ' +
      'y = ±2.5; the target is the strongest bump, falling linearly from ±1 at its centre to 0 at distance 2. ' +
      'Noise jitters the position used for the target by up to ±6·noise per axis.',
    'regression',
    1200,
    multiGaussian,
  ),
  playgroundDataset(
    'separable',
    'Linearly separable',
    'Two Gaussian blobs (σ = 1.2) centred at (1.5, 1.5) (class 1) and (−1.5, −1.5) (class 0), with every point ' +
      'closer than 0.5 to the line x1 + x2 = 0 redrawn, so a straight line separates the classes with a margin. ' +
      'For the Perceptron template: a hinge-loss trainer maps class c to the ±1 target 2c − 1.',
    'classification',
    200,
    separable,
    false,
  ),
];
