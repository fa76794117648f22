import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../main/engine/backend';
import { trainTemplate } from './test/trainTemplate';

/**
 * The small templates learn on their own default dataset, CI-sized: a subset of the data and a few
 * epochs, everything else as in the file. Thresholds sit well below what these runs reach (printed),
 * so they catch "does not learn" rather than small regressions. About a minute in all on 2 cores.
 */

let backend: { backend: string; device: string };
beforeAll(async () => {
  const report = await selectBackend();
  backend = { backend: report.backend, device: report.device };
});

/** [template, dataset size, epochs, dataset params, minimum test accuracy]. */
const RUNS: [string, number, number, Record<string, number> | undefined, number][] = [
  ['perceptron', 200, 20, undefined, 0.95],
  ['xor-mlp', 500, 40, undefined, 0.9],
  ['mnist-mlp', 2000, 3, undefined, 0.85],
  ['lenet5', 2000, 3, undefined, 0.85],
  ['batchnorm-example', 2000, 3, undefined, 0.75],
  // Bright objects only (r ≤ 20): at r ≤ 22 the faint compact galaxies need many more epochs than CI has.
  ['star-galaxy-small', 600, 6, { faintestMagnitude: 20 }, 0.65],
  ['exoplanet', 4000, 20, { length: 180 }, 0.65],
];

describe('small templates train on their datasets', () => {
  it.each(RUNS)(
    '%s (%i examples, %i epochs)',
    async (id, size, epochs, params, minAccuracy) => {
      const r = await trainTemplate(id, { size, epochs, params, backend });
      const acc = (m?: Record<string, number>) => m?.accuracy?.toFixed(3) ?? '–';
      console.log(
        `[templates] ${id} on ${backend.backend}: train acc ${acc(r.first.train)} → ${acc(r.last.train)}, ` +
          `val ${acc(r.first.validation)} → ${acc(r.last.validation)}, test ${acc(r.test)} (${r.seconds.toFixed(1)} s)`,
      );
      expect(r.test.accuracy).toBeGreaterThanOrEqual(minAccuracy);
    },
    180_000,
  );
});
