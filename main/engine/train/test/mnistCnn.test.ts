import { beforeAll, expect, it } from 'vitest';
import { mnistCnnProject } from './projects';
import { runSession } from './runSession';
import { useTestBackend } from './testBackend';

let backend = 'cpu';
beforeAll(async () => {
  backend = await useTestBackend();
});

it('a small CNN beats 0.90 on an MNIST subset (2,000 train / 500 test, 2 epochs)', async () => {
  const t0 = performance.now();
  const { events, end, session } = await runSession(mnistCnnProject());
  expect(end.type).toBe('finished');
  if (end.type !== 'finished') return;
  const epochs = events.filter((e) => e.type === 'epoch');
  const eps = epochs.map((e) => (e.type === 'epoch' ? Math.round(e.examplesPerSecond) : 0));
  const acc = end.final.test!.metrics.accuracy;
  console.log(
    `MNIST CNN on ${backend}: test accuracy ${acc.toFixed(3)}, ${((performance.now() - t0) / 1000).toFixed(1)} s, examples/s per epoch ${eps.join(', ')}`,
  );
  expect(acc).toBeGreaterThan(0.9);
  expect(end.final.test!.confusion).toHaveLength(10);
  expect(end.final.test!.perClassAccuracy).toHaveLength(10);
  // The first conv layer's filters come with every activations event.
  const act = events.find((e) => e.type === 'activations');
  expect(act?.type === 'activations' && act.filters?.channels).toBe(8);
  session.dispose();
}, 180_000);
