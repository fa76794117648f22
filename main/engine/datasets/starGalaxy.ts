/**
 * `star-galaxy`: SDSS-like five-band (u g r i z) cutouts of stars and galaxies, after the data of
 * Kim & Brunner (2017, MNRAS 464, 4463): 44×44 pixels at 0.396″/pixel, channels-last [44, 44, 5].
 *
 * Physics, per example:
 * - Seeing: Moffat PSF, β = 3, FWHM uniform in 1.0″–1.8″ (the same in every band, a simplification).
 * - Brightness: r-band magnitude uniform in 16–22; SDSS's 95 % point-source limits are r ≈ 22.2, so
 *   the faint end is close to the noise and small galaxies there look like stars.
 * - Stars: PSF only; colours along the main-sequence stellar locus (Covey et al. 2007, approximately)
 *   parametrised by g−r ∈ [−0.2, 1.6] with 0.05 mag scatter.
 * - Galaxies: Sérsic profile (index n ∈ [0.5, 6], half-light radius 0.3″–3″ log-uniform, axis ratio
 *   0.2–1, random angle) convolved with the PSF; colours from a blue-cloud → red-sequence mix.
 * - Noise: dark-sky SDSS sky brightness per band, Poisson photon noise, 5 e⁻ read noise.
 * - Position: sub-pixel offsets up to ±1 pixel from the stamp centre.
 * Normalisation: per band, sky subtracted, divided by sky σ, then asinh(S/N / 3) (photometry.ts).
 * Values lie in about [−2, 7].
 */
import { type DatasetDefinition } from './definition';
import { generateExamples } from './generateExamples';
import { addMoffat, convolveInto, moffatKernel, psfRadius } from './psf';
import { magToElectrons, observeAndStretch } from './photometry';
import { numParam } from './resolveParams';
import { type Rng, balancedBinaryLabel, hashString } from './rng';
import { addSersic } from './sersic';

const PIXEL_SCALE = 0.396; // arcsec per pixel (SDSS)
const PSF_BETA = 3;
const READ_NOISE = 5; // electrons
const BANDS = ['u', 'g', 'r', 'i', 'z'] as const;
/**
 * Dark-sky brightness (mag/arcsec², SDSS) and zero points chosen so that the 5σ point-source depth
 * in 1.4″ seeing matches SDSS's quoted limits (u 22.0, g 22.2, r 22.2, i 21.3, z 20.5).
 */
const SKY_MAG = [22.1, 21.8, 20.9, 20.2, 18.9];
const ZERO_POINT = [27.0, 27.7, 28.6, 27.4, 27.2];

/** u g r i z magnitudes from an r magnitude and the colours u−g, g−r, r−i, i−z. */
function bandMagnitudes(r: number, ug: number, gr: number, ri: number, iz: number): number[] {
  const g = r + gr;
  const i = r - ri;
  return [g + ug, g, r, i, i - iz];
}

/** Main-sequence star colours: a piecewise-linear stellar locus in g−r with small scatter. */
function starMagnitudes(rng: Rng, r: number): number[] {
  const gr = rng.uniform(-0.2, 1.6);
  const ug = 0.9 + 1.2 * Math.min(gr, 1.2) + rng.normal(0, 0.08);
  // M dwarfs (g−r ≳ 1.3) turn sharply redder in r−i.
  const ri = 0.1 + 0.3 * gr + (gr > 1.3 ? 3 * (gr - 1.3) : 0) + rng.normal(0, 0.05);
  const iz = 0.05 + 0.45 * ri + rng.normal(0, 0.05);
  return bandMagnitudes(r, ug, gr + rng.normal(0, 0.05), ri, iz);
}

/** Galaxy colours: t = 0 a blue star-forming disc, t = 1 a red passive galaxy, with real scatter. */
function galaxyMagnitudes(rng: Rng, r: number): number[] {
  const t = rng.next();
  return bandMagnitudes(
    r,
    1.1 + 0.8 * t + rng.normal(0, 0.15),
    0.35 + 0.5 * t + rng.normal(0, 0.08),
    0.25 + 0.2 * t + rng.normal(0, 0.05),
    0.15 + 0.2 * t + rng.normal(0, 0.06),
  );
}

const salt = hashString('star-galaxy');

