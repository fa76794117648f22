// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as BrowserFiles from '../engine/browserFiles';
import { EngineProvider } from '../engine/EngineProvider';
import { resetEditor, useEditor } from '../store';
import { analysisOf } from '../store/analysis';
import { createFakeEngine } from '../testing/fakeEngine';
import { useImportStatus } from './importStatus';
import { ImportStatus } from './ImportStatus';
import { useProjectActions } from './useProjectActions';

/** The Import… action as the toolbar and the File menu run it (the toolbar needs a React Flow canvas). */
function ImportButton() {
  const actions = useProjectActions();
  return (
    <>
      <button type="button" data-testid="btn-import" onClick={() => void actions.importModel()}>
        Import…
      </button>
      <ImportStatus />
    </>
  );
}

const picked = vi.hoisted(() => ({ files: null as { name: string; bytes: Uint8Array }[] | null }));
vi.mock('../engine/browserFiles', async (original) => ({
  ...(await original<typeof BrowserFiles>()),
  pickFiles: async () => picked.files,
}));

beforeEach(() => {
  resetEditor();
  useImportStatus.getState().set(null);
});
afterEach(() => cleanup());

function setup(engine = createFakeEngine()) {
  render(
    <EngineProvider client={engine}>
      <ImportButton />
    </EngineProvider>,
  );
  return { engine, user: userEvent.setup() };
}

describe('File → Import…', () => {
  it('sends the picked files, opens the imported project with its shapes and weights, and says how close it is', async () => {
    picked.files = [{ name: 'cnn.onnx', bytes: new Uint8Array([8, 7]) }];
    const { engine, user } = setup();
    await user.click(screen.getByTestId('btn-import'));
    await waitFor(() => expect(screen.getByTestId('import-status').dataset.state).toBe('done'));
    expect(engine.calls.find((c) => c.method === 'importModel')?.args[0]).toEqual({ files: picked.files });
    const { project, filePath } = useEditor.getState();
    expect(filePath).toBe('imported/cnn/cnn.deepwire.json');
    expect(project.weights).toBe('cnn.weights/model.json');
    expect(analysisOf(project.graph).nodes.get('fc')?.outputShape).toEqual([null, 10]);
    expect(screen.getByTestId('import-status').textContent).toMatch(/Imported cnn\.deepwire\.json/);
    expect(screen.getByTestId('import-status').textContent).toMatch(/Equal to the original within 6\.0e-8/);
    expect(screen.getByTestId('import-status').textContent).toMatch(/channels-last/);
  });

  it('a refusal keeps the open project and shows the importer’s message and hint', async () => {
    picked.files = [{ name: 'odd.onnx', bytes: new Uint8Array(1) }];
    const engine = createFakeEngine();
    engine.importModel = async () => {
      throw Object.assign(new Error('Erf node "/Erf" (node 2 of the graph in odd.onnx) cannot be imported.'), {
        hint: 'Use --partial to import the network up to this node.',
      });
    };
    const before = useEditor.getState().project;
    const { user } = setup(engine);
    await user.click(screen.getByTestId('btn-import'));
    await waitFor(() => expect(screen.getByTestId('import-status').dataset.state).toBe('failed'));
    expect(screen.getByTestId('import-status').textContent).toMatch(/Erf node "\/Erf"/);
    expect(screen.getByTestId('import-status').textContent).toMatch(/--partial/);
    expect(useEditor.getState().project).toBe(before);
    act(() => screen.getByLabelText('Dismiss').click());
    expect(screen.queryByTestId('import-status')).toBeNull();
  });

  it('refuses a file too large for the app before sending it', async () => {
    picked.files = [{ name: 'huge.onnx', bytes: new Uint8Array(61 * 2 ** 20) }];
    const { engine, user } = setup();
    await user.click(screen.getByTestId('btn-import'));
    expect(screen.getByTestId('import-status').textContent).toMatch(/too large to import from the app \(61 MB\)/);
    expect(engine.calls.some((c) => c.method === 'importModel')).toBe(false);
  });
});
