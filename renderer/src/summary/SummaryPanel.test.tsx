// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { resetEditor, useEditor } from '../store';
import { tinyCnn } from '../testing/fixtures';
import { SummaryPanel } from './SummaryPanel';

const renderSummary = () =>
  render(
    <ReactFlowProvider>
      <SummaryPanel />
    </ReactFlowProvider>,
  );

beforeEach(() => {
  resetEditor();
  useEditor.getState().loadProject(tinyCnn(), null);
});
afterEach(() => cleanup());

describe('SummaryPanel', () => {
  it('lists the layers in topological order with shapes and weights, and the totals', () => {
    renderSummary();
    const rows = screen
      .getAllByTestId(/^summary-row-/)
      .map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['in', 'Input', '(None, 28, 28, 1)', '0'],
      ['conv', 'Conv2D', '(None, 26, 26, 8)', '80'],
      ['flat', 'Flatten', '(None, 5408)', '0'],
      ['out', 'Dense', '(None, 10)', '54,090'],
    ]);
    expect(screen.getByTestId('summary-total').textContent).toBe('54,170');
    expect(screen.getByTestId('summary-trainable').textContent).toBe('54,170');
    expect(screen.getByTestId('summary-nontrainable').textContent).toBe('0');
    expect(screen.getByTestId('summary-memory').textContent).toBe('0.21 MB');
    expect(screen.getByTestId('summary-macs').textContent).toMatch(/MACs/);
  });

  it('moves frozen weights to non-trainable', () => {
    act(() => useEditor.getState().setParam('conv', 'trainable', false));
    renderSummary();
    expect(screen.getByTestId('summary-trainable').textContent).toBe('54,090');
    expect(screen.getByTestId('summary-nontrainable').textContent).toBe('80');
  });

  it('lists problems; clicking one selects its node', async () => {
    const user = userEvent.setup();
    act(() => {
      useEditor.getState().select(['flat']);
      useEditor.getState().deleteSelection();
    });
    renderSummary();
    const items = screen.getAllByTestId('problem-item');
    expect(items.length).toBeGreaterThan(0);
    await user.click(items[0]);
    expect(useEditor.getState().selectedNodes).toEqual(['out']);
  });
});
