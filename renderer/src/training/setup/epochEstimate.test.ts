import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../../../shared/protocol/client';
import { roughDuration, type TrainingSpeed } from '../../../../shared/protocol/speed';
import { estimateEpoch, trainExamples } from './epochEstimate';

const speed: TrainingSpeed = {
  backend: 'wasm',
  device: 'CPU (WebAssembly SIMD, 2 threads)',
  macsPerSecond: 1e9,
  source: 'calibration',
  measuredAt: '2026-11-29T12:00:00Z',
};
const shapes = { id: 'shapes', defaultSize: 2000 } as DatasetInfo;

describe('time per epoch before Train (issue 14.6)', () => {
  it('counts the training examples a built-in dataset gives with the project’s options', () => {
    expect(trainExamples({ dataset: { builtin: 'shapes' } }, shapes)).toBe(1600);
    expect(trainExamples({ dataset: { builtin: 'shapes', options: { size: 500, testFraction: 0.3 } } }, shapes)).toBe(
      300,
    );
    expect(trainExamples({ dataset: { file: 'x.csv' } } as never, shapes)).toBeUndefined();
    expect(trainExamples(undefined, shapes)).toBeUndefined();
  });

  it('says a small CNN takes seconds, and warns that VGG16 at 224×224 takes days for 10 epochs', () => {
    const small = estimateEpoch(1.6e6, 8000, 10, speed)!;
    expect(small.text).toBe('About 15 s per epoch on this computer (wasm · CPU (WebAssembly SIMD, 2 threads)).');
    expect(small.long).toBe(false);
    const vgg = estimateEpoch(15.5e9, 1600, 10, speed)!;
    expect(vgg.seconds).toBeCloseTo(24_800, 0);
    expect(vgg.long).toBe(true);
    expect(vgg.text).toBe(
      'About 7 h per epoch on this computer (wasm · CPU (WebAssembly SIMD, 2 threads)): 10 epochs would take about 3 days.',
    );
    expect(vgg.detail).toMatch(
      /^16 G multiply-adds per example × 1,600 training examples ÷ 1.0 G per second \(measured by a short calibration/,
    );
  });

  it('gives no number without a speed, examples or arithmetic', () => {
    expect(estimateEpoch(1e6, 100, 1, undefined)).toBeUndefined();
    expect(estimateEpoch(0, 100, 1, speed)).toBeUndefined();
    expect(estimateEpoch(1e6, undefined, 1, speed)).toBeUndefined();
  });

  it('rounds durations the way people say them', () => {
    expect([2, 42, 185, 5400 * 1.5, 3 * 86400].map(roughDuration)).toEqual([
      'a few seconds',
      'about 40 s',
      'about 3 min',
      'about 2.5 h',
      'about 3 days',
    ]);
  });
});
