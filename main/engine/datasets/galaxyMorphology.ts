/**
 * `galaxy-morphology`: single-band HST/WFC3 F160W-like (H band) galaxy stamps with their Sérsic
 * parameters as regression targets, after Tuccillo et al. (2016), who trained a CNN on 31k simulated
 * CANDELS galaxies. 64×64 pixels at 0.06″/pixel (CANDELS mosaics), shape [64, 64, 1].
 *
 * Physics, per example:
 * - One Sérsic component: n uniform in 0.5–6, half-light radius R_e log-uniform in 0.1″–1.0″,
 *   axis ratio q uniform in 0.2–1, major-axis angle θ uniform, centre within ±1 px.
 * - H magnitude uniform in 19–23.5 (AB; zero point 25.96, 1800 s).
 * - PSF: Moffat FWHM 0.18″ (3 px), β = 2.5 (the WFC3/IR PSF's broad wings), fixed.
 * - Noise: sky-dominated background tuned to CANDELS-wide depth (point-source 5σ ≈ 27 AB), plus
 *   Poisson noise on the galaxy itself.
 * Normalisation: as star-galaxy, asinh(S/N / 3) with S/N per pixel against the sky noise.
 *
 * Targets (physical units): n, R_e in arcsec, q, cos 2θ, sin 2θ. The angle enters as (cos 2θ, sin 2θ)
 * because θ and θ + π describe the same ellipse: the pair is continuous, while θ itself jumps from π
 * back to 0. For nearly round galaxies (q → 1) the angle is meaningless, so expect large angle errors
 * there. n has the widest range; standardise the targets if you train with a plain MSE.
 */
import { type DatasetDefinition } from './definition';
import { generateExamples } from './generateExamples';
import { convolveInto, moffatKernel } from './psf';
import { magToElectrons, observeAndStretch } from './photometry';
import { numParam } from './resolveParams';
import { hashString } from './rng';
import { addSersic } from './sersic';

const PIXEL_SCALE = 0.06; // arcsec/pixel, CANDELS drizzled mosaics
const ZERO_POINT_AB = 25.96; // F160W, e⁻/s
const EXPOSURE_S = 1800;
/**
 * Sky + detector noise per pixel (e⁻) chosen so a point source of H = 27 has S/N ≈ 5 over the PSF's
 * effective area (~20 px): σ_pix ≈ 31 e⁻, i.e. ≈ 950 e⁻ of sky per pixel.
 */
const SKY_ELECTRONS = 950;
const READ_NOISE = 0; // folded into the sky term above
const PSF = { fwhm: 0.18 / PIXEL_SCALE, beta: 2.5, radius: 5 };

export const MORPHOLOGY_TARGETS = ['sersicIndex', 'effectiveRadiusArcsec', 'axisRatio', 'cos2Angle', 'sin2Angle'];

const salt = hashString('galaxy-morphology');

export const galaxyMorphologyDataset: DatasetDefinition = {
  info: {
    id: 'galaxy-morphology',
    title: 'Galaxy morphology (HST H band, Sérsic fits)',
    description:
      'Simulated HST/WFC3 H-band (F160W) galaxies, 64×64 px at 0.06″/px, after Tuccillo et al. 2016. One Sérsic ' +
      'profile per galaxy (index n 0.5–6, half-light radius 0.1″–1″, axis ratio 0.2–1, any angle), H = 19–23.5, ' +
      'convolved with a Moffat PSF (FWHM 0.18″, β = 2.5) and observed with CANDELS-wide-like sky noise ' +
      '(5σ point-source depth H ≈ 27) plus Poisson noise. Pixels: asinh(S/N / 3). Targets: Sérsic index, ' +
      'effective radius (arcsec), axis ratio, cos 2θ and sin 2θ of the major-axis angle θ (so θ and θ+180° agree).',
    task: 'regression',
    kind: 'image',
    inputShape: [64, 64, 1],
    shapeRule: ['imageSize', 'imageSize', 1],
    targetNames: MORPHOLOGY_TARGETS,
    defaultSize: 2000,
    maxSize: 20_000,
    params: [
      { name: 'imageSize', type: 'number', default: 64, min: 24, max: 128, integer: true, doc: 'Stamp side, pixels.' },
    ],
    references: [
      'Tuccillo, Decencière & Velasco-Forero 2016, Proc. IAU 12 (S325), 191 (deep learning for galaxy morphology)',
      'Sérsic 1963; Ciotti & Bertin 1999, A&A 352, 447 (b_n); Grogin et al. 2011 (CANDELS)',
    ],
  },
  prefixStable: true,
  diskCache: { version: 1 },
  generate({ size, seed, params, signal }) {
    const side = numParam(params, 'imageSize');
    const kernel = moffatKernel(PSF.fwhm, PSF.beta, PSF.radius);
    const padded = side + 2 * PSF.radius;
    const intrinsic = new Float64Array(padded * padded);
    const image = new Float64Array(side * side);
    return generateExamples(
      { size, exampleLength: side * side, targetLength: MORPHOLOGY_TARGETS.length, seed, salt, signal },
      (rng, _index, x, y) => {
        const n = rng.uniform(0.5, 6);
        const reArcsec = rng.logUniform(0.1, 1.0);
        const q = rng.uniform(0.2, 1);
        const theta = rng.uniform(0, Math.PI);
        const mag = rng.uniform(19, 23.5);
        const centre = (side - 1) / 2;
        intrinsic.fill(0);
        image.fill(0);
        const shape = {
          cx: centre + PSF.radius + rng.uniform(-1, 1),
          cy: centre + PSF.radius + rng.uniform(-1, 1),
          n,
          re: reArcsec / PIXEL_SCALE,
          q,
          theta,
        };
        addSersic(intrinsic, padded, padded, shape, EXPOSURE_S * magToElectrons(mag, ZERO_POINT_AB));
        convolveInto(intrinsic, side, side, kernel, image);
        observeAndStretch(image, SKY_ELECTRONS, READ_NOISE, rng, x, 0, 1);
        y[0] = n;
        y[1] = reArcsec;
        y[2] = q;
        y[3] = Math.cos(2 * theta);
        y[4] = Math.sin(2 * theta);
      },
    );
  },
};
