import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyzeGraph';
import { checkConnection } from './checkConnection';
import { chain } from './testGraphs';
import type { Graph } from './types';

const mlp = chain([
  ['Input', { shape: [784] }],
  ['Dense', { units: 128, activation: 'relu' }],
  ['Dense', { units: 10, activation: 'softmax' }],
]);

describe('analyzeGraph', () => {
  it('infers shapes and the Keras parameter count of an MLP (101,770)', () => {
    const a = analyzeGraph(mlp);
    expect(a.valid).toBe(true);
    expect(a.nodes.get('n1')?.outputShape).toEqual([null, 128]);
    expect(a.nodes.get('n2')?.outputShape).toEqual([null, 10]);
    expect(a.totals.total).toBe(101_770);
    expect(a.totals.weightBytes).toBe(101_770 * 4);
    expect(a.totals.macs).toBe(784 * 128 + 128 * 10);
    expect(a.inputs).toEqual(['n0']);
    expect(a.outputs).toEqual(['n2']);
  });

  it('moves a frozen layer’s weights to non-trainable', () => {
    const g = chain([
      ['Input', { shape: [4] }],
      ['Dense', { units: 3, trainable: false }],
    ]);
    const a = analyzeGraph(g);
    expect(a.totals).toMatchObject({ trainable: 0, nonTrainable: 15, total: 15 });
  });

  it('the project file’s per-node trainable: false freezes as the param does', () => {
    const g = chain([
      ['Input', { shape: [4] }],
      ['Dense', { units: 3 }],
      ['Dense', { units: 2 }],
    ]);
    g.nodes[1].trainable = false;
    expect(analyzeGraph(g).totals).toMatchObject({ trainable: 8, nonTrainable: 15, total: 23 });
  });

  it('anchors a bad parameter to its node with a hint', () => {
    const g = chain([
      ['Input', { shape: [4] }],
      ['Dense', { units: 0 }],
    ]);
    const a = analyzeGraph(g);
    expect(a.valid).toBe(false);
    expect(a.problems[0]).toMatchObject({ code: 'bad-param', nodeId: 'n1' });
    expect(a.problems[0].message).toMatch(/units must be at least 1/);
  });

  it('reports an unknown kind, a missing input, and does not repeat upstream problems downstream', () => {
    const g: Graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [3] } },
        { id: 'x', kind: 'Bogus', params: {} },
        { id: 'd', kind: 'Dense', params: {} },
        { id: 'lonely', kind: 'Dense', params: {} },
      ],
      edges: [
        { source: 'in', target: 'x' },
        { source: 'x', target: 'd' },
      ],
    };
    const a = analyzeGraph(g);
    const codes = a.problems.map((p) => [p.code, p.nodeId]);
    expect(codes).toContainEqual(['unknown-kind', 'x']);
    expect(codes).toContainEqual(['missing-input', 'lonely']);
    expect(codes.filter(([, id]) => id === 'd')).toEqual([]);
    expect(a.nodes.get('d')?.outputShape).toBeNull();
  });

  it('finds cycles, duplicate ids, dangling edges, a missing Input and an unused input', () => {
    const cyc: Graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [3] } },
        { id: 'a', kind: 'Dense', params: {} },
        { id: 'b', kind: 'Dense', params: {} },
      ],
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'a' },
        { source: 'ghost', target: 'a' },
      ],
    };
    const codes = analyzeGraph(cyc).problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['cycle', 'dangling-edge', 'unused-input']));
    const dup: Graph = {
      nodes: [
        { id: 'a', kind: 'Dense', params: {} },
        { id: 'a', kind: 'Dense', params: {} },
      ],
      edges: [],
    };
    expect(analyzeGraph(dup).problems.map((p) => p.code)).toEqual(expect.arrayContaining(['duplicate-id', 'no-input']));
  });

  it('says what to add when a 2-D layer gets an image', () => {
    const g = chain([
      ['Input', { shape: [28, 28, 1] }],
      ['Dense', { units: 10 }],
    ]);
    // Keras applies Dense to the last axis, so this is valid: (None, 28, 28, 10).
    expect(analyzeGraph(g).nodes.get('n1')?.outputShape).toEqual([null, 28, 28, 10]);
  });
});

describe('checkConnection', () => {
  const g: Graph = {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [8] } },
      { id: 'a', kind: 'Dense', params: { units: 4 } },
      { id: 'b', kind: 'Dense', params: { units: 2 } },
    ],
    edges: [
      { source: 'in', target: 'a' },
      { source: 'a', target: 'b' },
    ],
  };
  const a = analyzeGraph(g);
  it.each([
    ['a', 'a', /its own input/],
    ['b', 'in', /is an Input/],
    ['b', 'a', /takes one input and already has in/],
  ])('refuses %s → %s', (s, t, why) => {
    const r = checkConnection(g, a, s, t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(why);
  });
  it('refuses a loop', () => {
    const open: Graph = { ...g, edges: [{ source: 'a', target: 'b' }] };
    const r = checkConnection(open, analyzeGraph(open), 'b', 'a');
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/loop/) });
  });
  it('accepts a connection that works', () => {
    const open: Graph = { ...g, edges: [{ source: 'in', target: 'a' }] };
    expect(checkConnection(open, analyzeGraph(open), 'a', 'b')).toEqual({ ok: true });
  });
});
