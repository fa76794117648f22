import type { BoundaryOutput, NeuronMaps } from '../../../../shared/protocol/trainer';
import { classColor } from '../classColors';
import { newPixels, type Pixels } from '../activations/pixels';

/**
 * Colours of the decision boundary, as TensorFlow Playground draws it: each class's colour (the
 * dashboard's class colours: blue for class 0, orange for class 1, …) fading to white where the
 * network is unsure, so the boundary is the white seam between the colours.
 */

type Rgb = [number, number, number];

/** "#4e79a7" as [78, 121, 167]. */
export function hexRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** How strongly a sure cell is coloured (below 1, so the points on top stay visible). */
const STRENGTH = 0.85;

/** White blended toward `rgb` by `t` (0 … 1). */
function tint(rgb: Rgb, t: number): Rgb {
  const a = Math.max(0, Math.min(1, t)) * STRENGTH;
  return [255 + (rgb[0] - 255) * a, 255 + (rgb[1] - 255) * a, 255 + (rgb[2] - 255) * a];
}

/** A two-sided byte (128 = the middle) as class 0's colour below the middle and class 1's above. */
export function twoSided(byte: number): Rgb {
  const s = (byte - 127.5) / 127.5;
  return s < 0 ? tint(hexRgb(classColor(0)), -s) : tint(hexRgb(classColor(1)), s);
}

/** A value with its range as a two-sided colour about 0 (a neuron, a regression output). */
function aboutZero(byte: number, min: number, max: number): Rgb {
  const v = min + (byte / 255) * (max - min);
  const reach = Math.max(Math.abs(min), Math.abs(max)) || 1;
  return twoSided(127.5 + (v / reach) * 127.5);
}

/** A value as a CSS colour on the two-sided scale of a range (regression points over their map). */
export function valueColor(v: number, min: number, max: number): string {
  const reach = Math.max(Math.abs(min), Math.abs(max)) || 1;
  const [r, g, b] = twoSided(127.5 + Math.max(-1, Math.min(1, v / reach)) * 127.5).map(Math.round);
  return `rgb(${r}, ${g}, ${b})`;
}

/** The colour of one cell of the output. */
export function outputColor(output: BoundaryOutput, i: number, classes: number): Rgb {
  const b = output.data[i];
  switch (output.kind) {
    case 'probability':
    case 'score':
      return twoSided(b);
    case 'value':
      return aboutZero(b, output.min, output.max);
    case 'classes': {
      // Confidence 1/k (a guess) is white; 1 is the class's full colour.
      const p = (output.confidence?.[i] ?? 255) / 255;
      const floor = 1 / Math.max(2, classes);
      return tint(hexRgb(classColor(b)), (p - floor) / (1 - floor));
    }
  }
}

function fill(size: number, color: (i: number) => Rgb): Pixels {
  const px = newPixels(size, size);
  for (let i = 0; i < size * size; i++) {
    const [r, g, b] = color(i);
    px.data[i * 4] = r;
    px.data[i * 4 + 1] = g;
    px.data[i * 4 + 2] = b;
    px.data[i * 4 + 3] = 255;
  }
  return px;
}

/** The output over the plane as pixels, one per grid cell (row 0 at the top). */
export function boundaryPixels(output: BoundaryOutput, size: number, classes: number): Pixels {
  return fill(size, (i) => outputColor(output, i, classes));
}

/** One hidden unit's map as pixels, coloured about zero with its layer's range. */
export function neuronPixels(maps: NeuronMaps, unit: number): Pixels {
  const cells = maps.size * maps.size;
  return fill(maps.size, (i) => aboutZero(maps.data[unit * cells + i], maps.min, maps.max));
}

/** Where a point of the plane falls on a picture `side` pixels wide, as [left, top]. */
export function toPicture(
  extent: { x: [number, number]; y: [number, number] },
  side: number,
  x1: number,
  x2: number,
): [number, number] {
  const [x0, xe] = extent.x;
  const [y0, ye] = extent.y;
  return [((x1 - x0) / (xe - x0)) * side, ((ye - x2) / (ye - y0)) * side];
}
