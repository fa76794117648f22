import { describe, expect, it } from 'vitest';
import { digitToInput, takesDigits } from './digitInput';
import { digitPictureToInput, imageToInput, pictureToInput } from './imageInput';
import { resampleArea } from './resample';
import { parseFields, parseRow } from './rowInput';

/** A w × h drawing with a filled rectangle of ink. */
function drawing(w: number, h: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const ink = new Float32Array(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * w + x] = 1;
  return ink;
}

function box(values: Float32Array, side = 28) {
  let x0 = side,
    y0 = side,
    x1 = -1,
    y1 = -1,
    mx = 0,
    my = 0,
    m = 0;
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const v = values[y * side + x];
      if (v > 0) [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  return { w: x1 - x0 + 1, h: y1 - y0 + 1, cx: mx / m, cy: my / m };
}

describe('digitToInput (drawing → MNIST-like 28 × 28)', () => {
  it('a stroke drawn in a corner is scaled to 20 px tall and centred by its centre of mass', () => {
    // A tall bar (like a "1") in the top-left corner of a 280 × 280 pad.
    const x = digitToInput(drawing(280, 280, 10, 10, 40, 130), 280, 280)!;
    expect(x).toHaveLength(784);
    const b = box(x);
    expect(b.h).toBe(20);
    expect(b.w).toBe(5);
    expect(Math.abs(b.cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(b.cy - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...x)).toBeLessThanOrEqual(1);
  });

  it('is anti-aliased: edges that cover part of a pixel get grey values', () => {
    const x = digitToInput(drawing(280, 280, 100, 50, 133, 250), 280, 280)!;
    expect(x.some((v) => v > 0.05 && v < 0.95)).toBe(true);
  });

  it('an empty pad gives null (nothing to predict)', () => {
    expect(digitToInput(new Float32Array(100), 10, 10)).toBeNull();
  });

  it('offers the pad only for 28 × 28 × 1 inputs', () => {
    expect(takesDigits([28, 28, 1])).toBe(true);
    expect(takesDigits([28, 28, 3])).toBe(false);
    expect(takesDigits([784])).toBe(false);
  });
});

describe('resampleArea and imageToInput', () => {
  it('averages the covered area', () => {
    expect(Array.from(resampleArea([0, 1, 1, 1], 2, 2, 1, 1, 1))).toEqual([0.75]);
  });

  it('a colour picture becomes grey 0…1 at the Input size, or stays RGB for three channels', () => {
    const w = 4,
      h = 2;
    const rgba = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set([255, 0, 0, 255], i * 4); // all red
    const grey = imageToInput(rgba, w, h, [1, 2, 1]);
    expect(grey).toHaveLength(2);
    expect(grey[0]).toBeCloseTo(0.299, 5);
    const rgb = imageToInput(rgba, w, h, [1, 2, 3]);
    expect(Array.from(rgb)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(() => imageToInput(rgba, w, h, [10])).toThrow(/not a picture/);
  });
});

describe('row parsing', () => {
  it('reads a pasted CSV or spreadsheet row', () => {
    expect(parseRow('5.1, 3.5,1.4\t0.2', 4)).toEqual({ values: [5.1, 3.5, 1.4, 0.2] });
    expect(parseRow(' -1e-3 ; 2 ', 2)).toEqual({ values: [-0.001, 2] });
  });

  it('says which entry is not a number and how many are missing', () => {
    expect(parseRow('1, two, 3', 3)).toEqual({ error: 'Entry 2, "two", is not a number.' });
    expect(parseRow('1 2', 3)).toEqual({
      error: 'The network takes 3 numbers, but this row has 2. Add the missing ones.',
    });
    expect(parseRow('   ', 3)).toMatchObject({ error: expect.stringMatching(/Type or paste 3 numbers/) });
    expect(parseRow('1 2 3 4', 3)).toMatchObject({ error: expect.stringMatching(/Remove the extra/) });
  });

  it('one field per feature: names the field that is empty or not a number; a decimal comma is read', () => {
    const names = ['sepal_length', 'sepal_width'];
    expect(parseFields(['5,1', '3.5'], names)).toEqual({ values: [5.1, 3.5] });
    expect(parseFields(['5.1', ''], names)).toEqual({ error: 'Type a number for sepal_width.' });
    expect(parseFields(['abc', '1'], names)).toMatchObject({
      error: expect.stringMatching(/"abc" \(sepal_length\) is not a number/),
    });
    expect(parseFields(['Infinity', '1'], names)).toMatchObject({ error: expect.stringMatching(/not a number/) });
  });
});

describe('a picture of a digit', () => {
  it('dark ink on white paper becomes the same 28 × 28 input as the same digit drawn light on black', () => {
    const w = 60;
    const h = 60;
    const ink = drawing(w, h, 20, 5, 30, 55);
    const paper = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) paper.set([255 * (1 - ink[i]), 255 * (1 - ink[i]), 255 * (1 - ink[i]), 255], i * 4);
    const fromPaper = digitPictureToInput(paper, w, h)!;
    const drawn = digitToInput(ink, w, h)!;
    fromPaper.forEach((v, i) => expect(v).toBeCloseTo(drawn[i], 5));
    expect(pictureToInput(paper, w, h, [28, 28, 1])).toEqual(fromPaper);
    // Grey paper shading is not ink: the digit's box stays the digit's.
    const shaded = paper.map((v, i) => (i % 4 === 3 || v < 128 ? v : 215));
    expect(digitPictureToInput(shaded, w, h)).toEqual(fromPaper);
    // A blank page has no digit.
    expect(digitPictureToInput(new Uint8Array(w * h * 4).fill(255), w, h)).toBeNull();
  });
});
