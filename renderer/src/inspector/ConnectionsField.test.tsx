// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetEditor, useEditor } from '../store';
import { tinyCnn } from '../testing/fixtures';
import { ConnectionsField } from './ConnectionsField';

/** Issue 14, defect 7: two layers can be connected (and disconnected) without a mouse. */

const edges = () => useEditor.getState().project.graph.edges.map((e) => `${e.source}->${e.target}`);

beforeEach(() => {
  resetEditor();
  useEditor.getState().loadProject(tinyCnn(), null);
});
afterEach(() => cleanup());

describe('ConnectionsField', () => {
  it('lists the inputs and outputs; Disconnect removes one wire as one undo step', async () => {
    const user = userEvent.setup();
    const before = edges();
    const [first] = useEditor.getState().project.graph.edges;
    render(<ConnectionsField id={first.target} />);
    expect(within(screen.getByTestId('wires-in')).getByText(first.source)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: `Disconnect ${first.source}` }));
    expect(edges()).not.toContain(`${first.source}->${first.target}`);
    expect(screen.getByTestId('wires-in').textContent).toContain('Nothing flows into this layer yet.');
    useEditor.getState().undo();
    expect(edges()).toEqual(before);
  });

  it('connects with the keyboard: pick a layer, Enter', async () => {
    const user = userEvent.setup();
    const [first] = useEditor.getState().project.graph.edges;
    useEditor.getState().edit({ type: 'delete', nodeIds: [], edgeIndices: [0] });
    render(<ConnectionsField id={first.target} />);
    const select = screen.getByTestId('connect-from-select');
    select.focus();
    await user.selectOptions(select, first.source);
    await user.keyboard('{Enter}');
    expect(edges()).toContain(`${first.source}->${first.target}`);
    expect(within(screen.getByTestId('wires-in')).getByText(first.source)).toBeTruthy();
  });

  it('says why a connection the shapes refuse is refused, as a drag would', async () => {
    const user = userEvent.setup();
    const graph = useEditor.getState().project.graph;
    const input = graph.nodes.find((n) => n.kind === 'Input')!;
    const last = graph.nodes.at(-1)!;
    // Into an Input nothing can flow.
    render(<ConnectionsField id={input.id} />);
    await user.selectOptions(screen.getByTestId('connect-from-select'), last.id);
    await user.click(screen.getByTestId('connect-from-button'));
    expect(edges()).not.toContain(`${last.id}->${input.id}`);
    expect(screen.getByTestId('connect-refused').textContent).toMatch(/\S/);
  });
});
