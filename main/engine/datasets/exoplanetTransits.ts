/**
 * `exoplanet-transits`: Kepler-like light curves with and without a planetary transit, after Pearson,
 * Palafox & Griffith (2018, MNRAS 474, 478). Shape [length, 1], one point per 29.4 min (Kepler long
 * cadence), default 256 points ≈ 5.2 days.
 *
 * Per example:
 * - Star: rotational modulation (spots) — a sinusoid plus its first harmonic, amplitude 10⁻⁴–10⁻²
 *   (log-uniform), rotation period 1–30 d; red noise as an AR(1) process (time scale 0.1–1 d,
 *   σ 5·10⁻⁵–10⁻³); white noise σ 10⁻⁴–2·10⁻³.
 * - Planet (half of the examples): radius ratio p 0.02–0.15 (log-uniform; depth ≈ p², 0.04 %–2 %),
 *   impact parameter 0–0.9, duration 1.5–10 h, period 0.8–10 d, quadratic limb darkening
 *   u1 0.2–0.6, u2 0.1–0.3; at least one transit lies wholly inside the window.
 * Normalisation: flux divided by its median, minus 1, in per cent. Values lie in about [−5, 5].
 * Shallow transits on noisy, spotted stars are meant to be hard.
 */
import { type DatasetDefinition } from './definition';
import { generateExamples } from './generateExamples';
import { numParam } from './resolveParams';
import { balancedBinaryLabel, hashString } from './rng';
import { transitAt } from './transitModel';

const CADENCE_DAYS = 29.4 / (60 * 24);
const salt = hashString('exoplanet-transits');

export const exoplanetTransitsDataset: DatasetDefinition = {
  info: {
    id: 'exoplanet-transits',
    title: 'Exoplanet transits (Kepler-like light curves)',
    description:
      'Light curves of a star, half with a transiting planet (Pearson et al. 2018). Kepler long cadence (29.4 min), ' +
      '256 points ≈ 5.2 days, shape [256, 1]. Star: spot modulation (amplitude 0.01 %–1 %, rotation 1–30 d), ' +
      'red noise (AR(1), 0.1–1 d) and white noise (0.01 %–0.2 %). Planet: Mandel & Agol small-planet transit with ' +
      'quadratic limb darkening, radius ratio 0.02–0.15 (depth 0.04 %–2 %), impact 0–0.9, duration 1.5–10 h, ' +
      'period 0.8–10 d, at least one full transit in view. Values: flux / median − 1, in per cent.',
    task: 'classification',
    kind: 'series',
    inputShape: [256, 1],
    shapeRule: ['length', 1],
    classNames: ['no transit', 'transit'],
    defaultSize: 2000,
    maxSize: 100_000,
    params: [
      {
        name: 'length',
        type: 'number',
        default: 256,
        min: 64,
        max: 2048,
        integer: true,
        doc: 'Points per light curve (29.4 min apart). Must span at least a 10-hour transit.',
      },
    ],
    references: [
      'Pearson, Palafox & Griffith 2018, MNRAS 474, 478 (searching for exoplanets with AI)',
      'Mandel & Agol 2002, ApJ 580, L171 (transit light curves)',
    ],
  },
  prefixStable: true,
  diskCache: { version: 1 },
  generate({ size, seed, params, signal }) {
    const length = numParam(params, 'length');
    const span = length * CADENCE_DAYS;
    const flux = new Float64Array(length);
    const sorted = new Float64Array(length);
    return generateExamples(
      { size, exampleLength: length, targetLength: 1, seed, salt, signal },
      (rng, index, x, y) => {
        const hasTransit = balancedBinaryLabel(seed, salt, index);
        y[0] = hasTransit;
        const rotAmp = rng.logUniform(1e-4, 1e-2);
        const rotPeriod = rng.uniform(1, 30);
        const phase1 = rng.uniform(0, 2 * Math.PI);
        const phase2 = rng.uniform(0, 2 * Math.PI);
        const harmonic = rng.uniform(0, 0.5);
        const tau = rng.uniform(0.1, 1);
        const redSigma = rng.logUniform(5e-5, 1e-3);
        const whiteSigma = rng.logUniform(1e-4, 2e-3);
        const rho = Math.exp(-CADENCE_DAYS / tau);
        const innovation = redSigma * Math.sqrt(1 - rho * rho);
        const duration = rng.uniform(1.5, 10) / 24;
        const period = rng.uniform(0.8, 10);
        const transit = {
          period,
          duration,
          // First mid-transit placed so that one whole transit fits in the window.
          t0: rng.uniform(duration / 2, Math.max(duration / 2, Math.min(period, span - duration / 2))),
          p: rng.logUniform(0.02, 0.15),
          b: rng.uniform(0, 0.9),
          u1: rng.uniform(0.2, 0.6),
          u2: rng.uniform(0.1, 0.3),
        };
        let red = rng.normal(0, redSigma);
        for (let k = 0; k < length; k++) {
          const t = k * CADENCE_DAYS;
          const w = (2 * Math.PI * t) / rotPeriod;
          const star = 1 + rotAmp * (Math.sin(w + phase1) + harmonic * Math.sin(2 * w + phase2));
          red = rho * red + innovation * rng.normal();
          flux[k] = star * (hasTransit ? transitAt(t, transit) : 1) + red + rng.normal(0, whiteSigma);
        }
        sorted.set(flux);
        sorted.sort();
        const median = sorted[length >> 1];
        for (let k = 0; k < length; k++) x[k] = (flux[k] / median - 1) * 100;
      },
    );
  },
};
