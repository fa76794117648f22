/**
 * Colour lookup tables: 256 RGB entries each, indexed by a quantized byte, so drawing an
 * activation map is one table lookup per pixel.
 */

/**
 * Viridis (perceptually uniform, readable in greyscale and by most colour-blind viewers), from a
 * 6th-degree polynomial fit of matplotlib's table (Matt Zucker's fit; max error about 1%).
 */
const VIRIDIS_COEFFS: readonly (readonly [number, number, number])[] = [
  [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
  [0.1050930431085774, 1.404613529898575, 1.384590162594685],
  [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
  [-4.634230498983486, -5.799100973351585, -19.33244095627987],
  [6.228269936347081, 14.17993336680509, 56.69055260068105],
  [4.776384997670288, -13.74514537774601, -65.35303263337234],
  [-5.435455855934631, 4.645852612178535, 26.3124352495832],
];

function buildLut(f: (t: number) => [number, number, number]): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = f(i / 255);
    lut[i * 3] = Math.round(r * 255);
    lut[i * 3 + 1] = Math.round(g * 255);
    lut[i * 3 + 2] = Math.round(b * 255);
  }
  return lut;
}

function viridisAt(t: number): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    let v = 0;
    for (let k = VIRIDIS_COEFFS.length - 1; k >= 0; k--) v = v * t + VIRIDIS_COEFFS[k][c];
    out[c] = Math.min(1, Math.max(0, v));
  }
  return out;
}

export const VIRIDIS: Uint8ClampedArray = buildLut(viridisAt);
export const GREYS: Uint8ClampedArray = buildLut((t) => [t, t, t]);

/** CSS colour of a LUT entry (for legends). */
export function lutColor(lut: Uint8ClampedArray, byte: number): string {
  const i = Math.max(0, Math.min(255, Math.round(byte))) * 3;
  return `rgb(${lut[i]}, ${lut[i + 1]}, ${lut[i + 2]})`;
}
