// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Project } from '../../../../shared/project';
import { EngineProvider } from '../../engine/EngineProvider';
import { resetEditor, useEditor } from '../../store';
import { tinyCnn } from '../../testing/fixtures';
import { createFakeEngine, scriptedRun, type FakeEngine } from '../../testing/fakeEngine';
import { resetRuns } from '../runs/runsStore';
import { TrainPanel } from '../TrainPanel';

const mnistProject = (): Project => ({
  ...tinyCnn(),
  training: { dataset: { builtin: 'mnist' }, loss: 'categoricalCrossentropy', epochs: 3 },
});

async function trainedRun(
  engine: FakeEngine,
  finish = true,
  edit: (e: ReturnType<typeof scriptedRun>) => ReturnType<typeof scriptedRun> = (e) => e,
) {
  useEditor.getState().loadProject(mnistProject(), null);
  render(
    <EngineProvider client={engine}>
      <TrainPanel />
    </EngineProvider>,
  );
  const user = userEvent.setup();
  const train = await screen.findByTestId('train-button');
  await waitFor(() => expect((train as HTMLButtonElement).disabled).toBe(false));
  await user.click(train);
  const events = edit(scriptedRun('run-1', { epochs: 2, batchesPerEpoch: 3 }));
  act(() => (finish ? events : events.slice(0, 4)).forEach((e) => engine.emit(e)));
  await user.click(screen.getByTestId('train-tab-tryit'));
  return user;
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

describe('Try it', () => {
  it('says what to do before there is a run, and waits for a run to finish', async () => {
    const engine = createFakeEngine();
    await trainedRun(engine, false);
    expect(screen.getByTestId('try-it').textContent).toMatch(/opens when this run has finished/);
    expect(screen.queryByTestId('try-mode-draw')).toBeNull();
  });

  it('a finished MNIST run offers drawing, a picture and test examples; a picked example shows 10 named probabilities and each layer', async () => {
    const engine = createFakeEngine();
    const user = await trainedRun(engine);
    expect(screen.getByTestId('try-mode-draw')).toBeTruthy();
    expect(screen.getByTestId('try-mode-image')).toBeTruthy();
    expect(screen.queryByTestId('try-mode-row')).toBeNull();
    expect(screen.getByTestId('try-draw-pad')).toBeTruthy();

    await user.click(screen.getByTestId('try-mode-example'));
    const examples = screen.getAllByTestId('try-example');
    expect(examples.length).toBe(12);
    await user.click(examples[2]);
    const call = engine.calls.find((c) => c.method === 'tryInput')!;
    expect(call.args[0]).toBe('run-1');
    expect((call.args[1] as number[]).length).toBe(784);

    const bars = await screen.findAllByTestId('try-class');
    expect(bars.map((b) => b.textContent?.match(/^\d/)?.[0])).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    const said = screen.getByTestId('try-said').textContent!;
    // The bars are probabilities (they sum to 100 %), the winner named above them.
    const percents = bars.map((b) => Number(b.querySelector('.dw-mono')!.textContent!.replace('%', '')));
    expect(percents.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    expect(bars.find((b) => b.className === 'is-best')!.textContent).toContain(said);
    const layers = within(screen.getByTestId('try-activations'));
    expect(layers.getByTestId('activation-layer-conv')).toBeTruthy();
    // The output layer's values carry the class names.
    expect(layers.getByTestId('activation-layer-out').textContent).toMatch(/0.*1.*2.*9/s);
    expect(examples[2].getAttribute('aria-pressed')).toBe('true');
  });

  it('a picture that is not an image is refused in plain words, with no call to the engine', async () => {
    const engine = createFakeEngine();
    const user = await trainedRun(engine);
    await user.click(screen.getByTestId('try-mode-image'));
    const file = new File(['a,b\n1,2\n'], 'table.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByTestId('try-file'), { target: { files: [file] } });
    expect((await screen.findByTestId('try-error')).textContent).toMatch(/"table.csv" is not a picture.*PNG, JPEG/);
    expect(engine.calls.some((c) => c.method === 'tryInput')).toBe(false);
  });

  it('an answer the engine refuses shows its message', async () => {
    const engine = createFakeEngine();
    engine.tryInput = async () => {
      throw Object.assign(new Error('This run is still training, so its model is not finished yet.'), {
        hint: 'Try your own input once it has finished.',
      });
    };
    const user = await trainedRun(engine);
    await user.click(screen.getByTestId('try-mode-example'));
    await user.click(screen.getAllByTestId('try-example')[0]);
    expect((await screen.findByTestId('try-error')).textContent).toMatch(/still training.*once it has finished/);
  });

  it('a network on a row of numbers takes typed values: a field each, non-numbers refused before asking', async () => {
    const engine = createFakeEngine();
    // The same run, but its network takes 4 numbers (a table's row).
    const user = await trainedRun(engine, true, (events) =>
      events.map((e) =>
        e.type === 'started' ? { ...e, dataset: { ...e.dataset, inputShape: [4], kind: 'table' as const } } : e,
      ),
    );
    expect(screen.queryByTestId('try-draw-pad')).toBeNull();
    const fields = within(screen.getByTestId('try-row')).getAllByRole('textbox');
    expect(fields).toHaveLength(4);
    await user.type(fields[0], '5.1');
    await user.type(fields[1], 'wide');
    await user.click(screen.getByTestId('try-row-submit'));
    expect(screen.getByTestId('try-error').textContent).toBe(
      '"wide" (x2) is not a number. Type digits, like 1.5 or -0.2.',
    );
    expect(engine.calls.some((c) => c.method === 'tryInput')).toBe(false);
    await user.clear(fields[1]);
    await user.type(fields[1], '3.5');
    await user.type(fields[2], '1.4');
    await user.type(fields[3], '0.2');
    await user.click(screen.getByTestId('try-row-submit'));
    expect(engine.calls.find((c) => c.method === 'tryInput')!.args[1]).toEqual([5.1, 3.5, 1.4, 0.2]);
    // The fake network takes 784 numbers, and says so: the message is shown as it comes.
    expect((await screen.findByTestId('try-error')).textContent).toMatch(/needs 784 numbers, but this one has 4/);
  });
});
