// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Project } from '../../../../shared/project';
import { EngineProvider } from '../../engine/EngineProvider';
import { resetEditor, useEditor } from '../../store';
import { tinyCnn } from '../../testing/fixtures';
import { createFakeEngine, scriptedRun, storedRun, type FakeEngine } from '../../testing/fakeEngine';
import { epochCounter } from '../dashboard/RunStats';
import { resetRuns, useRuns } from './runsStore';
import { TrainPanel } from '../TrainPanel';

/** Issue 14, defects 2 and 3: results of another project, and runs reopened from the runs list. */

const project = (): Project => ({
  ...tinyCnn(),
  training: { dataset: { builtin: 'mnist' }, loss: 'categoricalCrossentropy', epochs: 3 },
});

function setup(engine: FakeEngine = createFakeEngine()) {
  useEditor.getState().loadProject(project(), null);
  render(
    <EngineProvider client={engine}>
      <TrainPanel />
    </EngineProvider>,
  );
  return { engine, user: userEvent.setup() };
}

beforeEach(() => {
  resetEditor();
  resetRuns();
});
// Unmount, then drop the runs (and the curve tick they may have asked for) before the page goes.
afterEach(() => {
  cleanup();
  resetRuns();
});

async function trainToTheEnd(engine: FakeEngine, user: ReturnType<typeof userEvent.setup>) {
  const train = await screen.findByTestId('train-button');
  await waitFor(() => expect(train).toHaveProperty('disabled', false));
  await user.click(train);
  act(() => scriptedRun('run-1', { epochs: 2, batchesPerEpoch: 3 }).forEach((e) => engine.emit(e)));
  await screen.findByTestId('confusion-matrix');
}

describe('another project opened (14.2)', () => {
  it('takes the old project’s dashboard, confusion matrix and activation maps off the screen', async () => {
    const { engine, user } = setup();
    await trainToTheEnd(engine, user);
    act(() => useEditor.getState().loadProject({ ...project(), name: 'Other' }, null, { asNew: true }));
    await waitFor(() => expect(screen.queryByTestId('confusion-matrix')).toBeNull());
    expect(screen.getByTestId('dashboard').textContent).toMatch(/Press Train to start/);
    expect(screen.queryByTestId('run-status')).toBeNull();
    await user.click(screen.getByTestId('train-tab-activations'));
    expect(screen.queryByTestId('activation-layer-conv')).toBeNull();
  });

  it('keeps them when the same project is opened again (same id)', async () => {
    const { engine, user } = setup();
    await trainToTheEnd(engine, user);
    act(() => useEditor.getState().loadProject(useEditor.getState().project, '/p.deepwire.json'));
    expect(screen.getByTestId('confusion-matrix')).toBeTruthy();
  });
});

describe('a run reopened from the runs list (14.3)', () => {
  function withStored(history: 'with-start' | 'recorded-before-start') {
    const engine = createFakeEngine();
    const detail = storedRun('20250101-a', 'Tiny CNN', '2025-01-01T09:00:00Z', { epochs: 2, batchesPerEpoch: 3 });
    const finished = scriptedRun('20250101-a', { epochs: 2, batchesPerEpoch: 3 }).find((e) => e.type === 'finished')!;
    detail.history = [...detail.history, finished];
    if (history === 'recorded-before-start') detail.history = detail.history.filter((e) => e.type !== 'started');
    detail.project = { ...detail.project, training: { dataset: { builtin: 'mnist' } } };
    engine.stored.set(detail.summary.runId, detail);
    return engine;
  }

  it.each(['with-start', 'recorded-before-start'] as const)(
    'draws its test examples as images, not "(0, 0, 0, …)" (%s)',
    async (history) => {
      const { user } = setup(withStored(history));
      await user.click(screen.getByTestId('train-tab-runs'));
      await user.click(await screen.findByTestId('open-run-20250101-a'));
      const grid = await screen.findByTestId('prediction-grid');
      expect(grid.querySelectorAll('canvas[aria-label^="example"]')).toHaveLength(12);
      expect(grid.textContent).not.toMatch(/\(0, 0/);
    },
  );

  it('can be continued', async () => {
    const { engine, user } = setup(withStored('with-start'));
    await user.click(screen.getByTestId('train-tab-runs'));
    await user.click(await screen.findByTestId('open-run-20250101-a'));
    const cont = screen.getByTestId('continue-button');
    await waitFor(() => expect(cont).toHaveProperty('disabled', false));
    await user.click(cont);
    const start = engine.calls.find((c) => c.method === 'startRun');
    expect(start?.args[1]).toEqual({ continueFrom: '20250101-a', epochs: 3 });
  });

  it('a continued run counts on from where the run it continues ended, even before it has started', () => {
    const { adopt, ingest } = useRuns.getState();
    scriptedRun('run-1', { epochs: 2, batchesPerEpoch: 3 }).forEach(ingest);
    adopt('run-2', 'run-1');
    expect(epochCounter(useRuns.getState().runs['run-2']).done).toBe(2);
  });
});
