/**
 * The ten patterns of the `shapes` dataset as coverage functions of a pixel's position in the
 * pattern's own frame. Objects (circle … cross) take (u, v) in units of the object's radius, centred
 * on it; textures (stripes, checkerboard, dots, gradient) take (u, v) in units of their period (the
 * gradient: of the image side). Each returns how much of the foreground colour the pixel shows, 0…1.
 */

export const SHAPE_CLASSES = [
  'circle',
  'square',
  'triangle',
  'star',
  'ring',
  'cross',
  'stripes',
  'checkerboard',
  'dots',
  'gradient',
] as const;

/** Classes drawn as one object at a position (the others fill the whole picture). */
export const OBJECT_CLASS_COUNT = 6;

const COS30 = Math.cos(Math.PI / 6);
const STAR_POINTS = 5;
const STAR_INNER = 0.45;

/** Fractional part in [0, 1), also for negative numbers. */
const frac = (t: number) => t - Math.floor(t);

function star(u: number, v: number): number {
  const r = Math.sqrt(u * u + v * v);
  if (r >= 1) return 0;
  if (r < STAR_INNER) return 1;
  const t = frac((Math.atan2(v, u) / (2 * Math.PI)) * STAR_POINTS + 0.25);
  return r < STAR_INNER + (1 - STAR_INNER) * Math.abs(1 - 2 * t) ? 1 : 0;
}

/**
 * Coverage of class `cls` at (u, v); one function with a switch rather than ten closures, so the
 * per-pixel call site stays monomorphic (fast) in V8.
 */
export function coverage(cls: number, u: number, v: number): number {
  switch (cls) {
    case 0: // circle: the unit disc
      return u * u + v * v < 1 ? 1 : 0;
    case 1: // square: side 1.6 (corners at radius 1.13)
      return Math.abs(u) < 0.8 && Math.abs(v) < 0.8 ? 1 : 0;
    case 2: // triangle: equilateral, circumradius 1, pointing up before rotation
      return v < 0.5 && COS30 * u - 0.5 * v < 0.5 && -COS30 * u - 0.5 * v < 0.5 ? 1 : 0;
    case 3: // star: five points, the radius swinging between STAR_INNER and 1 with the angle
      return star(u, v);
    case 4: {
      // ring: an annulus 0.6 … 1
      const r2 = u * u + v * v;
      return r2 < 1 && r2 > 0.36 ? 1 : 0;
    }
    case 5: // cross: a plus sign of arms 0.6 wide
      return (Math.abs(u) < 0.3 && Math.abs(v) < 1) || (Math.abs(v) < 0.3 && Math.abs(u) < 1) ? 1 : 0;
    case 6: // stripes: half of each period
      return frac(u) < 0.5 ? 1 : 0;
    case 7: // checkerboard
      return (Math.floor(u) + Math.floor(v)) & 1 ? 1 : 0;
    case 8: {
      // dots: a disc of radius 0.3 in each cell
      const a = frac(u) - 0.5;
      const b = frac(v) - 0.5;
      return a * a + b * b < 0.09 ? 1 : 0;
    }
    default: // gradient: background on one side of the picture, foreground on the other
      return Math.min(1, Math.max(0, u + 0.5));
  }
}
