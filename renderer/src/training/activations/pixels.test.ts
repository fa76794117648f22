import { describe, expect, it } from 'vitest';
import type { LayerActivation } from '../../../../shared/protocol/trainer';
import { GREYS, VIRIDIS } from './colormap';
import { activationGrid, activationStrip, cellScale, exampleImage, gridLayout } from './pixels';

const layer = (channels: number, height: number, width: number, fill: (i: number) => number): LayerActivation => ({
  nodeId: 'n',
  kind: 'Conv2D',
  shape: [null, height, width, channels],
  channels,
  height,
  width,
  min: 0,
  max: 1,
  data: Uint8Array.from({ length: channels * height * width }, (_, i) => fill(i)),
});

const px = (p: { width: number; data: Uint8ClampedArray }, x: number, y: number) =>
  Array.from(p.data.slice((y * p.width + x) * 4, (y * p.width + x) * 4 + 4));

describe('colormaps', () => {
  it('viridis runs from dark purple to yellow, brightening monotonically', () => {
    // matplotlib's viridis(0) = (68, 1, 84); the polynomial fit is within a few levels.
    [68, 1, 84].forEach((v, i) => expect(Math.abs(VIRIDIS[i] - v)).toBeLessThanOrEqual(4));
    const [r, g, b] = VIRIDIS.slice(255 * 3);
    expect(r).toBeGreaterThan(240);
    expect(g).toBeGreaterThan(220);
    expect(b).toBeLessThan(60);
    const luma = (i: number) => 0.2126 * VIRIDIS[i * 3] + 0.7152 * VIRIDIS[i * 3 + 1] + 0.0722 * VIRIDIS[i * 3 + 2];
    for (let i = 8; i < 256; i += 8) expect(luma(i)).toBeGreaterThan(luma(i - 8));
  });

  it('greys maps a byte to the same grey', () => {
    expect(Array.from(GREYS.slice(128 * 3, 128 * 3 + 3))).toEqual([128, 128, 128]);
  });
});

describe('activation pixels', () => {
  it('scales cells to about the target size, at least 1×', () => {
    expect(cellScale(28, 28, 56)).toBe(2);
    expect(cellScale(3, 3, 40)).toBe(13);
    expect(cellScale(200, 100, 56)).toBe(1);
  });

  it('tiles channels in a grid with gaps, each pixel through the colormap', () => {
    const l = layer(3, 2, 2, (i) => (i < 4 ? 0 : i < 8 ? 255 : 128));
    const layout = gridLayout(l, 4, 2); // scale 2, 2 columns, 2 rows
    expect(layout).toEqual({ cols: 2, rows: 2, scale: 2, gap: 2 });
    const p = activationGrid(l, layout, GREYS);
    expect(p.width).toBe(2 * 4 + 2);
    expect(p.height).toBe(2 * 4 + 2);
    expect(px(p, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(px(p, 4, 0)).toEqual([0, 0, 0, 0]); // the gap is transparent
    expect(px(p, 6, 3)).toEqual([255, 255, 255, 255]); // channel 1
    expect(px(p, 1, 7)).toEqual([128, 128, 128, 255]); // channel 2, second row
    expect(px(p, 7, 7)).toEqual([0, 0, 0, 0]); // no fourth channel
  });

  it('draws a 1-D layer as one row per channel at native width', () => {
    const l = layer(2, 1, 5, (i) => i * 20);
    const p = activationStrip(l, GREYS);
    expect([p.width, p.height]).toEqual([5, 2]);
    expect(px(p, 4, 1)).toEqual([180, 180, 180, 255]);
    expect(activationStrip(l, GREYS, 1).height).toBe(1);
  });
});

describe('example images', () => {
  it('stretches a grey image to its own min/max', () => {
    const p = exampleImage([10, 20, 30, 40], [2, 2, 1]);
    expect(px(p, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(px(p, 1, 1)).toEqual([255, 255, 255, 255]);
  });

  it('shows the first three of five bands as RGB, each stretched on its own', () => {
    // one pixel row of two pixels, 5 channels
    const x = [0, 5, 100, 1, 1, 1, 10, 300, 1, 1];
    const p = exampleImage(x, [1, 2, 5]);
    expect(px(p, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(px(p, 1, 0)).toEqual([255, 255, 255, 255]);
  });

  it('leaves blue empty for a two-channel image', () => {
    const p = exampleImage([0, 0, 1, 1], [1, 2, 2]);
    expect(px(p, 1, 0)).toEqual([255, 255, 0, 255]);
  });
});
