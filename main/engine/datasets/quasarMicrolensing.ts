/**
 * `quasar-microlensing`: light curves of a microlensed quasar image with the accretion-disc size as
 * the regression target, after Vernardos & Tsagkatakis (2019, MNRAS 486, 1944).
 *
 * Stars in the lensing galaxy create a network of caustics; as the quasar moves behind them its
 * brightness spikes at each caustic crossing, and a larger disc smooths the spikes more. Instead of
 * shooting rays through a full magnification map (minutes per map), each light curve samples a cheap
 * 1-D stand-in along a track 10 Einstein radii (R_E) long:
 * - a smooth magnification 1–4;
 * - caustic regions (Poisson, mean 3; width 0.05–1.5 R_E): fold caustics at both edges, where the
 *   point-source magnification diverges as d^(−1/2) (d = distance inside the fold; Schneider & Weiss
 *   1987), plus the extra pair of images' constant boost inside;
 * - Paczyński-like bumps of isolated stars (Poisson, mean 2).
 * The source is a face-on disc with a Gaussian profile of half-light radius r½ (Mortonson et al.
 * 2005: microlensing light curves depend on a disc's half-light radius, hardly on its profile); its
 * 1-D projection on the track is a Gaussian of σ = r½ / 1.1774, convolved with the map on a 0.0025 R_E
 * grid (cell-averaged, so the fold singularities stay finite).
 * Observations: `length` evenly spaced epochs, magnitudes with Gaussian errors 0.005–0.05 mag; the
 * stored value is the magnitude minus its mean (so the unknown macro-magnification drops out).
 * Target: log10(r½ / R_E), r½ log-uniform in 0.02–0.5 R_E, i.e. −1.7 … −0.3.
 */
import { type DatasetDefinition } from './definition';
import { generateExamples } from './generateExamples';
import { numParam } from './resolveParams';
import { type Rng, hashString } from './rng';

const TRACK = 10; // R_E
const GRID = 0.0025; // R_E
const MAX_HALF_LIGHT = 0.5;
const GAUSS_HALF_LIGHT = Math.sqrt(2 * Math.LN2); // r½ / σ of a 2-D Gaussian
/*
 * Margin on each side of the track: the widest source kernel's reach (4σ of r½ = 0.5) in whole
 * cells, plus one. It was 4σ exactly, and the first epoch of a source near r½ = 0.5 then rounded
 * to cell −1: an undefined magnification made that light curve all NaN, and one NaN example in a
 * batch turned the first layer's weights into NaN (behind a ReLU the loss stayed finite, so the
 * template silently predicted the mean).
 */
const PAD = (Math.ceil((4 * MAX_HALF_LIGHT) / GAUSS_HALF_LIGHT / GRID) + 1) * GRID;
const CELLS = Math.ceil((TRACK + 2 * PAD) / GRID);
const salt = hashString('quasar-microlensing');

/** Point-source magnification along the track, cell-averaged, on the grid x_j = −PAD + j·GRID. */
function magnificationMap(rng: Rng, mu: Float64Array): void {
  mu.fill(rng.uniform(1, 4));
  const at = (j: number) => -PAD + j * GRID;
  // Mean of d^(−1/2) over the cell [d0, d0 + GRID], finite even on the caustic itself. Both roots
  // are clamped: on the far fold's last cell d0 + GRID can round to just below 0.
  const foldCell = (d0: number) => (2 * (Math.sqrt(Math.max(0, d0 + GRID)) - Math.sqrt(Math.max(0, d0)))) / GRID;
  const regions = rng.poisson(3);
  for (let k = 0; k < regions; k++) {
    const start = rng.uniform(-1, TRACK + 1);
    const width = rng.logUniform(0.05, 1.5);
    const strengthIn = rng.uniform(0.2, 1);
    const strengthOut = rng.uniform(0.2, 1);
    const boost = rng.uniform(0.5, 2);
    const j0 = Math.max(0, Math.ceil((start + PAD) / GRID));
    const j1 = Math.min(CELLS - 1, Math.floor((start + width + PAD) / GRID));
    for (let j = j0; j <= j1; j++) {
      const x = at(j);
      mu[j] += boost + strengthIn * foldCell(x - start) + strengthOut * foldCell(start + width - x - GRID);
    }
  }
  const bumps = rng.poisson(2);
  for (let k = 0; k < bumps; k++) {
    const centre = rng.uniform(-1, TRACK + 1);
    const impact = rng.uniform(0.05, 0.8);
    const scale = rng.uniform(0.3, 1);
    for (let j = 0; j < CELLS; j++) {
      const u = Math.hypot(impact, at(j) - centre) / scale;
      mu[j] += (u * u + 2) / (u * Math.sqrt(u * u + 4)) - 1;
    }
  }
}

