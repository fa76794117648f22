/**
 * `strong-lens` and `strong-lens-radius`: galaxy–galaxy strong lensing in KiDS/LSST-like single-band
 * images (48×48 px at 0.2″/px, shape [48, 48, 1]), after Petrillo et al. 2017, Jacobs et al. 2017,
 * Lanusse et al. 2018 (finding lenses) and Hezaveh et al. 2017 (measuring them).
 *
 * Physics, per example:
 * - Lens light: de Vaucouleurs (Sérsic n = 4), R_e 0.6″–1.6″, axis ratio 0.6–1, r = 18.5–20.5.
 * - Lens mass: SIE (sieLens.ts), Einstein radius θ_E uniform in 0.6″–2.2″, axis ratio and angle
 *   following the light with small scatter.
 * - Background source: Sérsic n 0.5–2, R_e 0.15″–0.35″, axis ratio 0.4–1, unlensed r = 21–23.5,
 *   placed at β < 0.9 θ_E so it is strongly lensed into arcs or multiple images. Surface brightness
 *   is conserved: each pixel (3×3 sub-rays) takes the source brightness at β = θ − α(θ).
 * - Non-lenses: the same kind of lens galaxy; half of them also have an unlensed background galaxy
 *   1.5″–3.5″ away (r = 20–23), so "extra blue blob" alone does not mean "lens".
 * - PSF: Moffat β = 3, FWHM 0.6″–0.9″; sky 21.2 mag/arcsec² with a coadd depth of r ≈ 25 (5σ),
 *   Poisson noise. Normalisation: asinh(S/N / 3), as in star-galaxy.
 */
import { type DatasetDefinition } from './definition';
import { generateExamples } from './generateExamples';
import { convolveInto, moffatKernel, psfRadius } from './psf';
import { magToElectrons, observeAndStretch } from './photometry';
import { numParam } from './resolveParams';
import { type Rng, balancedBinaryLabel, hashString } from './rng';
import { addSersic, sersicProfile, sersicTotalFlux } from './sersic';
import { sieRayTracer } from './sieLens';

const PIXEL_SCALE = 0.2;
const ZERO_POINT = 32.6; // coadd, electrons; with the sky below gives a 5σ point-source depth ≈ 25
const SKY_MAG_ARCSEC2 = 21.2;
const READ_NOISE = 5;
const PSF_BETA = 3;
const RAYS_PER_AXIS = 3;

/** Writes one normalised image into x; returns the Einstein radius (arcsec) of the lens. */
function renderLensSystem(rng: Rng, side: number, isLens: boolean, x: Float32Array): number {
  const fwhm = rng.uniform(0.6, 0.9) / PIXEL_SCALE;
  const r = psfRadius(fwhm, 8);
  const padded = side + 2 * r;
  const centre = (side - 1) / 2 + r;
  const lightQ = rng.uniform(0.6, 1);
  const lightAngle = rng.uniform(0, Math.PI);
  const intrinsic = new Float64Array(padded * padded);
  const lensCx = centre + rng.uniform(-0.5, 0.5);
  const lensCy = centre + rng.uniform(-0.5, 0.5);
  addSersic(
    intrinsic,
    padded,
    padded,
    { cx: lensCx, cy: lensCy, n: 4, re: rng.uniform(0.6, 1.6) / PIXEL_SCALE, q: lightQ, theta: lightAngle },
    magToElectrons(rng.uniform(18.5, 20.5), ZERO_POINT),
  );
  const thetaE = rng.uniform(0.6, 2.2);
  const source = {
    n: rng.uniform(0.5, 2),
    re: rng.uniform(0.15, 0.35) / PIXEL_SCALE,
    q: rng.uniform(0.4, 1),
    theta: rng.uniform(0, Math.PI),
  };
  if (isLens) {
    const trace = sieRayTracer({
      cx: lensCx,
      cy: lensCy,
      thetaE: thetaE / PIXEL_SCALE,
      q: Math.min(1, Math.max(0.5, lightQ + rng.normal(0, 0.05))),
      angle: lightAngle + rng.normal(0, (10 * Math.PI) / 180),
    });
    const beta = 0.9 * (thetaE / PIXEL_SCALE) * Math.sqrt(rng.next());
    const phi = rng.uniform(0, 2 * Math.PI);
    const srcCx = lensCx + beta * Math.cos(phi);
    const srcCy = lensCy + beta * Math.sin(phi);
    const f = sersicProfile({ ...source, cx: srcCx, cy: srcCy });
    // Surface brightness is conserved, so the unlensed total flux fixes I_e for every ray.
    const ie = magToElectrons(rng.uniform(21, 23.5), ZERO_POINT) / sersicTotalFlux(source);
    const out = new Float64Array(2);
    const weight = ie / (RAYS_PER_AXIS * RAYS_PER_AXIS);
    // Rays whose pixel centre lands far from the source see (almost) nothing: skip their sub-rays.
    // Beyond 5 R_e an n ≤ 2 profile is < 10⁻³ of its peak; the 2 px margin covers the sub-rays' spread,
    // except next to the lens centre, where the deflection direction turns fast, so those are always done.
    const reach = 5 * source.re + 2;
    for (let py = 0; py < padded; py++) {
      for (let px = 0; px < padded; px++) {
        trace(px, py, out);
        const nearSource = Math.hypot(out[0] - srcCx, out[1] - srcCy) < reach;
        if (!nearSource && Math.hypot(px - lensCx, py - lensCy) > 3) continue;
        let sum = 0;
        for (let j = 0; j < RAYS_PER_AXIS; j++) {
          for (let i = 0; i < RAYS_PER_AXIS; i++) {
            trace(px + (i + 0.5) / RAYS_PER_AXIS - 0.5, py + (j + 0.5) / RAYS_PER_AXIS - 0.5, out);
            sum += f(out[0], out[1]);
          }
        }
        intrinsic[py * padded + px] += sum * weight;
      }
    }
  } else if (rng.next() < 0.5) {
    const dist = rng.uniform(1.5, 3.5) / PIXEL_SCALE;
    const phi = rng.uniform(0, 2 * Math.PI);
    const shape = { ...source, cx: lensCx + dist * Math.cos(phi), cy: lensCy + dist * Math.sin(phi) };
    addSersic(intrinsic, padded, padded, shape, magToElectrons(rng.uniform(20, 23), ZERO_POINT));
  }
  const image = new Float64Array(side * side);
  convolveInto(intrinsic, side, side, moffatKernel(fwhm, PSF_BETA, r), image);
  const sky = magToElectrons(SKY_MAG_ARCSEC2 - 2.5 * Math.log10(PIXEL_SCALE * PIXEL_SCALE), ZERO_POINT);
  observeAndStretch(image, sky, READ_NOISE, rng, x, 0, 1);
  return thetaE;
}

