// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EngineProvider } from '../../engine/EngineProvider';
import { EngineCallError } from '../../engine/engineCallError';
import { resetEditor, useEditor } from '../../store';
import { tinyCnn } from '../../testing/fixtures';
import { ExportDialog } from './ExportDialog';
import { createFakeEngine, storedRun, type FakeEngine } from '../../testing/fakeEngine';

function setup(engine: FakeEngine = createFakeEngine()) {
  useEditor.getState().loadProject({ ...tinyCnn(), name: 'Tiny CNN' }, null);
  render(
    <EngineProvider client={engine}>
      <ExportDialog onClose={() => {}} />
    </EngineProvider>,
  );
  return { engine, user: userEvent.setup() };
}

beforeEach(() => resetEditor());
afterEach(cleanup);

describe('ExportDialog', () => {
  it("exports the newest finished run to the chosen format and shows the files and the check's result", async () => {
    const engine = createFakeEngine();
    engine.stored.set('run-old', storedRun('run-old', 'Tiny CNN', '2026-01-01T10:00:00Z'));
    engine.stored.set('run-new', storedRun('run-new', 'Tiny CNN', '2026-01-02T10:00:00Z'));
    const { user } = setup(engine);
    await waitFor(() => expect(screen.getByTestId('export-source')).toHaveProperty('value', 'run-new'));
    await user.click(screen.getByTestId('export-format-tfjs'));
    await user.type(screen.getByTestId('export-destination'), 'for-the-web');
    await user.click(screen.getByTestId('export-submit'));
    await screen.findByTestId('export-result');
    expect(engine.calls.find((c) => c.method === 'exportModel')?.args[0]).toEqual({
      format: 'tfjs',
      destination: 'for-the-web',
      runId: 'run-new',
    });
    expect(screen.getByTestId('export-dir').textContent).toBe('/srv/data/exports/for-the-web');
    expect(screen.getByTestId('export-check-status').textContent).toBe('Check passed');
    expect(screen.getByTestId('export-check-detail').textContent).toMatch(/max relative error 3\.2e-7/);
    expect(screen.getByText('model.json')).toBeTruthy();
  });

  it('exports the untrained network when there is no finished run, with a suggested folder name', async () => {
    const { engine, user } = setup();
    await user.click(screen.getByTestId('export-submit'));
    await screen.findByTestId('export-result');
    const request = engine.calls.find((c) => c.method === 'exportModel')?.args[0] as Record<string, unknown>;
    expect(request).toMatchObject({ format: 'onnx', destination: 'tiny-cnn-untrained-onnx' });
    expect(request.project).toMatchObject({ name: 'Tiny CNN' });
  });

  it('asks before replacing a folder that exists, and says why an export was refused', async () => {
    const engine = createFakeEngine();
    const real = engine.exportModel;
    let calls = 0;
    engine.exportModel = async (request) => {
      calls++;
      if (calls === 1) throw new EngineCallError({ code: 'exists', message: '/srv/data/exports/x already exists.' });
      if (calls === 2) return real(request);
      throw new EngineCallError({
        code: 'export-refused',
        message: 'rnn (SimpleRNN): selu cannot run',
        hint: 'Use tanh.',
      });
    };
    const { user } = setup(engine);
    await user.click(screen.getByTestId('export-submit'));
    await screen.findByTestId('export-exists');
    await user.click(screen.getByTestId('export-replace'));
    await screen.findByTestId('export-result');
    expect(engine.calls.at(-1)?.args[0]).toMatchObject({ force: true });

    cleanup();
    setup(engine);
    await userEvent.setup().click(screen.getByTestId('export-submit'));
    expect((await screen.findByTestId('export-error')).textContent).toMatch(/selu cannot run.*Use tanh\./);
  });
});