export const quasarMicrolensingDataset: DatasetDefinition = {
  info: {
    id: 'quasar-microlensing',
    title: 'Quasar microlensing: accretion-disc size',
    description:
      'Microlensing light curves of a lensed quasar; target log10(r½/R_E) of the accretion disc, −1.7 … −0.3 ' +
      '(Vernardos & Tsagkatakis 2019). Cheap 1-D magnification along a 10 R_E track: smooth magnification, caustic ' +
      'regions bounded by fold caustics (magnification ∝ d^−½), isolated-star bumps. The disc (Gaussian profile, ' +
      'half-light radius r½) smooths the caustic spikes. 256 evenly spaced epochs, shape [256, 1], magnitude errors ' +
      '0.005–0.05 mag; values are magnitudes minus their mean.',
    task: 'regression',
    kind: 'series',
    inputShape: [256, 1],
    shapeRule: ['length', 1],
    targetNames: ['log10HalfLightRadius'],
    defaultSize: 2000,
    maxSize: 100_000,
    params: [{ name: 'length', type: 'number', default: 256, min: 32, max: 2048, integer: true, doc: 'Epochs.' }],
    references: [
      'Vernardos & Tsagkatakis 2019, MNRAS 486, 1944 (quasar microlensing light curves with deep learning)',
      'Schneider & Weiss 1987, A&A 171, 49 (fold caustics); Mortonson, Schechter & Wambsganss 2005, ApJ 628, 594',
    ],
  },
  prefixStable: true,
  diskCache: { version: 1 },
  generate({ size, seed, params, signal }) {
    const length = numParam(params, 'length');
    const mu = new Float64Array(CELLS);
    const mags = new Float64Array(length);
    return generateExamples({ size, exampleLength: length, targetLength: 1, seed, salt, signal }, (rng, _i, x, y) => {
      const halfLight = rng.logUniform(0.02, MAX_HALF_LIGHT);
      const sigma = halfLight / GAUSS_HALF_LIGHT;
      const magError = rng.logUniform(0.005, 0.05);
      magnificationMap(rng, mu);
      const reach = Math.ceil((4 * sigma) / GRID);
      const kernel = new Float64Array(2 * reach + 1);
      let kernelSum = 0;
      for (let d = -reach; d <= reach; d++) {
        kernel[d + reach] = Math.exp(-0.5 * ((d * GRID) / sigma) ** 2);
        kernelSum += kernel[d + reach];
      }
      let mean = 0;
      for (let k = 0; k < length; k++) {
        const start = Math.round(((k / (length - 1)) * TRACK + PAD) / GRID) - reach;
        let sum = 0;
        for (let d = 0; d < kernel.length; d++) sum += kernel[d] * mu[start + d];
        mags[k] = -2.5 * Math.log10(sum / kernelSum) + rng.normal(0, magError);
        mean += mags[k];
      }
      mean /= length;
      for (let k = 0; k < length; k++) x[k] = mags[k] - mean;
      y[0] = Math.log10(halfLight);
    });
  },
};
