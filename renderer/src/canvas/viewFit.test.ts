import { describe, expect, it } from 'vitest';
import { READABLE_FIT_ZOOM, fittedViewport, isAtViewport, readableViewport } from './viewFit';

const size = { width: 800, height: 300 };
const top = { x: 0, width: 200 };

describe('readableViewport', () => {
  it('fits a graph that fits at a readable zoom, exactly as a plain fit', () => {
    const xor = { x: 0, y: 0, width: 200, height: 300 };
    expect(readableViewport(xor, size, top)).toEqual(fittedViewport(xor, size));
    expect(readableViewport(xor, size, top).zoom).toBeGreaterThanOrEqual(READABLE_FIT_ZOOM);
  });

  // Regression: LeNet-5 (10 nodes) fitted above the open Train panel came out too small to read.
  it('shows a tall graph from its top at the readable zoom, centred on it', () => {
    const lenet = { x: 0, y: 40, width: 200, height: 1200 };
    const v = readableViewport(lenet, size, top);
    expect(v.zoom).toBe(READABLE_FIT_ZOOM);
    expect(v.y + lenet.y * v.zoom).toBe(24); // the top node just below the canvas's top edge
    expect(v.x + (lenet.x + lenet.width / 2) * v.zoom).toBe(size.width / 2);
  });

  it('centres a graph too wide for the view on its top node', () => {
    const wide = { x: -1000, y: 0, width: 3000, height: 900 };
    const v = readableViewport(wide, size, { x: 400, width: 200 });
    expect(v.zoom).toBe(READABLE_FIT_ZOOM);
    expect(v.x + 500 * v.zoom).toBe(size.width / 2);
  });
});

describe('isAtViewport', () => {
  it('matches a view within rounding, and nothing when there is no viewport', () => {
    expect(isAtViewport([10.4, 20, 0.6], { x: 10, y: 20.3, zoom: 0.6 })).toBe(true);
    expect(isAtViewport([14, 20, 0.6], { x: 10, y: 20, zoom: 0.6 })).toBe(false);
    expect(isAtViewport([10, 20, 0.7], { x: 10, y: 20, zoom: 0.6 })).toBe(false);
    expect(isAtViewport([10, 20, 0.6], null)).toBe(false);
  });
});
