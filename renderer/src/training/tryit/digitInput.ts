import { resampleArea } from './resample';

/** MNIST's digits: the ink's box scaled to fit 20 × 20, in a 28 × 28 picture, centred by its centre of mass. */
const SIDE = 28;
const BOX = 20;
/** Ink fainter than this is not part of the digit's box (a stray smudge of anti-aliasing). */
const INK = 0.05;

/**
 * A drawing (ink 0…1 per pixel, row-major, `w` × `h`, white ink on black as MNIST's) made into the
 * 784 values an MNIST network takes, the way the MNIST digits were made: the ink's bounding box
 * scaled (aspect kept, area-averaged, so anti-aliased) to fit 20 × 20, put in a 28 × 28 picture so
 * its centre of mass is the centre. Null when nothing is drawn.
 */
export function digitToInput(ink: ArrayLike<number>, w: number, h: number): Float32Array | null {
  let x0 = w;
  let y0 = h;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (ink[y * w + x] > INK) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const crop = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) crop[y * bw + x] = ink[(y0 + y) * w + x0 + x];
  const scale = BOX / Math.max(bw, bh);
  // The exact scale, so a stroke's edge that covers part of a pixel gives a grey pixel.
  const dw = Math.max(1, Math.ceil(bw * scale));
  const dh = Math.max(1, Math.ceil(bh * scale));
  const small = resampleArea(crop, bw, bh, 1, dw, dh, 1 / scale);
  // Centre of mass of the scaled digit, then the offset that puts it at the picture's centre.
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < dh; y++)
    for (let x = 0; x < dw; x++) {
      const v = small[y * dw + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  const clamp = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  const ox = clamp(Math.round(SIDE / 2 - mx / mass), SIDE - dw);
  const oy = clamp(Math.round(SIDE / 2 - my / mass), SIDE - dh);
  const out = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < dh; y++)
    for (let x = 0; x < dw; x++) out[(oy + y) * SIDE + ox + x] = Math.min(1, small[y * dw + x]);
  return out;
}

/** Whether a network's Input takes MNIST-like pictures (28 × 28, one channel): the drawing pad is offered. */
export const takesDigits = (shape: readonly number[] | undefined): boolean =>
  !!shape && shape.length === 3 && shape[0] === SIDE && shape[1] === SIDE && shape[2] === 1;
