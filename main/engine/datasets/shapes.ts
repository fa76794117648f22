/**
 * `shapes`: procedurally drawn colour pictures in ten classes — six objects (circle, square,
 * triangle, star, ring, cross) and four textures (stripes, checkerboard, dots, gradient) — at any
 * size from 16 to 227 pixels, for the ImageNet-era templates (AlexNet, VGG, GoogLeNet, ResNet) that
 * have no data of their own. channels-last [s, s, 3], values 0…1.
 *
 * Per example: a background and a foreground colour at least 0.45 apart (RGB distance), so the
 * class is never told by colour; objects at a random position (kept inside the picture), radius
 * 15–32 % of the side and angle; textures at a random angle and period (8–20 % of the side); then
 * uniform pixel noise with a per-example spread (σ 0.02–0.1), clipped to 0…1. Classes come in blocks
 * of ten, one of each in a seeded order, so any prefix of the set is balanced to within one per class.
 */
import { type DatasetDefinition } from './definition';
import { generateExamples } from './generateExamples';
import { numParam } from './resolveParams';
import { Rng, hashSeed, hashString } from './rng';
import { OBJECT_CLASS_COUNT, SHAPE_CLASSES, coverage } from './shapeMasks';

const CLASS_COUNT = SHAPE_CLASSES.length;
const salt = hashString('shapes');

/** Class of example `index`: each block of ten holds every class once, in a seeded order. */
export function shapeClass(seed: number, index: number): number {
  const order = new Rng(hashSeed(seed, salt, Math.floor(index / CLASS_COUNT), 0x5eed)).shuffle(
    Array.from({ length: CLASS_COUNT }, (_, k) => k),
  );
  return order[index % CLASS_COUNT];
}

/** Two colours whose RGB distance is at least 0.45. */
function colours(rng: Rng): [number[], number[]] {
  const bg = [rng.next(), rng.next(), rng.next()];
  let fg = [rng.next(), rng.next(), rng.next()];
  for (let tries = 0; tries < 50 && Math.hypot(fg[0] - bg[0], fg[1] - bg[1], fg[2] - bg[2]) < 0.45; tries++) {
    fg = [rng.next(), rng.next(), rng.next()];
  }
  if (Math.hypot(fg[0] - bg[0], fg[1] - bg[1], fg[2] - bg[2]) < 0.45) fg = bg.map((c) => (c < 0.5 ? 1 : 0));
  return [bg, fg];
}

/** Fills `cover` (side × side, row-major) with the foreground share of each pixel for class `cls`. */
function drawCoverage(rng: Rng, cls: number, side: number, cover: Float32Array): void {
  const angle = rng.uniform(0, 2 * Math.PI);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  cover.fill(0);
  let scale: number;
  let cx: number;
  let cy: number;
  let x0 = 0;
  let x1 = side;
  let y0 = 0;
  let y1 = side;
  if (cls < OBJECT_CLASS_COUNT) {
    scale = side * rng.uniform(0.15, 0.32);
    cx = rng.uniform(scale, side - scale);
    cy = rng.uniform(scale, side - scale);
    // Only the object's bounding box can be covered (the square's corners reach 1.14 radii).
    x0 = Math.max(0, Math.floor(cx - 1.2 * scale));
    x1 = Math.min(side, Math.ceil(cx + 1.2 * scale));
    y0 = Math.max(0, Math.floor(cy - 1.2 * scale));
    y1 = Math.min(side, Math.ceil(cy + 1.2 * scale));
  } else {
    scale = SHAPE_CLASSES[cls] === 'gradient' ? side : side * rng.uniform(0.08, 0.2);
    cx = side / 2 + rng.uniform(-0.5, 0.5) * scale;
    cy = side / 2 + rng.uniform(-0.5, 0.5) * scale;
  }
  const inv = 1 / scale;
  for (let py = y0; py < y1; py++) {
    const dy = py + 0.5 - cy;
    const row = py * side;
    for (let px = x0; px < x1; px++) {
      const dx = px + 0.5 - cx;
      cover[row + px] = coverage(cls, (c * dx + s * dy) * inv, (-s * dx + c * dy) * inv);
    }
  }
}

export const shapesDataset: DatasetDefinition = {
  info: {
    id: 'shapes',
    title: 'Shapes and textures (10 classes, colour)',
    description:
      'Procedurally drawn colour pictures, channels-last [s, s, 3] with values 0–1, at any size s from 16 to 227 (AlexNet’s input): ' +
      'six objects (circle, square, triangle, star, ring, cross) at a random position, size (radius 15–32 % of ' +
      'the side) and angle, and four textures (stripes, checkerboard, dots, gradient) at a random angle and period. ' +
      'Background and foreground colours are random and at least 0.45 apart, so colour never tells the class; ' +
      'each picture gets uniform pixel noise (σ 0.02–0.1). Classes are balanced. Made for the ImageNet-size ' +
      'templates (AlexNet, VGG, GoogLeNet, ResNet): set the image size to the network’s input.',
    task: 'classification',
    kind: 'image',
    inputShape: [64, 64, 3],
    shapeRule: ['imageSize', 'imageSize', 3],
    classNames: [...SHAPE_CLASSES],
    defaultSize: 2000,
    maxSize: 10_000,
    params: [
      {
        name: 'imageSize',
        type: 'number',
        default: 64,
        min: 16,
        max: 227,
        integer: true,
        doc: 'Picture side, pixels (the network’s input size).',
      },
    ],
    references: ['Deepwire’s own generator, in the spirit of the "shapes" toy sets used to teach CNNs'],
  },
  prefixStable: true,
  generate({ size, seed, params, signal }) {
    const side = numParam(params, 'imageSize');
    const cover = new Float32Array(side * side);
    return generateExamples(
      { size, exampleLength: side * side * 3, targetLength: 1, seed, salt, signal },
      (rng, index, x, y) => {
        const cls = shapeClass(seed, index);
        y[0] = cls;
        const [bg, fg] = colours(rng);
        drawCoverage(rng, cls, side, cover);
        // Uniform noise of spread σ, (r − ½)·σ·√12, from an inline xorshift32 seeded by the example's
        // stream: three calls per pixel through Rng would be most of the generation time.
        const amp = (rng.uniform(0.02, 0.1) * Math.sqrt(12)) / 4294967296;
        const half = 2147483648;
        let state = (rng.int(0xffffffff) | 1) >>> 0;
        const [b0, b1, b2] = bg;
        const d0 = fg[0] - b0;
        const d1 = fg[1] - b1;
        const d2 = fg[2] - b2;
        for (let p = 0, o = 0; p < cover.length; p++, o += 3) {
          const k = cover[p];
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          x[o] = clamp01(b0 + k * d0 + ((state >>> 0) - half) * amp);
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          x[o + 1] = clamp01(b1 + k * d1 + ((state >>> 0) - half) * amp);
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          x[o + 2] = clamp01(b2 + k * d2 + ((state >>> 0) - half) * amp);
        }
      },
    );
  },
};

const clamp01 = (t: number) => (t < 0 ? 0 : t > 1 ? 1 : t);
