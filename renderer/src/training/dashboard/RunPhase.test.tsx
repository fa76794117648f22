// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../../../shared/protocol/trainer';
import { applyEvent, createRun, type RunRecord } from '../runs/runModel';
import { RunStats } from './RunStats';

const play = (events: TrainerEvent[], run: RunRecord = createRun('r')) =>
  events.reduce((r, e) => applyEvent(r, e).run, run);
const phase = (p: 'backend' | 'data' | 'model' | 'first-batch', message: string, progress?: number): TrainerEvent => ({
  type: 'phase',
  runId: 'r',
  phase: p,
  message,
  ...(progress === undefined ? {} : { progress }),
});

afterEach(cleanup);

describe('what the trainer does before the first batch (issue 14.6)', () => {
  it('is shown in the run stats with its progress, instead of a silent wait', () => {
    const run = play([
      phase('backend', 'Starting the compute backend…'),
      phase('data', 'Generating 2,000 examples of light curves…', 0.4),
    ]);
    expect(run.phase).toEqual({ phase: 'data', message: 'Generating 2,000 examples of light curves…', progress: 0.4 });
    render(<RunStats run={run} />);
    expect(screen.getByTestId('run-phase').textContent).toBe('Generating 2,000 examples of light curves… 40%');
  });

  it('gives way to the first batch, and is not shown for a run that ended', () => {
    const started = play([phase('model', 'Initialising 11 M weights…')]);
    const changed = applyEvent(started, {
      type: 'batch',
      runId: 'r',
      epoch: 0,
      batch: 0,
      batchesPerEpoch: 10,
      metrics: { loss: 1 },
    });
    expect(changed.changed).toBe(true);
    expect(changed.run.phase).toBeUndefined();
    const failed = play([{ type: 'failed', runId: 'r', code: 'crashed', message: 'x' }], started);
    expect(failed.phase).toBeUndefined();
    render(<RunStats run={{ ...started, status: 'stopped' }} />);
    expect(screen.queryByTestId('run-phase')).toBeNull();
  });
});