const REFERENCES = [
  'Kormann, Schneider & Bartelmann 1994, A&A 284, 285 (SIE); Keeton 2001, astro-ph/0102341',
  'Petrillo et al. 2017, MNRAS 472, 1129; Jacobs et al. 2017, MNRAS 471, 167; Lanusse et al. 2018, MNRAS 473, 3895',
  'Hezaveh, Perreault Levasseur & Marshall 2017, Nature 548, 555',
];
const IMAGE_SIZE_PARAM = {
  name: 'imageSize',
  type: 'number' as const,
  default: 48,
  min: 32,
  max: 96,
  integer: true,
  doc: 'Stamp side, pixels (0.2″ each).',
};
const PHYSICS =
  'Simulated KiDS/LSST-like single-band images, 48×48 px at 0.2″/px. Lens galaxy: de Vaucouleurs profile, r = 18.5–20.5. ' +
  'Lens mass: singular isothermal ellipsoid (Kormann et al. 1994), Einstein radius 0.6″–2.2″, following the light. ' +
  'Background source: Sérsic n 0.5–2, R_e 0.15″–0.35″, r = 21–23.5 before lensing, inside 0.9 θ_E of the lens ' +
  '(ray-traced, 9 rays per pixel). Moffat PSF (FWHM 0.6″–0.9″), sky 21.2 mag/arcsec², depth r ≈ 25, Poisson noise; ' +
  'pixels are asinh(S/N / 3).';

const classSalt = hashString('strong-lens');
const radiusSalt = hashString('strong-lens-radius');

export const strongLensDataset: DatasetDefinition = {
  info: {
    id: 'strong-lens',
    title: 'Strong gravitational lenses',
    description:
      `Lens or not. ${PHYSICS} Non-lenses are the lens galaxy alone, half of them with an unlensed background ` +
      'galaxy 1.5″–3.5″ away, so only the lensed geometry (arcs, rings, counter-images) tells the classes apart.',
    task: 'classification',
    kind: 'image',
    inputShape: [48, 48, 1],
    shapeRule: ['imageSize', 'imageSize', 1],
    classNames: ['non-lens', 'lens'],
    // Ray tracing plus convolution cost ~2.5 ms per image; 1000 keeps the default load near 2–3 s.
    defaultSize: 1000,
    maxSize: 20_000,
    params: [IMAGE_SIZE_PARAM],
    references: REFERENCES,
  },
  prefixStable: true,
  diskCache: { version: 1 },
  generate({ size, seed, params, signal }) {
    const side = numParam(params, 'imageSize');
    return generateExamples(
      { size, exampleLength: side * side, targetLength: 1, seed, salt: classSalt, signal },
      (rng, index, x, y) => {
        const isLens = balancedBinaryLabel(seed, classSalt, index);
        renderLensSystem(rng, side, isLens === 1, x);
        y[0] = isLens;
      },
    );
  },
};

export const strongLensRadiusDataset: DatasetDefinition = {
  info: {
    id: 'strong-lens-radius',
    title: 'Strong lenses: Einstein radius',
    description:
      `Measure the lens: every image is a lens and the target is its Einstein radius in arcsec (0.6–2.2), as in ` +
      `Hezaveh et al. 2017. ${PHYSICS}`,
    task: 'regression',
    kind: 'image',
    inputShape: [48, 48, 1],
    shapeRule: ['imageSize', 'imageSize', 1],
    targetNames: ['einsteinRadiusArcsec'],
    // Ray tracing plus convolution cost ~2.5 ms per image; 1000 keeps the default load near 2–3 s.
    defaultSize: 1000,
    maxSize: 20_000,
    params: [IMAGE_SIZE_PARAM],
    references: REFERENCES,
  },
  prefixStable: true,
  diskCache: { version: 1 },
  generate({ size, seed, params, signal }) {
    const side = numParam(params, 'imageSize');
    return generateExamples(
      { size, exampleLength: side * side, targetLength: 1, seed, salt: radiusSalt, signal },
      (rng, _index, x, y) => {
        y[0] = renderLensSystem(rng, side, true, x);
      },
    );
  },
};
