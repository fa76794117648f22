import type { LayerActivation } from '../../../../shared/protocol/trainer';
import { VIRIDIS } from './colormap';

/** An RGBA image in memory, the shape of the DOM's ImageData (which jsdom and Node lack). */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export const newPixels = (width: number, height: number): Pixels => ({
  width,
  height,
  data: new Uint8ClampedArray(Math.max(0, width * height * 4)),
});

/** Integer upscale so the longer side of a w×h map is about `target` pixels (at least 1×). */
export const cellScale = (w: number, h: number, target: number) => Math.max(1, Math.round(target / Math.max(1, w, h)));

export interface GridLayout {
  cols: number;
  rows: number;
  scale: number;
  gap: number;
}

/** How a layer's channels tile: up to `maxCols` per row, each cell scaled to about `cell` pixels. */
export function gridLayout(
  layer: Pick<LayerActivation, 'channels' | 'height' | 'width'>,
  cell: number,
  maxCols: number,
  gap = 2,
): GridLayout {
  const cols = Math.max(1, Math.min(layer.channels, maxCols));
  return { cols, rows: Math.ceil(layer.channels / cols), scale: cellScale(layer.width, layer.height, cell), gap };
}

/**
 * A layer's channels as a grid of heatmaps (channels × height × width bytes, each mapped through
 * `lut`), nearest-neighbour upscaled by an integer so the cells stay crisp, `gap` pixels apart.
 * Gaps are transparent so the page background shows through.
 */
export function activationGrid(
  layer: LayerActivation,
  layout: GridLayout,
  lut: Uint8ClampedArray = VIRIDIS,
  maxChannels = layer.channels,
): Pixels {
  const { cols, scale, gap } = layout;
  const channels = Math.min(layer.channels, maxChannels);
  const rows = Math.ceil(channels / cols);
  const cw = layer.width * scale;
  const ch = layer.height * scale;
  const out = newPixels(cols * cw + (cols - 1) * gap, rows * ch + (rows - 1) * gap);
  const plane = layer.width * layer.height;
  for (let c = 0; c < channels; c++) {
    const ox = (c % cols) * (cw + gap);
    const oy = Math.floor(c / cols) * (ch + gap);
    for (let y = 0; y < ch; y++) {
      const src = c * plane + Math.floor(y / scale) * layer.width;
      let o = ((oy + y) * out.width + ox) * 4;
      for (let x = 0; x < cw; x++, o += 4) {
        const l = layer.data[src + Math.floor(x / scale)] * 3;
        out.data[o] = lut[l];
        out.data[o + 1] = lut[l + 1];
        out.data[o + 2] = lut[l + 2];
        out.data[o + 3] = 255;
      }
    }
  }
  return out;
}

/** A 1-D layer (height 1): one row of pixels per channel, at native width (CSS stretches it). */
export function activationStrip(
  layer: LayerActivation,
  lut: Uint8ClampedArray = VIRIDIS,
  maxChannels = layer.channels,
): Pixels {
  const channels = Math.min(layer.channels, maxChannels);
  const out = newPixels(layer.width, channels);
  for (let i = 0; i < channels * layer.width; i++) {
    const l = layer.data[i] * 3;
    out.data[i * 4] = lut[l];
    out.data[i * 4 + 1] = lut[l + 1];
    out.data[i * 4 + 2] = lut[l + 2];
    out.data[i * 4 + 3] = 255;
  }
  return out;
}

export const isStrip = (layer: Pick<LayerActivation, 'height'>) => layer.height <= 1;

/**
 * One dataset example (flattened, channels last) as an image: one channel in grey, two or more as
 * RGB from the first three (a missing blue stays 0). Each channel shown is stretched to its own
 * min/max in this image, so faint astronomical images and 0–255 digits both fill the range.
 */
export function exampleImage(x: ArrayLike<number>, shape: readonly number[]): Pixels {
  const [h, w, c = 1] =
    shape.length >= 3 ? shape : shape.length === 2 ? [shape[0], shape[1], 1] : [1, shape[0] ?? x.length, 1];
  const out = newPixels(w, h);
  const shown = Math.min(c, 3);
  const lo = new Array<number>(shown).fill(Infinity);
  const hi = new Array<number>(shown).fill(-Infinity);
  for (let p = 0; p < w * h; p++) {
    for (let k = 0; k < shown; k++) {
      const v = x[p * c + k];
      if (v < lo[k]) lo[k] = v;
      if (v > hi[k]) hi[k] = v;
    }
  }
  for (let p = 0; p < w * h; p++) {
    const o = p * 4;
    for (let k = 0; k < 3; k++) {
      const src = shown === 1 ? 0 : k;
      if (src >= shown) continue;
      const range = hi[src] - lo[src];
      out.data[o + k] = range > 0 ? ((x[p * c + src] - lo[src]) / range) * 255 : 0;
    }
    out.data[o + 3] = 255;
  }
  return out;
}

/**
 * Draws pixels into a canvas, sizing it to them. No-op where canvases cannot draw (jsdom), so
 * components render the same in tests.
 */
export function paint(canvas: HTMLCanvasElement | null, pixels: Pixels): void {
  if (!canvas || pixels.width === 0 || pixels.height === 0) return;
  if (canvas.width !== pixels.width) canvas.width = pixels.width;
  if (canvas.height !== pixels.height) canvas.height = pixels.height;
  const ctx = canDraw() ? canvas.getContext('2d') : null;
  if (!ctx) return;
  const image = ctx.createImageData(pixels.width, pixels.height);
  image.data.set(pixels.data);
  ctx.putImageData(image, 0, 0);
}

let drawable: boolean | undefined;
/** Whether this environment's canvas has a 2-D context (jsdom's has none). */
export function canDraw(): boolean {
  if (drawable === undefined) {
    try {
      drawable = typeof document !== 'undefined' && !!document.createElement('canvas').getContext('2d');
    } catch {
      drawable = false;
    }
  }
  return drawable;
}
