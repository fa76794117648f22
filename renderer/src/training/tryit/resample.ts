/**
 * Area-average resampling of a channels-last image (each output pixel is the mean of the source
 * area it covers, partly covered pixels weighted by how much): anti-aliased when shrinking, as
 * MNIST's digits were made. `step` (source pixels per output pixel, both ways) defaults to fitting
 * the whole source; where an output pixel reaches past the source, the outside counts as 0.
 */
export function resampleArea(
  src: ArrayLike<number>,
  sw: number,
  sh: number,
  channels: number,
  dw: number,
  dh: number,
  step?: number,
): Float32Array {
  const out = new Float32Array(dw * dh * channels);
  const fx = step ?? sw / dw;
  const fy = step ?? sh / dh;
  for (let oy = 0; oy < dh; oy++) {
    const y0 = oy * fy;
    const y1 = y0 + fy;
    for (let ox = 0; ox < dw; ox++) {
      const x0 = ox * fx;
      const x1 = x0 + fx;
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let sy = Math.floor(y0); sy < Math.min(sh, Math.ceil(y1)); sy++) {
          const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
          for (let sx = Math.floor(x0); sx < Math.min(sw, Math.ceil(x1)); sx++) {
            sum += wy * (Math.min(x1, sx + 1) - Math.max(x0, sx)) * src[(sy * sw + sx) * channels + c];
          }
        }
        out[(oy * dw + ox) * channels + c] = sum / (fx * fy);
      }
    }
  }
  return out;
}
