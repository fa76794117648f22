// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { parseProject, serializeProject, type Project } from '../../../shared/project';
import { resetEditor, useEditor } from '../store';
import { tinyCnn } from '../testing/fixtures';
import { NotesPanel } from './NotesPanel';

const s = () => useEditor.getState();
function template(id: string): Project {
  const r = parseProject(readFileSync(join(__dirname, '../../../templates', `${id}.deepwire.json`), 'utf8'));
  if (!r.ok) throw new Error(id);
  return r.project;
}
const show = () =>
  render(
    <ReactFlowProvider>
      <NotesPanel />
    </ReactFlowProvider>,
  );

beforeEach(() => resetEditor());
afterEach(() => cleanup());

describe('Notes', () => {
  it('shows a template’s summary, teaching notes and citation; a layer reference selects that layer', async () => {
    const user = userEvent.setup();
    act(() => s().loadProject(template('lenet5'), null, { asNew: true }));
    show();
    const panel = screen.getByTestId('notes-panel');
    expect(panel.textContent).toMatch(/LeNet/);
    expect(screen.getByTestId('notes-citation').textContent).toMatch(/LeCun/);
    expect(screen.getByTestId('teaching-notes').textContent).toMatch(/Watch the second convolution, C3, after epoch 3/);
    await user.click(screen.getByTestId('note-ref-C3'));
    expect(s().selectedNodes).toEqual(['C3']);
    await user.click(screen.getAllByTestId('note-ref-C1')[0]);
    expect(s().selectedNodes).toEqual(['C1']);
  });

  it('keeps the notes and their references through save and open', () => {
    const text = serializeProject(template('batchnorm-example'));
    const r = parseProject(text);
    if (!r.ok) throw new Error('reload');
    act(() => s().loadProject(r.project, 'saved.deepwire.json'));
    show();
    for (const id of ['bn_1', 'bn_2', 'bn_3', 'dense_1']) expect(screen.getByTestId(`note-ref-${id}`)).toBeTruthy();
  });

  it('disables a reference to a layer that is gone, and says when a project has no notes', () => {
    const project = template('perceptron');
    act(() =>
      s().loadProject(
        { ...project, graph: { ...project.graph, nodes: project.graph.nodes.slice(0, 1), edges: [] } },
        null,
      ),
    );
    const { unmount } = show();
    const ref = screen.getByTestId('note-ref-unit') as HTMLButtonElement;
    expect(ref.disabled).toBe(true);
    expect(ref.title).toMatch(/no layer "unit"/);
    unmount();
    act(() => s().loadProject(tinyCnn(), null));
    show();
    expect(screen.getByTestId('notes-panel').textContent).toMatch(/This project has no notes/);
  });
});
