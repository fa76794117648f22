// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { newProject, serializeProject, type Project } from '../../../shared/project';
import { openProjectText } from '../project/useProjectActions';
import { analysisOf, resetEditor, useEditor } from './index';

const s = () => useEditor.getState();
const ids = () => s().project.graph.nodes.map((n) => n.id);

function project(nodes: Project['graph']['nodes'], edges: Project['graph']['edges'] = []): Project {
  return { ...newProject('t'), graph: { nodes, edges } };
}

/** Input(28×28×1) → Conv2D → Flatten → Dense, laid out by hand. */
function cnn(): Project {
  return project(
    [
      { id: 'in', kind: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
      { id: 'c', kind: 'Conv2D', params: { filters: 8 }, position: { x: 0, y: 100 } },
      { id: 'f', kind: 'Flatten', params: {}, position: { x: 0, y: 200 } },
      { id: 'd', kind: 'Dense', params: { units: 10 }, position: { x: 0, y: 300 } },
    ],
    [
      { source: 'in', target: 'c' },
      { source: 'c', target: 'f' },
      { source: 'f', target: 'd' },
    ],
  );
}

describe('project identity', () => {
  it('gives a new project (New) and each template opening a fresh id; a rename and a save keep it', () => {
    s().loadProject(newProject(), null, { asNew: true });
    const first = s().project.id;
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    s().loadProject(newProject(), null, { asNew: true });
    expect(s().project.id).not.toBe(first);

    const template = serializeProject(cnn());
    expect(openProjectText(template, null, 'CNN', { asNew: true })).toBe(true);
    const once = s().project.id;
    expect(openProjectText(template, null, 'CNN', { asNew: true })).toBe(true);
    expect(s().project.id).toBeTruthy();
    expect(s().project.id).not.toBe(once);
    // Even a template that carried an id would not share it.
    s().loadProject({ ...cnn(), id: 'template-id' }, null, { asNew: true });
    expect(s().project.id).not.toBe('template-id');

    const id = s().project.id;
    s().renameProject('Renamed');
    s().markSaved('renamed.deepwire.json');
    expect(s().project).toMatchObject({ name: 'Renamed', id });
  });

  it('keeps an opened file’s id, and gives one to a file without (written on the next save)', () => {
    expect(openProjectText(serializeProject({ ...cnn(), id: 'file-id' }), 'a.deepwire.json', 'a')).toBe(true);
    expect(s().project.id).toBe('file-id');
    expect(openProjectText(serializeProject(cnn()), 'old.deepwire.json', 'old')).toBe(true);
    const given = s().project.id;
    expect(given).toBeTruthy();
    expect(s().dirty).toBe(false);
    expect(JSON.parse(serializeProject(s().project)).id).toBe(given);
  });

  it('starts with an id', () => {
    expect(s().project.id).toBeTruthy();
  });
});

const shapeOf = (id: string) => analysisOf(s().project.graph).nodes.get(id)?.outputShape;

beforeEach(() => resetEditor());

describe('editor store', () => {
  it('adds a layer with a fresh id, selects it and connects it after the given node when it can', () => {
    s().loadProject(cnn(), null);
    const id = s().addLayer('Dense', { x: 10, y: 400 }, 'd');
    expect(id).toBe('dense_1');
    expect(s().selectedNodes).toEqual(['dense_1']);
    expect(s().project.graph.edges.at(-1)).toEqual({ source: 'd', target: 'dense_1' });
    expect(shapeOf('dense_1')).toEqual([null, 32]);
    expect(s().dirty).toBe(true);
  });

  it('adds without connecting when the connection cannot work', () => {
    s().loadProject(cnn(), null);
    s().addLayer('Input', { x: 0, y: 0 }, 'd'); // nothing may feed an Input
    expect(s().project.graph.edges).toHaveLength(3);
  });

  it('undoes and redoes every kind of edit, one step each', () => {
    s().loadProject(cnn(), null);
    const original = s().project.graph;
    s().setParam('c', 'kernelSize', [5, 5]);
    expect(shapeOf('c')).toEqual([null, 24, 24, 8]);
    s().addLayer('Dropout', { x: 0, y: 0 }, null);
    s().select(['f']);
    s().deleteSelection();
    expect(ids()).toEqual(['in', 'c', 'd', 'dropout_1']);
    expect(s().undoStack).toHaveLength(3);

    s().undo();
    expect(ids()).toEqual(['in', 'c', 'f', 'd', 'dropout_1']);
    expect(s().project.graph.edges).toEqual(original.edges);
    s().undo();
    s().undo();
    expect(s().project.graph).toEqual(original);
    expect(s().redoStack).toHaveLength(3);

    s().redo();
    expect(shapeOf('c')).toEqual([null, 24, 24, 8]);
    s().redo();
    s().redo();
    expect(ids()).toEqual(['in', 'c', 'd', 'dropout_1']);
    s().undo();
    s().addLayer('Dense', { x: 0, y: 0 });
    expect(s().redoStack).toHaveLength(0); // a new edit forgets the redo branch
  });

  it('coalesces typing into one parameter into one undo step', () => {
    s().loadProject(cnn(), null);
    s().setParam('d', 'units', 1);
    s().setParam('d', 'units', 12);
    s().setParam('d', 'units', 128);
    expect(s().undoStack).toHaveLength(1);
    s().undo();
    expect(s().project.graph.nodes[3].params.units).toBe(10);
  });

  it('writes a default value as an absent parameter', () => {
    s().loadProject(cnn(), null);
    s().setParam('c', 'filters', 32); // Keras's default in the catalog
    expect(s().project.graph.nodes[1].params).toEqual({});
  });

  it('a dragged group is one undo step and keeps the analysis object', () => {
    s().loadProject(cnn(), null);
    const before = analysisOf(s().project.graph);
    s().moveNodes({ in: { x: 50, y: 50 }, c: { x: 60, y: 160 } });
    expect(analysisOf(s().project.graph)).toBe(before);
    expect(s().project.graph.nodes[0].position).toEqual({ x: 50, y: 50 });
    s().undo();
    expect(s().project.graph.nodes[0].position).toEqual({ x: 0, y: 0 });
    expect(s().project.graph.nodes[1].position).toEqual({ x: 0, y: 100 });
  });

  it('refuses an impossible connection with the reason and leaves the graph alone', () => {
    s().loadProject(cnn(), null);
    s().addLayer('Dense', { x: 0, y: 0 }, null);
    expect(s().connect('dense_1', 'in')).toBe(false);
    expect(s().refusal?.message).toMatch(/Input/);
    expect(s().connect('d', 'c')).toBe(false); // Conv2D already has its one input
    expect(s().refusal?.message).toMatch(/takes one input/);
    expect(s().project.graph.edges).toHaveLength(3);
    expect(s().connect('d', 'dense_1')).toBe(true);
  });

  it('deletes selected edges by their canvas id', () => {
    s().loadProject(cnn(), null);
    s().select([], ['c->f#0']);
    s().deleteSelection();
    expect(s().project.graph.edges.map((e) => e.target)).toEqual(['c', 'd']);
    expect(shapeOf('f')).toBeNull();
  });

  it('copies and pastes nodes with fresh ids, their inner edges, and offset positions', () => {
    s().loadProject(cnn(), null);
    s().select(['c', 'f']);
    s().copySelection();
    s().paste();
    expect(ids().slice(4)).toEqual(['conv2d_1', 'flatten_1']);
    expect(s().project.graph.edges.at(-1)).toEqual({ source: 'conv2d_1', target: 'flatten_1' });
    expect(s().project.graph.nodes[4].position).toEqual({ x: 40, y: 140 });
    expect(s().project.graph.nodes[4].params).toEqual({ filters: 8 });
    expect(s().selectedNodes).toEqual(['conv2d_1', 'flatten_1']);
    s().paste();
    expect(s().project.graph.nodes[6]).toMatchObject({ id: 'conv2d_2', position: { x: 80, y: 180 } });
    s().undo();
    s().undo();
    expect(ids()).toEqual(['in', 'c', 'f', 'd']);
  });

  it('lays out a file without positions on open, without making it dirty or undoable', () => {
    const p = cnn();
    for (const n of p.graph.nodes) delete n.position;
    s().loadProject(p, 'cnn.deepwire.json');
    const ys = s().project.graph.nodes.map((n) => n.position!.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys).size).toBe(4);
    expect(s().dirty).toBe(false);
    expect(s().undoStack).toHaveLength(0);
    expect(s().filePath).toBe('cnn.deepwire.json');
  });

  it('renames a node in one undo step: edges, shapes and the selection follow, undo and redo too', () => {
    s().loadProject(cnn(), null);
    s().select(['c'], ['in->c#0']);
    expect(s().renameNode('c', 'features')).toBeNull();
    expect(ids()).toEqual(['in', 'features', 'f', 'd']);
    expect(s().project.graph.edges.slice(0, 2)).toEqual([
      { source: 'in', target: 'features' },
      { source: 'features', target: 'f' },
    ]);
    expect(shapeOf('features')).toEqual([null, 26, 26, 8]);
    expect(s().selectedNodes).toEqual(['features']);
    expect(s().selectedEdges).toEqual([]);
    expect(s().undoStack).toHaveLength(1);
    expect(s().dirty).toBe(true);

    s().undo();
    expect(ids()).toEqual(['in', 'c', 'f', 'd']);
    expect(s().project.graph.edges[0]).toEqual({ source: 'in', target: 'c' });
    expect(s().selectedNodes).toEqual(['c']);
    s().redo();
    expect(ids()).toEqual(['in', 'features', 'f', 'd']);
    expect(s().selectedNodes).toEqual(['features']);
  });

  it('refuses an empty, malformed or taken id and writes nothing', () => {
    s().loadProject(cnn(), null);
    const before = s().project.graph;
    expect(s().renameNode('c', '')).toMatch(/needs a name/);
    expect(s().renameNode('c', 'conv 1')).toMatch(/only letters/);
    expect(s().renameNode('c', 'd')).toMatch(/already called/);
    expect(s().renameNode('nope', 'x')).toMatch(/no layer/);
    expect(s().renameNode('c', 'c')).toBeNull(); // its own id: nothing to do
    expect(s().project.graph).toBe(before);
    expect(s().undoStack).toHaveLength(0);
    expect(s().dirty).toBe(false);
  });

  it('auto-layout is one undo step', () => {
    s().loadProject(cnn(), null);
    s().autoLayout();
    expect(s().undoStack).toHaveLength(1);
    s().undo();
    expect(s().project.graph.nodes[3].position).toEqual({ x: 0, y: 300 });
  });

  it('opening a project clears history, selection and the dirty flag', () => {
    s().loadProject(cnn(), null);
    s().addLayer('Dense', { x: 0, y: 0 }, 'd');
    s().loadProject(cnn(), 'x.deepwire.json');
    expect(s().undoStack).toEqual([]);
    expect(s().selectedNodes).toEqual([]);
    expect(s().dirty).toBe(false);
    s().renameProject('Mine');
    expect(s().dirty).toBe(true);
    s().markSaved('y.deepwire.json');
    expect(s().dirty).toBe(false);
  });
});
