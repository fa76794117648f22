import { describe, expect, it } from 'vitest';
import { encodeOutput, gridInputs, neuronTiles, planeExtent, quantize } from './boundaryGrid';

describe('the plane of the decision boundary', () => {
  it('is the points’ range plus a tenth on each side; a flat axis gets ±1', () => {
    expect(planeExtent([-5, 0, 5, 10, 1, 2])).toEqual({ x: [-6, 6], y: [-1, 11] });
    expect(planeExtent([3, 7, 3, 7])).toEqual({ x: [2, 4], y: [6, 8] });
    expect(planeExtent([])).toEqual({ x: [-1, 1], y: [-1, 1] });
    expect(planeExtent([NaN, 1, 2, Infinity, 4, 3])).toEqual({ x: [1.8, 4.2], y: [0.8, 3.2] });
  });

  it('has its grid cell centres row by row, the top row at the largest x2', () => {
    const g = gridInputs({ x: [0, 4], y: [0, 2] }, 2);
    // Row 0 (top): x2 = 1.5; row 1: x2 = 0.5. Columns: x1 = 1, 3.
    expect(Array.from(g)).toEqual([1, 1.5, 3, 1.5, 1, 0.5, 3, 0.5]);
  });
});

describe('the output over the plane as bytes', () => {
  it('quantizes between min and max, clamped; an empty range is all zeros', () => {
    expect(Array.from(quantize([0, 0.5, 1, 2, -1], 0, 1))).toEqual([0, 128, 255, 255, 0]);
    expect(Array.from(quantize([3, 3], 3, 3))).toEqual([0, 0]);
  });

  it('reads a sigmoid as a probability × 255', () => {
    const o = encodeOutput(Float32Array.from([0, 0.25, 1]), 1, { kind: 'probability' });
    expect(o).toMatchObject({ kind: 'probability', min: 0, max: 1 });
    expect(Array.from(o.data)).toEqual([0, 64, 255]);
  });

  it('puts a hinge margin’s threshold in the middle of a symmetric range', () => {
    const o = encodeOutput(Float32Array.from([-0.5, 0, 2]), 1, { kind: 'score', threshold: 0 });
    expect(o).toMatchObject({ kind: 'score', min: -2, max: 2, threshold: 0 });
    expect(Array.from(o.data)).toEqual([96, 128, 255]);
  });

  it('colours several classes by the winner and its confidence (a softmax when not probabilities)', () => {
    const probs = encodeOutput(Float32Array.from([0.1, 0.75, 0.15, 0.5, 0.3, 0.2]), 3, {
      kind: 'classes',
      probabilities: true,
    });
    expect(Array.from(probs.data)).toEqual([1, 0]);
    expect(Array.from(probs.confidence!)).toEqual([191, 128]);
    const logits = encodeOutput(Float32Array.from([0, 0, 5, 0]), 2, { kind: 'classes', probabilities: false });
    expect(Array.from(logits.data)).toEqual([0, 0]);
    // softmax(0, 0) = 0.5; softmax(5, 0)[0] = 0.9933.
    expect(Array.from(logits.confidence!)).toEqual([128, 253]);
  });

  it('spans a regression value over its own range', () => {
    const o = encodeOutput(Float32Array.from([-1, 0, 3]), 1, { kind: 'value' });
    expect(o).toMatchObject({ kind: 'value', min: -1, max: 3 });
    expect(Array.from(o.data)).toEqual([0, 64, 255]);
  });

  it('takes every second cell of each unit for the neuron tiles', () => {
    // A 4 × 4 grid of 2 units: unit 0 = the cell's index, unit 1 = minus it.
    const values = new Float32Array(32);
    for (let i = 0; i < 16; i++) [values[2 * i], values[2 * i + 1]] = [i, -i];
    expect(Array.from(neuronTiles(values, 2, 4, 2))).toEqual([0, 2, 8, 10, -0, -2, -8, -10]);
  });
});
