// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Project } from '../../../shared/project';
import { createBrowserClient, TRAINING_UNAVAILABLE } from '../engine/browserClient';
import { EngineProvider } from '../engine/EngineProvider';
import { resetEditor, useEditor } from '../store';
import { tinyCnn } from '../testing/fixtures';
import { createFakeEngine, scriptedRun, storedRun, type FakeEngine } from '../testing/fakeEngine';
import { NodeActivationThumb } from './activations/NodeActivationThumb';
import { resetRuns, useRuns } from './runs/runsStore';
import { TrainPanel } from './TrainPanel';

const project = (): Project => ({
  ...tinyCnn(),
  training: { dataset: { builtin: 'mnist' }, loss: 'categoricalCrossentropy', epochs: 3 },
});

function setup(engine: FakeEngine = createFakeEngine(), p: Project = project()) {
  useEditor.getState().loadProject(p, null);
  const utils = render(
    <EngineProvider client={engine}>
      <TrainPanel />
      <NodeActivationThumb nodeId="conv" />
    </EngineProvider>,
  );
  return { engine, user: userEvent.setup(), ...utils };
}

const play = (engine: FakeEngine, events: ReturnType<typeof scriptedRun>) =>
  act(() => events.forEach((e) => engine.emit(e)));

beforeEach(() => {
  resetEditor();
  resetRuns();
});
// Unmount, then drop the runs (and the curve tick they may have asked for) before the page goes.
afterEach(() => {
  cleanup();
  resetRuns();
});

