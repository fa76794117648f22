import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { xorProject } from './projects';
import { runSession } from './runSession';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('an MLP learns XOR (≥ 0.95 test accuracy) and events arrive in order', async () => {
  const t0 = performance.now();
  const { events, end, session } = await runSession(xorProject());
  const types = events.map((e) => e.type);
  expect(types[0]).toBe('started');
  expect(types.at(-1)).toBe('finished');
  expect(end.type).toBe('finished');
  if (end.type !== 'finished') return;
  const acc = end.final.test!.metrics.accuracy;
  console.log(`XOR: test accuracy ${acc.toFixed(3)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  expect(acc).toBeGreaterThanOrEqual(0.95);
  expect(end.final.test!.confusion).toHaveLength(2);
  // Each shown example carries its input point, and its label is XOR's rule: class 1 where x1·x2 ≥ 0.
  for (const ex of end.final.test!.examples!) expect(ex.actual).toBe(ex.x![0] * ex.x![1] >= 0 ? 1 : 0);
  expect(types.filter((t) => t === 'epoch')).toHaveLength(25);
  session.dispose();
});
