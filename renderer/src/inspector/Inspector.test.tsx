// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetEditor, useEditor } from '../store';
import { analysisOf } from '../store/analysis';
import { tinyCnn } from '../testing/fixtures';
import { Inspector } from './Inspector';

const s = () => useEditor.getState();
const paramsOf = (id: string) => s().project.graph.nodes.find((n) => n.id === id)!.params;
const shapeOf = (id: string) => analysisOf(s().project.graph).nodes.get(id)?.outputShape;

beforeEach(() => {
  resetEditor();
  s().loadProject(tinyCnn(), null);
});
afterEach(() => cleanup());

describe('Inspector', () => {
  it('asks for a selection when there is none', () => {
    render(<Inspector />);
    expect(screen.getByTestId('inspector').textContent).toMatch(/Select a layer/);
  });

  it('shows the kind, its explanation, the id, the shape and a field per parameter', () => {
    act(() => s().select(['conv']));
    render(<Inspector />);
    expect(screen.getByTestId('inspector-kind').textContent).toBe('Conv2D');
    expect((screen.getByTestId('inspector-id') as HTMLInputElement).value).toBe('conv');
    expect(screen.getByTestId('inspector').textContent).toMatch(/filters/);
    expect(screen.getByTestId('inspector-shape').textContent).toBe('(None, 26, 26, 8)');
    expect((screen.getByTestId('param-filters') as HTMLInputElement).value).toBe('8');
    expect((screen.getByTestId('param-kernelSize') as HTMLInputElement).value).toBe('3');
    expect((screen.getByTestId('param-activation') as HTMLSelectElement).value).toBe('relu');
    expect((screen.getByTestId('param-useBias') as HTMLInputElement).checked).toBe(true);
  });

  it('never writes an invalid value: it stays in the field, red, with the reason', async () => {
    const user = userEvent.setup();
    act(() => s().select(['conv']));
    render(<Inspector />);
    const before = s().project.graph;

    const filters = screen.getByTestId('param-filters');
    await user.clear(filters);
    await user.type(filters, '0');
    expect(screen.getByTestId('param-filters-error').textContent).toMatch(/at least 1/);
    expect(filters.getAttribute('aria-invalid')).toBe('true');

    const kernel = screen.getByTestId('param-kernelSize');
    await user.clear(kernel);
    await user.paste('3, 3, 3'); // at once: typed, it would pass through the valid '3, 3'
    expect(screen.getByTestId('param-kernelSize-error').textContent).toMatch(/2 whole numbers/);
    await user.tab(); // leaving the field keeps the invalid text and its message
    expect((kernel as HTMLInputElement).value).toBe('3, 3, 3');

    expect(s().project.graph).toBe(before);
    expect(s().undoStack).toHaveLength(0);
  });

  it('writes a valid change through setParam, and the shapes downstream follow at once', async () => {
    const user = userEvent.setup();
    act(() => s().select(['conv']));
    render(<Inspector />);
    const kernel = screen.getByTestId('param-kernelSize');
    await user.clear(kernel);
    await user.type(kernel, '5, 5');
    expect(paramsOf('conv').kernelSize).toEqual([5, 5]);
    expect(shapeOf('conv')).toEqual([null, 24, 24, 8]);
    expect(shapeOf('flat')).toEqual([null, 24 * 24 * 8]);
    expect(screen.getByTestId('inspector-shape').textContent).toBe('(None, 24, 24, 8)');
    expect(screen.queryByTestId('param-kernelSize-error')).toBeNull();

    await user.selectOptions(screen.getByTestId('param-padding'), 'same');
    expect(shapeOf('conv')).toEqual([null, 28, 28, 8]);
    await user.click(screen.getByTestId('param-useBias'));
    expect(paramsOf('conv').useBias).toBe(false);
  });

  it('edits list shapes, initializers and regularizers', async () => {
    const user = userEvent.setup();
    act(() => s().select(['in']));
    const { unmount } = render(<Inspector />);
    const shape = screen.getByTestId('param-shape');
    await user.clear(shape);
    await user.type(shape, '32, 32, 3');
    expect(paramsOf('in').shape).toEqual([32, 32, 3]);
    expect(shapeOf('conv')).toEqual([null, 30, 30, 8]);
    unmount();

    act(() => s().select(['out']));
    render(<Inspector />);
    await user.selectOptions(screen.getByTestId('param-kernelInitializer'), 'constant');
    const value = screen.getByTestId('param-kernelInitializer-value');
    await user.clear(value);
    await user.type(value, '0.5');
    expect(paramsOf('out').kernelInitializer).toEqual({ name: 'constant', value: 0.5 });
    await user.type(screen.getByTestId('param-kernelRegularizer-l2'), '0.01');
    expect(paramsOf('out').kernelRegularizer).toEqual({ l2: 0.01 });
    await user.type(screen.getByTestId('param-kernelRegularizer-l1'), '-1');
    expect(screen.getByTestId('param-kernelRegularizer-l1-error').textContent).toMatch(/at least 0/);
    expect(paramsOf('out').kernelRegularizer).toEqual({ l2: 0.01 });
  });

  it("shows the node's problem and what to do about it", () => {
    act(() => {
      s().select(['flat']);
      s().deleteSelection();
      s().select(['out']);
    });
    render(<Inspector />);
    const problem = screen.getByTestId('inspector-problem');
    expect(problem.textContent).toMatch(/needs an input/);
    expect(problem.textContent).toMatch(/Connect a layer/);
  });

  it('renames the layer on Enter: one undo step, edges follow, the field keeps focus', async () => {
    const user = userEvent.setup();
    act(() => s().select(['conv']));
    render(<Inspector />);
    const field = screen.getByTestId('inspector-id') as HTMLInputElement;
    await user.clear(field);
    await user.type(field, 'features{Enter}');
    expect(s().project.graph.nodes.map((n) => n.id)).toEqual(['in', 'features', 'flat', 'out']);
    expect(s().project.graph.edges[0]).toEqual({ source: 'in', target: 'features' });
    expect(s().undoStack).toHaveLength(1);
    expect(s().selectedNodes).toEqual(['features']);
    expect(screen.getByTestId('inspector-id')).toBe(document.activeElement);

    act(() => s().undo());
    expect((screen.getByTestId('inspector-id') as HTMLInputElement).value).toBe('conv');
  });

  it('shows an invalid or taken name inline and never writes it; Escape puts the id back', async () => {
    const user = userEvent.setup();
    act(() => s().select(['conv']));
    render(<Inspector />);
    const before = s().project.graph;
    const field = screen.getByTestId('inspector-id') as HTMLInputElement;

    await user.clear(field);
    expect(screen.getByTestId('inspector-id-error').textContent).toMatch(/needs a name/);
    await user.type(field, 'my conv');
    expect(screen.getByTestId('inspector-id-error').textContent).toMatch(/only letters, digits/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    await user.clear(field);
    await user.type(field, 'flat{Enter}');
    expect(screen.getByTestId('inspector-id-error').textContent).toMatch(/already called “flat”/);
    await user.tab(); // leaving the field writes nothing either
    expect(s().project.graph).toBe(before);

    await user.click(field);
    await user.keyboard('{Escape}');
    expect(field.value).toBe('conv');
    expect(screen.queryByTestId('inspector-id-error')).toBeNull();
    expect(s().undoStack).toHaveLength(0);
  });

  it('Freeze freezes the layer (one undo step) and moves its weights to non-trainable', async () => {
    const user = userEvent.setup();
    act(() => s().select(['out']));
    render(<Inspector />);
    expect(screen.queryByTestId('param-trainable')).toBeNull(); // the toggle replaces the param
    await user.click(screen.getByTestId('freeze-toggle'));
    expect(s().project.graph.nodes.find((n) => n.id === 'out')!.trainable).toBe(false);
    expect(analysisOf(s().project.graph).totals.nonTrainable).toBe(54_090);
    expect((screen.getByTestId('freeze-toggle') as HTMLInputElement).checked).toBe(true);
    act(() => s().undo());
    expect('trainable' in s().project.graph.nodes.find((n) => n.id === 'out')!).toBe(false);
    expect((screen.getByTestId('freeze-toggle') as HTMLInputElement).checked).toBe(false);
  });

  it('"Freeze everything above this layer" freezes the layers with weights upstream, as one undo step', async () => {
    const user = userEvent.setup();
    act(() => s().select(['out']));
    render(<Inspector />);
    await user.click(screen.getByTestId('freeze-above'));
    const trainable = () => s().project.graph.nodes.map((n) => n.trainable);
    expect(trainable()).toEqual([undefined, false, undefined, undefined]);
    expect(screen.getByTestId('freeze-above-said').textContent).toBe('Froze 1 layer above this one.');
    expect(s().undoStack).toHaveLength(1);
    act(() => s().undo());
    expect(trainable()).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('offers no Freeze for a layer without weights', () => {
    act(() => s().select(['flat']));
    render(<Inspector />);
    expect(screen.queryByTestId('inspector-freeze')).toBeNull();
  });
});