export const starGalaxyDataset: DatasetDefinition = {
  info: {
    id: 'star-galaxy',
    title: 'Stars and galaxies (SDSS-like, 5 bands)',
    description:
      'Simulated SDSS-like ugriz cutouts (44×44 px at 0.396″/px, channels-last [44, 44, 5]) of stars and galaxies, ' +
      'as in Kim & Brunner 2017. Stars are Moffat PSFs (β = 3, seeing FWHM 1.0″–1.8″) with stellar-locus colours; ' +
      'galaxies are Sérsic profiles (n 0.5–6, half-light radius 0.3″–3″, axis ratio 0.2–1, any angle) convolved ' +
      'with the same PSF, with blue-to-red galaxy colours. r magnitude uniform in 16–22: faint, compact galaxies are ' +
      'genuinely hard. Noise: SDSS dark-sky background, Poisson photon noise, 5 e⁻ read noise. Each band is ' +
      'sky-subtracted, divided by the sky σ and asinh-stretched: value = asinh(S/N / 3), about −2 to 7.',
    task: 'classification',
    kind: 'image',
    inputShape: [44, 44, 5],
    shapeRule: ['imageSize', 'imageSize', BANDS.length],
    classNames: ['star', 'galaxy'],
    defaultSize: 2000,
    maxSize: 20_000,
    params: [
      { name: 'imageSize', type: 'number', default: 44, min: 16, max: 96, integer: true, doc: 'Cutout side, pixels.' },
      {
        name: 'faintestMagnitude',
        type: 'number',
        default: 22,
        min: 17,
        max: 23,
        doc: 'Faintest r magnitude (brightest is 16). Lower it for an easier set.',
      },
    ],
    references: [
      'Kim & Brunner 2017, MNRAS 464, 4463 (star-galaxy classification with CNNs)',
      'Sérsic 1963; Moffat 1969; Covey et al. 2007, AJ 134, 2398 (stellar locus)',
    ],
  },
  prefixStable: true,
  diskCache: { version: 1 },
  generate({ size, seed, params, signal }) {
    const side = numParam(params, 'imageSize');
    const faintest = numParam(params, 'faintestMagnitude');
    const pixelArea = PIXEL_SCALE * PIXEL_SCALE;
    const sky = SKY_MAG.map((mu, b) => magToElectrons(mu - 2.5 * Math.log10(pixelArea), ZERO_POINT[b]));
    const nb = BANDS.length;
    const profile = new Float64Array(side * side);
    const band = new Float64Array(side * side);
    return generateExamples(
      { size, exampleLength: side * side * nb, targetLength: 1, seed, salt, signal },
      (rng, index, x, y) => {
        const isGalaxy = balancedBinaryLabel(seed, salt, index);
        y[0] = isGalaxy;
        const fwhm = rng.uniform(1.0, 1.8) / PIXEL_SCALE;
        const radius = psfRadius(fwhm, 9);
        const r = rng.uniform(16, faintest);
        const cx = (side - 1) / 2 + rng.uniform(-1, 1);
        const cy = (side - 1) / 2 + rng.uniform(-1, 1);
        profile.fill(0);
        let mags: number[];
        if (isGalaxy) {
          mags = galaxyMagnitudes(rng, r);
          // The shape is the same in every band, so it is rendered and convolved once at unit flux.
          const padded = side + 2 * radius;
          const intrinsic = new Float64Array(padded * padded);
          const shape = {
            cx: cx + radius,
            cy: cy + radius,
            n: rng.uniform(0.5, 6),
            re: rng.logUniform(0.3, 3) / PIXEL_SCALE,
            q: rng.uniform(0.2, 1),
            theta: rng.uniform(0, Math.PI),
          };
          addSersic(intrinsic, padded, padded, shape, 1);
          // PSF core by direct convolution; the faint wing beyond it, centred on the galaxy, analytically
          // (exact for compact galaxies — the ones that could pass for stars).
          convolveInto(intrinsic, side, side, moffatKernel(fwhm, PSF_BETA, radius, false), profile);
          addMoffat(profile, side, side, cx, cy, 1, fwhm, PSF_BETA, radius + 0.5);
        } else {
          mags = starMagnitudes(rng, r);
          addMoffat(profile, side, side, cx, cy, 1, fwhm, PSF_BETA);
        }
        for (let b = 0; b < nb; b++) {
          const flux = magToElectrons(mags[b], ZERO_POINT[b]);
          for (let k = 0; k < band.length; k++) band[k] = profile[k] * flux;
          observeAndStretch(band, sky[b], READ_NOISE, rng, x, b, nb);
        }
      },
    );
  },
};