describe('TrainPanel setup', () => {
  it('lists the datasets, previews the chosen one and shows the backend', async () => {
    setup();
    const select = (await screen.findByTestId('dataset-select')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('mnist'));
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toContain('XOR (Playground)');
    const preview = await screen.findByTestId('dataset-preview');
    expect(preview.textContent).toMatch(/\[28, 28, 1\]/);
    expect(preview.textContent).toMatch(/10 classes/);
    await waitFor(() => expect(preview.querySelectorAll('canvas').length).toBe(8));
    await waitFor(() => expect(screen.getByTestId('backend-info').textContent).toMatch(/tfjs-node/));
  });

  it('writes edits to project.training through the editor store', async () => {
    const { user } = setup();
    await user.selectOptions(await screen.findByTestId('loss-select'), 'meanSquaredError');
    expect(useEditor.getState().project.training?.loss).toBe('meanSquaredError');
    expect(screen.getByTestId('loss-doc').textContent).toMatch(/regression/);
    const epochs = screen.getByTestId('epochs');
    await user.clear(epochs);
    await user.type(epochs, '12');
    expect(useEditor.getState().project.training?.epochs).toBe(12);
    await user.selectOptions(screen.getByTestId('optimizer-select'), 'sgd');
    expect(useEditor.getState().project.training?.optimizer).toEqual({ kind: 'sgd' });
    const lr = screen.getByTestId('optimizer-learningRate');
    expect((lr as HTMLInputElement).value).toBe('0.01');
    await user.clear(lr);
    await user.type(lr, '0.05');
    expect(useEditor.getState().project.training?.optimizer).toEqual({ kind: 'sgd', learningRate: 0.05 });
    expect(useEditor.getState().dirty).toBe(true);
  });

  // Review item 7: an MNIST run used all 10,000 examples; a slow laptop needs fewer.
  it('sets how many examples the dataset has (training.dataset.options.size), within its limits', async () => {
    const { user } = setup();
    const size = (await screen.findByTestId('dataset-size')) as HTMLInputElement;
    expect(size.value).toBe('10000');
    await user.clear(size);
    await user.type(size, '2000');
    expect(useEditor.getState().project.training?.dataset).toEqual({ builtin: 'mnist', options: { size: 2000 } });
    expect(screen.getByTestId('training-settings').textContent).toContain('2,000 examples');
    await user.clear(size);
    await user.type(size, '20000');
    expect(size.getAttribute('aria-invalid')).toBe('true'); // MNIST has 10,000
    await user.clear(size);
    await user.type(size, '10000');
    // Back at the default, the project does not pin it.
    expect(useEditor.getState().project.training?.dataset).toEqual({ builtin: 'mnist' });
  });

  it('never commits an invalid number', async () => {
    const { user } = setup();
    const split = await screen.findByTestId('validation-split');
    await user.clear(split);
    await user.type(split, '1.5');
    expect(useEditor.getState().project.training?.validationSplit).toBeUndefined();
    expect(split.getAttribute('aria-invalid')).toBe('true');
  });

  it('explains shapes that do not fit the dataset before training, and disables Train', async () => {
    const p = project();
    p.graph.nodes.find((n) => n.id === 'out')!.params = { units: 3, activation: 'softmax' };
    setup(createFakeEngine(), p);
    const problem = await screen.findByTestId('training-problem');
    expect(problem.textContent).toMatch(/3 units.*10 classes/);
    expect(problem.textContent).toMatch(/Set the output layer's units to 10/);
    expect((screen.getByTestId('train-button') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('TrainPanel without an engine', () => {
  it('says training needs the app or deepwire serve (the renderer alone in a browser)', async () => {
    useEditor.getState().loadProject(project(), null);
    render(
      <EngineProvider client={createBrowserClient({})}>
        <TrainPanel />
      </EngineProvider>,
    );
    expect((await screen.findByTestId('training-problem')).textContent).toContain(TRAINING_UNAVAILABLE);
    expect(screen.getByTestId('train-button')).toHaveProperty('disabled', true);
  });
});

describe('TrainPanel run', () => {
  it('starts once however often Train is clicked, then streams a run to the dashboard', async () => {
    const { engine, user } = setup();
    const train = await screen.findByTestId('train-button');
    await waitFor(() => expect((train as HTMLButtonElement).disabled).toBe(false));
    await user.click(train);
    await user.click(train);
    expect(engine.calls.filter((c) => c.method === 'startRun')).toHaveLength(1);
    expect((train as HTMLButtonElement).disabled).toBe(true);
    // The engine got the project as it is now.
    expect((engine.calls[0].args[0] as Project).training?.dataset).toEqual({ builtin: 'mnist' });

    const events = scriptedRun('run-1', { epochs: 3, batchesPerEpoch: 10 });
    const firstEpochEnd = events.findIndex((e) => e.type === 'epoch');
    play(engine, events.slice(0, firstEpochEnd + 2));
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('epoch-counter').textContent).toMatch(/1 \/ 3/));
    // The dashboard follows a streaming run a few times a second (runsStore: shownView).
    await waitFor(() => expect(screen.getByTestId('examples-per-second').textContent).toMatch(/2,143/));
    expect(screen.getByTestId('stop-button')).toHaveProperty('disabled', false);
    // Settings are fixed while it trains.
    await user.click(screen.getByTestId('train-tab-setup'));
    expect(screen.getByTestId('dataset-select')).toHaveProperty('disabled', true);
    // The canvas thumbnail follows the current run's activations.
    expect(screen.getByTestId('node-thumb-conv')).toBeTruthy();

    await user.click(screen.getByTestId('stop-button'));
    expect(engine.calls.some((c) => c.method === 'stopRun' && c.args[0] === 'run-1')).toBe(true);

    play(engine, events.slice(firstEpochEnd + 2));
    await user.click(screen.getByTestId('train-tab-dashboard'));
    const final = await screen.findByTestId('final-metrics');
    expect(final.textContent).toMatch(/93\.4%/);
    expect(screen.getByTestId('epoch-counter').textContent).toMatch(/3 \/ 3/);
    expect(screen.getByTestId('confusion-matrix').querySelectorAll('tbody tr')).toHaveLength(10);
    expect(screen.getByTestId('per-class-accuracy').querySelectorAll('li')).toHaveLength(10);
    const preds = screen.getAllByTestId('prediction');
    expect(preds).toHaveLength(12);
    expect(preds.filter((p) => p.classList.contains('is-wrong'))).toHaveLength(2);
    expect(screen.getByTestId('train-button')).toHaveProperty('disabled', false);
    expect(screen.getByTestId('continue-button')).toHaveProperty('disabled', false);

    await user.click(screen.getByTestId('train-tab-activations'));
    for (const id of ['in', 'conv', 'flat', 'out'])
      expect(screen.getByTestId(`activation-layer-${id}`).textContent).toContain(id);
    expect(screen.getByTestId('activation-layer-conv').textContent).toMatch(/\(None, 26, 26, 8\)/);
    expect(screen.getByTestId('activation-filters')).toBeTruthy();

    await user.click(screen.getByTestId('continue-button'));
    const cont = engine.calls.filter((c) => c.method === 'startRun')[1];
    expect(cont.args[1]).toEqual({ continueFrom: 'run-1', epochs: 3 });
  });

  it('shows a failed run with its message and hint', async () => {
    const { engine, user } = setup();
    const train = await screen.findByTestId('train-button');
    await waitFor(() => expect(train).toHaveProperty('disabled', false));
    await user.click(train);
    play(engine, scriptedRun('run-1', { epochs: 3, batchesPerEpoch: 5, failAfterEpochs: 1 }));
    const failure = await screen.findByTestId('run-failure');
    expect(failure.textContent).toMatch(/loss became NaN/);
    expect(failure.textContent).toMatch(/Lower the learning rate/);
    expect(screen.getByTestId('run-status').textContent).toBe('Failed');
    expect(screen.getByTestId('train-button')).toHaveProperty('disabled', false);
  });

  it('shows why the engine refused to start', async () => {
    const err = Object.assign(new Error('This project is already training.'), { hint: 'Stop it first.' });
    const { user } = setup(createFakeEngine({ startError: err }));
    const train = await screen.findByTestId('train-button');
    await waitFor(() => expect(train).toHaveProperty('disabled', false));
    await user.click(train);
    expect((await screen.findByTestId('start-error')).textContent).toMatch(/already training.*Stop it first/);
    expect(train).toHaveProperty('disabled', false);
  });

  it('says Reconnecting… while the connection is down, keeps edits, and recovers', async () => {
    const { engine, user } = setup();
    await screen.findByTestId('dataset-select');
    act(() => engine.setConnection('reconnecting'));
    expect(screen.getByTestId('reconnecting').textContent).toMatch(/Reconnecting…/);
    expect(screen.getByTestId('train-button')).toHaveProperty('disabled', true);
    // Editing goes on.
    const seed = screen.getByTestId('seed');
    await user.clear(seed);
    await user.type(seed, '7');
    expect(useEditor.getState().project.training?.seed).toBe(7);
    act(() => engine.setConnection('connected'));
    expect(screen.queryByTestId('reconnecting')).toBeNull();
    expect(screen.getByTestId('train-button')).toHaveProperty('disabled', false);
    expect(useEditor.getState().project.training?.seed).toBe(7);
  });

  it('settles a run that finished while disconnected', async () => {
    const engine = createFakeEngine();
    engine.stored.set(
      'run-1',
      storedRun('run-1', 'Tiny CNN', '2025-01-01T00:00:00Z', { epochs: 2, batchesPerEpoch: 3 }),
    );
    const { user } = setup(engine);
    const train = await screen.findByTestId('train-button');
    await waitFor(() => expect(train).toHaveProperty('disabled', false));
    await user.click(train);
    play(engine, scriptedRun('run-1', { epochs: 2, batchesPerEpoch: 3 }).slice(0, 3));
    act(() => engine.setConnection('reconnecting'));
    act(() => engine.setConnection('connected'));
    await waitFor(() => expect(useRuns.getState().runs['run-1'].status).toBe('completed'));
  });
});

describe('Runs', () => {
  it('lists the runs with their final numbers, reopens one, and compares two', async () => {
    const engine = createFakeEngine();
    engine.stored.set(
      '20250101-a',
      storedRun('20250101-a', 'Tiny CNN', '2025-01-01T09:00:00Z', { epochs: 4, batchesPerEpoch: 5 }),
    );
    engine.stored.set(
      '20250102-b',
      storedRun('20250102-b', 'Tiny CNN', '2025-01-02T09:00:00Z', {
        epochs: 2,
        batchesPerEpoch: 5,
        failAfterEpochs: 1,
      }),
    );
    const { user } = setup(engine);
    await user.click(screen.getByTestId('train-tab-runs'));
    const row = await screen.findByTestId('run-row-20250101-a');
    expect(row.textContent).toMatch(/completed/);
    expect(row.textContent).toMatch(/93\.4%/);
    expect(screen.getByTestId('run-row-20250102-b').textContent).toMatch(/failed/);

    const boxes = screen.getAllByRole('checkbox', { name: /Compare run/ });
    await user.click(boxes[0]);
    await user.click(boxes[1]);
    expect(await screen.findByTestId('compare-chart')).toBeTruthy();
    expect(screen.getByTestId('compare-loss')).toBeTruthy();
    // Settings side by side (read from each run's project), oldest run first.
    const settings = screen.getByTestId('compare-settings');
    expect(settings.querySelectorAll('thead th')).toHaveLength(3);
    expect(screen.getByTestId('compare-row-optimizer')).toBeTruthy();
    expect(screen.getByTestId('compare-smoothing')).toBeTruthy();

    await user.click(screen.getByTestId('open-run-20250101-a'));
    await waitFor(() => expect(screen.getByTestId('epoch-counter').textContent).toMatch(/4 \/ 4/));
    expect(useRuns.getState().shownRunId).toBe('20250101-a');
    expect(screen.getByTestId('chart-loss')).toBeTruthy();
  });
});
