// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Project } from '../../../../shared/project';
import { EngineProvider } from '../../engine/EngineProvider';
import { resetEditor, useEditor } from '../../store';
import { createFakeEngine } from '../../testing/fakeEngine';
import { resetRuns } from '../runs/runsStore';
import { TrainPanel } from '../TrainPanel';

/** The XOR network: two numbers in, one sigmoid unit out. */
const xor = (): Project => ({
  format: 'deepwire-project',
  version: 2,
  name: 'XOR',
  graph: {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [2] } },
      { id: 'h', kind: 'Dense', params: { units: 8, activation: 'tanh' } },
      { id: 'out', kind: 'Dense', params: { units: 1, activation: 'sigmoid' } },
    ],
    edges: [
      { source: 'in', target: 'h' },
      { source: 'h', target: 'out' },
    ],
  },
  training: { dataset: { builtin: 'xor' }, loss: 'binaryCrossentropy' },
});

beforeEach(() => {
  resetEditor();
  resetRuns();
});
// Unmount, then drop the runs (and the curve tick they may have asked for) before the page goes.
afterEach(() => {
  cleanup();
  resetRuns();
});

describe('Your data', () => {
  it('chooses a table under the served folder, previews it, and fits the network in one undo step', async () => {
    const engine = createFakeEngine();
    useEditor.getState().loadProject(xor(), null);
    render(
      <EngineProvider client={engine}>
        <TrainPanel />
      </EngineProvider>,
    );
    const user = userEvent.setup();
    const select = (await screen.findByTestId('dataset-select')) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('xor'));
    await user.selectOptions(select, 'Your data…');
    await user.click(await screen.findByTestId('data-entry-iris.csv'));
    expect(useEditor.getState().project.training?.dataset).toEqual({ file: 'iris.csv' });

    // What the engine read: rows under typed columns, the target marked, classes with counts.
    const rows = await screen.findByTestId('data-rows');
    expect(rows.textContent).toMatch(/species.*target/);
    expect(rows.textContent).toContain('versicolor');
    expect((await screen.findByTestId('class-balance')).textContent).toMatch(/setosa.*50/);
    // The same check as the trainer: the Input takes 2 numbers, the data has 4.
    expect((await screen.findAllByTestId('training-problem'))[0].textContent).toMatch(/shape \[2\].*\[4\]/);

    await user.click(screen.getByTestId('fit-network'));
    const { graph, training } = useEditor.getState().project;
    expect(graph.nodes[0].params.shape).toEqual([4]);
    expect(graph.nodes[2].params).toMatchObject({ units: 3, activation: 'softmax' });
    // The project named binary cross-entropy, which no longer suits 3 classes.
    expect(training?.loss).toBe('categoricalCrossentropy');
    await waitFor(() => expect(screen.queryAllByTestId('training-problem')).toEqual([]));
    expect(screen.getByTestId('network-fits')).toBeTruthy();

    useEditor.getState().undo();
    expect(useEditor.getState().project.graph.nodes[0].params.shape).toEqual([2]);
    expect(useEditor.getState().project.graph.nodes[2].params).toMatchObject({ units: 1, activation: 'sigmoid' });
  });

  it('changes the target column of a table', async () => {
    const engine = createFakeEngine();
    useEditor.getState().loadProject({ ...xor(), training: { dataset: { file: 'iris.csv' } } }, null);
    render(
      <EngineProvider client={engine}>
        <TrainPanel />
      </EngineProvider>,
    );
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByTestId('data-target'), 'petal_width');
    expect(useEditor.getState().project.training?.dataset).toEqual({ file: 'iris.csv', target: 'petal_width' });
    await waitFor(() =>
      expect(
        engine.calls.some(
          (c) => c.method === 'describeData' && (c.args[0] as { target?: string }).target === 'petal_width',
        ),
      ).toBe(true),
    );
  });
});
