import { describe, expect, it } from 'vitest';
import { diagnoseRun } from './runHealth';

describe('diagnoseRun (issue 14.5: a run that diverged ended under a green "Finished")', () => {
  it('says a loss that rose far above its start diverged, with the learning rate as the likely cause', () => {
    const w = diagnoseRun({
      startLoss: 2.3,
      epochLosses: [9, 16],
      accuracy: 0.01,
      classes: 10,
      learningRate: 10,
      optimizer: 'sgd',
    });
    expect(w?.code).toBe('diverged');
    expect(w?.message).toBe('The training diverged: the loss rose from 2.3 to 16 instead of falling.');
    expect(w?.hint).toBe('The learning rate (10) is probably too high: try 1, or adam with 0.001, and train again.');
  });

  it('says an accuracy at chance did not learn', () => {
    const w = diagnoseRun({ startLoss: 0.7, epochLosses: [0.69, 0.69], accuracy: 0.5, classes: 2, learningRate: 1e-6 });
    expect(w?.code).toBe('chance-accuracy');
    expect(w?.message).toMatch(/no better than guessing among 2 classes \(50\.0 %\)/);
    expect(w?.hint).toMatch(/more epochs/);
  });

  it.each([
    ['a falling loss and a good accuracy', { startLoss: 2.3, epochLosses: [0.5, 0.3], accuracy: 0.9, classes: 10 }],
    ['a regression (no accuracy)', { startLoss: 1, epochLosses: [0.8, 1.5] }],
    ['no completed epoch', { startLoss: 1, epochLosses: [], accuracy: 0.1, classes: 10 }],
    ['a loss that wobbles up a little', { startLoss: 0.5, epochLosses: [0.4, 0.6], accuracy: 0.8, classes: 2 }],
    // Regression (e2e "stops a run midway and continues it"): a continued XOR run began at 0.0677
    // and ended at 0.147 with 100 % accuracy, and was called diverged.
    [
      'a continued run whose small loss doubles by noise',
      { startLoss: 0.0677, epochLosses: [0.09, 0.147], accuracy: 1, classes: 2, learningRate: 0.03 },
    ],
  ])('is quiet for %s', (_, facts) => {
    expect(diagnoseRun(facts)).toBeNull();
  });
});
