// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import type { TrainerEvent } from '../../../../shared/protocol/trainer';
import { EngineProvider } from '../../engine/EngineProvider';
import { createFakeEngine, scriptedRun } from '../../testing/fakeEngine';
import { resetRuns, useRuns } from '../runs/runsStore';
import { Dashboard } from './Dashboard';

beforeEach(() => resetRuns());
// Unmount, then drop the runs (and the curve tick they may have asked for) before the page goes.
afterEach(() => {
  cleanup();
  resetRuns();
});

const boundary = (epoch: number): TrainerEvent => ({
  type: 'boundary',
  runId: 'run-b',
  epoch,
  extent: { x: [-6, 6], y: [-6, 6] },
  size: 2,
  output: { kind: 'probability', data: Uint8Array.from([0, 255, 255, epoch * 50]), min: 0, max: 1 },
  neurons: [{ nodeId: 'hidden', units: 8, size: 1, min: -1, max: 1, data: new Uint8Array(8) }],
  points: { xy: [1, 1, -1, -1], label: [1, 0], test: 1 },
});

const show = () =>
  render(
    <EngineProvider client={createFakeEngine()}>
      <Dashboard datasets={[]} />
    </EngineProvider>,
  );

function play(events: TrainerEvent[]) {
  act(() => {
    useRuns.getState().adopt('run-b');
    for (const e of events) useRuns.getState().ingest(e);
  });
}

describe('the dashboard of a run on two inputs', () => {
  it('shows the decision boundary beside the curves and follows it epoch by epoch, with the neuron maps', async () => {
    show();
    const [started, ...rest] = scriptedRun('run-b', { epochs: 1 });
    play([started, boundary(0)]);
    await waitFor(() => expect(screen.getByTestId('decision-boundary').dataset.epoch).toBe('0'));
    expect(screen.getByTestId('neuron-maps-hidden').querySelectorAll('canvas')).toHaveLength(8);
    const before = screen.getByTestId('decision-boundary').dataset.fingerprint;
    play([...rest.filter((e) => e.type === 'batch' || e.type === 'epoch'), boundary(1)]);
    await waitFor(() => expect(screen.getByTestId('decision-boundary').dataset.epoch).toBe('1'));
    expect(screen.getByTestId('decision-boundary').dataset.fingerprint).not.toBe(before);
  });

  it('shows no boundary for other runs', async () => {
    show();
    play(scriptedRun('run-b', { epochs: 1 }));
    await waitFor(() => expect(screen.getByTestId('evaluation')).toBeTruthy());
    expect(screen.queryByTestId('decision-boundary')).toBeNull();
    expect(screen.queryByTestId('regression-plots')).toBeNull();
  });
});
