import { describe, expect, it } from 'vitest';
import {
  addNode,
  addSubgraph,
  applyEdit,
  connect,
  disconnect,
  freshId,
  moveNodes,
  nodeIdProblem,
  removeNodes,
  renameNode,
  setFrozen,
  setParam,
  upstreamOf,
  type Edit,
} from './edits';
import { chain } from './testGraphs';
import type { Graph } from './types';

const base = (): Graph => {
  const g = chain([
    ['Input', { shape: [8] }],
    ['Dense', { units: 4 }],
    ['Dense', { units: 2 }],
  ]);
  g.nodes[0].position = { x: 0, y: 0 };
  return g;
};

/** Applying an edit then its inverse gives back an equal graph; the original is never mutated. */
function roundTrip(g: Graph, edit: Edit) {
  const frozen = JSON.stringify(g);
  const r = applyEdit(g, edit);
  expect(JSON.stringify(g)).toBe(frozen);
  const back = applyEdit(r.graph, r.inverse);
  expect(back.graph).toEqual(g);
  // Redo: the inverse of the inverse re-applies the edit.
  expect(applyEdit(back.graph, back.inverse).graph).toEqual(r.graph);
  return r.graph;
}

describe('graph edits', () => {
  it('adds a node and undoes it', () => {
    const g = base();
    const after = roundTrip(g, addNode(g, { id: 'x', kind: 'Dropout', params: {} }));
    expect(after.nodes.map((n) => n.id)).toEqual(['n0', 'n1', 'n2', 'x']);
  });
  it('removes a middle node with its edges and puts both back in place', () => {
    const g = base();
    const after = roundTrip(g, removeNodes(['n1']));
    expect(after.nodes.map((n) => n.id)).toEqual(['n0', 'n2']);
    expect(after.edges).toEqual([]);
  });
  it('connects, disconnects, sets and resets parameters, moves', () => {
    const g = base();
    roundTrip(g, connect(g, { source: 'n0', target: 'n2' }));
    expect(roundTrip(g, disconnect(g, 'n0', 'n1')).edges).toEqual([{ source: 'n1', target: 'n2' }]);
    expect(roundTrip(g, setParam('n1', 'units', 16)).nodes[1].params.units).toBe(16);
    expect(roundTrip(g, setParam('n1', 'units', undefined)).nodes[1].params).toEqual({});
    expect(roundTrip(g, moveNodes({ n0: { x: 5, y: 6 }, n1: { x: 1, y: 2 } })).nodes[1].position).toEqual({
      x: 1,
      y: 2,
    });
  });
  it('pastes a subgraph and batches edits into one undo step', () => {
    const g = base();
    roundTrip(
      g,
      addSubgraph(
        g,
        [
          { id: 'p', kind: 'Dense', params: {} },
          { id: 'q', kind: 'Dense', params: {} },
        ],
        [{ source: 'p', target: 'q' }],
      ),
    );
    roundTrip(g, {
      type: 'batch',
      edits: [setParam('n1', 'units', 3), removeNodes(['n2']), moveNodes({ n0: { x: 9, y: 9 } })],
    });
  });
  it('renames a node, its edges follow, and renaming back restores the graph', () => {
    const g = base();
    const after = roundTrip(g, renameNode('n1', 'hidden'));
    expect(after.nodes.map((n) => n.id)).toEqual(['n0', 'hidden', 'n2']);
    expect(after.edges).toEqual([
      { source: 'n0', target: 'hidden' },
      { source: 'hidden', target: 'n2' },
    ]);
    expect(after.nodes[1].params).toBe(g.nodes[1].params);
    expect(applyEdit(g, renameNode('n1', 'hidden')).inverse).toEqual(renameNode('hidden', 'n1'));
  });
  it('refuses to rename a node to an id another node has', () => {
    expect(() => applyEdit(base(), renameNode('n1', 'n2'))).toThrow(/taken/);
  });
  it.each([
    ['hidden_1', null],
    ['conv.a-2', null],
    ['n1', null], // its own id: nothing to do, not an error
    ['', /needs a name/],
    ['my layer', /only letters, digits/],
    ['dense/1', /only letters, digits/],
    ['n2', /already called “n2”/],
  ])('checks the new id %j', (to, problem) => {
    const result = nodeIdProblem(base(), 'n1', to);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toMatch(problem);
  });
  it('makes fresh ids in Keras style', () => {
    const g = base();
    expect(freshId(g, 'Conv2D')).toBe('conv2d_1');
    expect(freshId(g, 'MaxPooling2D')).toBe('max_pooling2d_1');
    expect(freshId(g, 'BatchNormalization')).toBe('batch_normalization_1');
    expect(freshId({ nodes: [{ id: 'dense_1', kind: 'Dense', params: {} }], edges: [] }, 'Dense')).toBe('dense_2');
  });

  it('freezes and unfreezes layers as one undoable edit (the node field and the layer param)', () => {
    const g = base();
    const frozen = roundTrip(g, setFrozen(g, ['n1', 'n2'], true));
    expect(frozen.nodes.map((n) => n.trainable)).toEqual([undefined, false, false]);
    frozen.nodes[2] = { ...frozen.nodes[2], params: { ...frozen.nodes[2].params, trainable: false } };
    const thawed = roundTrip(frozen, setFrozen(frozen, ['n1', 'n2'], false));
    expect(thawed.nodes.map((n) => 'trainable' in n)).toEqual([false, false, false]);
    expect(thawed.nodes[2].params).toEqual({ units: 2 });
  });

  it('finds everything upstream of a layer (what "freeze everything above" freezes)', () => {
    const g: Graph = {
      nodes: ['in', 'a', 'b', 'merge', 'head', 'side'].map((id) => ({ id, kind: 'Dense', params: {} })),
      edges: [
        { source: 'in', target: 'a' },
        { source: 'in', target: 'b' },
        { source: 'a', target: 'merge' },
        { source: 'b', target: 'merge' },
        { source: 'merge', target: 'head' },
        { source: 'in', target: 'side' },
      ],
    };
    expect(upstreamOf(g, 'head')).toEqual(['in', 'a', 'b', 'merge']);
    expect(upstreamOf(g, 'in')).toEqual([]);
  });
});
