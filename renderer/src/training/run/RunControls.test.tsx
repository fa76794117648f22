// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EngineProvider } from '../../engine/EngineProvider';
import { resetEditor } from '../../store';
import { createFakeEngine, scriptedRun } from '../../testing/fakeEngine';
import { RunControls, STOP_PATIENCE_MS } from './RunControls';
import { resetRuns, useRuns } from '../runs/runsStore';

/** A run that has started and is training (its `started` event in, nothing after). */
function training(runId: string) {
  const engine = createFakeEngine();
  render(
    <EngineProvider client={engine}>
      <RunControls problems={[]} />
    </EngineProvider>,
  );
  act(() => {
    useRuns.getState().adopt(runId);
    useRuns.getState().ingest(scriptedRun(runId).find((e) => e.type === 'started')!);
  });
  return engine;
}

const stops = (engine: ReturnType<typeof createFakeEngine>) => engine.calls.filter((c) => c.method === 'stopRun');

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  resetEditor();
  resetRuns();
});
afterEach(() => {
  cleanup();
  resetRuns();
  vi.useRealTimers();
});

describe('RunControls Stop (issue 13, item 15)', () => {
  it('a run that does not stop says "still stopping… press again to force", and a second press forces it', async () => {
    const engine = training('run-hung');
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const stop = screen.getByTestId('stop-button');
    await user.click(stop);
    expect(stops(engine)).toHaveLength(1);
    expect(screen.getByTestId('run-status').textContent).toBe('Stopping…');
    // Not forced by a quick double click: the button waits while the stop is on its way.
    expect(stop).toHaveProperty('disabled', true);
    expect(screen.queryByTestId('stop-hint')).toBeNull();

    // The trainer hangs: no `finished` comes.
    act(() => void vi.advanceTimersByTime(STOP_PATIENCE_MS));
    expect(screen.getByTestId('stop-hint').textContent).toBe('Still stopping… press again to force');
    expect(stop.textContent).toBe('Force stop');
    expect(stop).toHaveProperty('disabled', false);
    await user.click(stop);
    // The host ends the trainer on the second stop of a run.
    expect(stops(engine).map((c) => c.args[0])).toEqual(['run-hung', 'run-hung']);

    act(() =>
      useRuns.getState().ingest({
        type: 'failed',
        runId: 'run-hung',
        code: 'crashed',
        message: 'The training process was ended.',
      }),
    );
    expect(screen.getByTestId('run-status').textContent).toBe('Failed');
    expect(screen.queryByTestId('stop-hint')).toBeNull();
    expect(stop.textContent).toBe('Stop');
  });

  it('a run that stops in time never shows the hint', async () => {
    const engine = training('run-ok');
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(screen.getByTestId('stop-button'));
    const finished = scriptedRun('run-ok').find((e) => e.type === 'finished')!;
    act(() => useRuns.getState().ingest({ ...finished, reason: 'stopped' } as typeof finished));
    act(() => void vi.advanceTimersByTime(STOP_PATIENCE_MS * 2));
    expect(screen.queryByTestId('stop-hint')).toBeNull();
    expect(screen.getByTestId('run-status').textContent).toBe('Stopped');
    expect(stops(engine)).toHaveLength(1);
  });
});
