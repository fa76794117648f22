// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { newProject } from '../../../../shared/project';
import { resetEditor, useEditor } from '../../store';
import { Canvas } from '../Canvas';
import { runGroupCommand } from './GroupButtons';

class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

function load() {
  const ids = ['in', 'a', 'b', 'out'];
  useEditor.getState().loadProject(
    {
      ...newProject('t'),
      graph: {
        nodes: ids.map((id, i) => ({
          id,
          kind: i === 0 ? 'Input' : 'Dense',
          params: i === 0 ? { shape: [4] } : { units: 4 },
          position: { x: 0, y: i * 130 },
        })),
        edges: ids.slice(1).map((id, i) => ({ source: ids[i], target: id })),
        groups: [{ id: 'hidden', label: 'Hidden layers', members: ['a', 'b'], collapsed: true }],
      },
    },
    null,
  );
}

const renderCanvas = () =>
  render(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <Canvas />
      </div>
    </ReactFlowProvider>,
  );

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', NoResizeObserver);
  resetEditor();
  load();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('groups on the canvas', () => {
  it('shows a collapsed group as one node with its summary; Open shows its layers in a labelled frame, Collapse folds it', () => {
    renderCanvas();
    const group = screen.getByTestId('group-hidden');
    expect(group.textContent).toContain('Hidden layers');
    expect(group.textContent).toContain('2 layers · 40 params');
    expect(group.textContent).toContain('4 → 4');
    expect(screen.queryByTestId('node-a')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Open group Hidden layers' }));
    expect(screen.getByTestId('frame-hidden').textContent).toContain('Hidden layers');
    expect(screen.getByTestId('node-a')).toBeTruthy();
    expect(screen.queryByTestId('group-hidden')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Collapse group Hidden layers' }));
    expect(screen.getByTestId('group-hidden')).toBeTruthy();
    act(() => useEditor.getState().undo());
    expect(screen.getByTestId('node-b')).toBeTruthy();
  });

  it('right-click menu: opens a group; groups the layer right-clicked', () => {
    renderCanvas();
    fireEvent.contextMenu(screen.getByTestId('group-hidden'));
    fireEvent.click(within(screen.getByTestId('group-menu')).getByText('Open “Hidden layers”'));
    expect(screen.queryByTestId('group-menu')).toBeNull();
    expect(screen.getByTestId('node-a')).toBeTruthy();
    fireEvent.contextMenu(screen.getByTestId('node-out'));
    expect(useEditor.getState().selectedNodes).toEqual(['out']);
    fireEvent.click(within(screen.getByTestId('group-menu')).getByText(/Group selection/));
    expect(useEditor.getState().project.graph.groups!.map((g) => g.members)).toEqual([['a', 'b'], ['out']]);
  });

  it('renames a group from its name (double-click, Enter); Escape leaves it as it was', () => {
    renderCanvas();
    fireEvent.doubleClick(screen.getByText('Hidden layers'));
    const input = screen.getByTestId('rename-hidden') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'Feature extractor' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(useEditor.getState().project.graph.groups![0].label).toBe('Hidden layers');
    fireEvent.doubleClick(screen.getByText('Hidden layers'));
    const again = screen.getByTestId('rename-hidden') as HTMLInputElement;
    fireEvent.change(again, { target: { value: 'Feature extractor' } });
    fireEvent.keyDown(again, { key: 'Enter' });
    fireEvent.blur(again);
    expect(useEditor.getState().project.graph.groups![0].label).toBe('Feature extractor');
    expect(screen.getByTestId('group-hidden').textContent).toContain('Feature extractor');
    // Still collapsed: renaming is not opening.
    expect(screen.queryByTestId('node-a')).toBeNull();
  });

  it('shows the wheel and zoom hint, and groups a selection from the command (the banner says why not)', () => {
    renderCanvas();
    expect(screen.getByTestId('zoom-hint').textContent).toMatch(/Scroll.*moves.*Ctrl \+ scroll.*zooms/);
    act(() => runGroupCommand('group'));
    expect(useEditor.getState().refusal?.message).toMatch(/^Select the layers to group first/);
    act(() => {
      useEditor.getState().select(['in', 'out']);
      runGroupCommand('group');
    });
    expect(useEditor.getState().project.graph.groups).toHaveLength(2);
    expect(screen.getByTestId('frame-group_1').textContent).toContain('Group 1');
  });
});
