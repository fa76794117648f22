// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { LAYER_SPECS } from '../../../shared/catalog';
import { resetEditor, useEditor } from '../store';
import { tinyCnn } from '../testing/fixtures';
import { Palette } from './Palette';

const renderPalette = () =>
  render(
    <ReactFlowProvider>
      <Palette />
    </ReactFlowProvider>,
  );

const shownKinds = () =>
  screen.queryAllByTestId(/^palette-item-/).map((el) => el.getAttribute('data-testid')!.replace('palette-item-', ''));

beforeEach(() => resetEditor());
afterEach(() => cleanup());

describe('Palette', () => {
  it('lists every kind in the catalog, grouped by category, each with its explanation', () => {
    renderPalette();
    expect(shownKinds().sort()).toEqual(LAYER_SPECS.map((s) => s.kind).sort());
    for (const spec of LAYER_SPECS) {
      const item = screen.getByTestId(`palette-item-${spec.kind}`);
      expect(item.textContent).toContain(spec.summary);
      expect(item.closest('section')!.getAttribute('aria-label')).toBe(spec.category);
    }
  });

  it('searches names and explanations, every word must match', async () => {
    const user = userEvent.setup();
    renderPalette();
    const search = screen.getByTestId('palette-search');
    await user.type(search, 'dense');
    expect(shownKinds()).toContain('Dense');
    expect(shownKinds()).not.toContain('Conv2D');

    await user.clear(search);
    await user.type(search, 'edge'); // only in Conv2D's explanation, not its name
    expect(shownKinds()).toContain('Conv2D');
    expect(shownKinds()).not.toContain('Dense');

    const pooling = LAYER_SPECS.filter((s) => s.category === 'Pooling').map((s) => s.kind);
    await user.clear(search);
    await user.type(search, 'pooling');
    expect(shownKinds()).toEqual(expect.arrayContaining(pooling));

    await user.clear(search);
    await user.type(search, 'no such layer anywhere');
    expect(shownKinds()).toEqual([]);
    expect(screen.getByTestId('palette-empty')).toBeTruthy();
  });

  it('adds a layer with Enter, connected after the selected one', async () => {
    const user = userEvent.setup();
    useEditor.getState().loadProject(tinyCnn(), null);
    useEditor.getState().select(['out']);
    renderPalette();
    screen.getByTestId('palette-item-Dropout').focus();
    await user.keyboard('{Enter}');
    const s = useEditor.getState();
    expect(s.project.graph.nodes.at(-1)?.kind).toBe('Dropout');
    expect(s.project.graph.edges.at(-1)).toEqual({ source: 'out', target: 'dropout_1' });
    expect(s.selectedNodes).toEqual(['dropout_1']);
    // Below the layer it follows.
    expect(s.project.graph.nodes.at(-1)!.position!.y).toBeGreaterThan(360);
  });

  it('adds a layer on click without connecting when nothing is selected', async () => {
    const user = userEvent.setup();
    renderPalette();
    await user.click(within(screen.getByTestId('palette')).getByTestId('palette-item-Input'));
    expect(useEditor.getState().project.graph.nodes.map((n) => n.kind)).toEqual(['Input']);
    expect(useEditor.getState().project.graph.edges).toEqual([]);
  });
});

describe('Palette from the keyboard (issue 14, defect 7)', () => {
  it('is one Tab stop: search box, then one layer, then out of the list', async () => {
    const user = userEvent.setup();
    render(
      <ReactFlowProvider>
        <Palette />
        <button type="button">after</button>
      </ReactFlowProvider>,
    );
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId('palette-search'));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId(`palette-item-${shownKinds()[0]}`));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'after' }));
    // Every other layer is out of the Tab order but reachable with the arrows.
    expect(screen.queryAllByTestId(/^palette-item-/).filter((el) => el.tabIndex === 0)).toHaveLength(1);
  });

  it('moves with the arrows, Home and End; Down from the search enters at the first match; Enter adds', async () => {
    const user = userEvent.setup();
    renderPalette();
    const kinds = shownKinds();
    screen.getByTestId(`palette-item-${kinds[0]}`).focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByTestId(`palette-item-${kinds[2]}`));
    expect((document.activeElement as HTMLElement).tabIndex).toBe(0);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(screen.getByTestId(`palette-item-${kinds[1]}`));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByTestId(`palette-item-${kinds.at(-1)}`));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(screen.getByTestId(`palette-item-${kinds[0]}`));

    await user.click(screen.getByTestId('palette-search'));
    await user.keyboard('flatten{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByTestId('palette-item-Flatten'));
    await user.keyboard('{Enter}');
    expect(useEditor.getState().project.graph.nodes.map((n) => n.kind)).toEqual(['Flatten']);
  });
});
