// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DatasetInfo } from '../../../../shared/protocol/client';
import { parseProject } from '../../../../shared/project';
import { resetEditor, useEditor } from '../../store';
import { SmallerInputOffer } from './SmallerInputOffer';

const s = () => useEditor.getState();
/** The engine's `shapes` entry as the panel receives it (the fields the offer reads). */
const SHAPES: DatasetInfo = {
  id: 'shapes',
  title: 'Shapes and textures (10 classes, colour)',
  description: 'Procedurally drawn colour pictures.',
  task: 'classification',
  kind: 'image',
  inputShape: [224, 224, 3],
  classNames: Array.from({ length: 10 }, (_, k) => `c${k}`),
  defaultSize: 2000,
  params: [{ name: 'imageSize', type: 'number', default: 64, min: 16, max: 227, integer: true, doc: 'side' }],
  shapeRule: ['imageSize', 'imageSize', 3],
};
const inputShape = () => s().project.graph.nodes.find((n) => n.kind === 'Input')!.params.shape;
const imageSize = () => (s().project.training?.dataset as { options?: { imageSize?: number } }).options?.imageSize;

beforeEach(() => {
  resetEditor();
  const text = readFileSync(join(__dirname, '../../../../templates/vgg16.deepwire.json'), 'utf8');
  const r = parseProject(text);
  if (!r.ok) throw new Error('vgg16');
  s().loadProject(r.project, null, { asNew: true });
});
afterEach(() => cleanup());

describe('Train at a smaller input size', () => {
  it('sets the Input and the pictures together, says what changed, and Undo puts both back in one step', async () => {
    const user = userEvent.setup();
    render(<SmallerInputOffer dataset={SHAPES} locked={false} />);
    expect(screen.getByTestId('smaller-input').textContent).toMatch(/takes 224×224 pictures/);
    await user.click(screen.getByTestId('train-smaller'));
    expect(inputShape()).toEqual([64, 64, 3]);
    expect(imageSize()).toBe(64);
    expect(s().project.graph.nodes).toHaveLength(25); // every layer kept
    const done = screen.getByTestId('smaller-input-done').textContent!;
    expect(done).toMatch(/Input 224×224×3 → 64×64×3/);
    expect(done).toMatch(/drawn at 64×64/);
    expect(done).toMatch(/Parameters 134\.3 M → 39\.9 M/);
    await user.click(screen.getByTestId('smaller-input-dismiss'));
    expect(screen.queryByTestId('smaller-input')).toBeNull();
    act(() => s().undo());
    expect(inputShape()).toEqual([224, 224, 3]);
    expect(imageSize()).toBe(224);
    expect(s().undoStack).toHaveLength(0);
    act(() => s().redo());
    expect(inputShape()).toEqual([64, 64, 3]);
    expect(imageSize()).toBe(64);
  });

  it('is not offered while a run trains (disabled) or for a small network', () => {
    const { unmount } = render(<SmallerInputOffer dataset={SHAPES} locked />);
    expect((screen.getByTestId('train-smaller') as HTMLButtonElement).disabled).toBe(true);
    unmount();
    act(() =>
      s().editWithTraining({ type: 'setParams', nodeId: 'input', params: { shape: [64, 64, 3] } }, {
        ...s().project.training!,
        dataset: { builtin: 'shapes', options: { imageSize: 64 } },
      } as never),
    );
    render(<SmallerInputOffer dataset={SHAPES} locked={false} />);
    expect(screen.queryByTestId('smaller-input')).toBeNull();
  });
});
