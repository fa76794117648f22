import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph, type Graph } from '../../../../shared/graph';
import { parseProject } from '../../../../shared/project';
import { buildFlowEdges, buildFlowNodes } from '../flowModel';
import { needsLayout, NODE_HEIGHT } from '../layout';
import { FRAME_PAD, FRAME_PAD_TOP, GROUP_HEIGHT, GROUP_WIDTH, RANK_GAP, layoutWithGroups } from './groupLayout';
import { groupTree } from './groupTree';
import { projectGraph } from './projection';

/** in → a → b → add(a, b) → out, with a and b and the Add in one residual-like group. */
function residual(collapsed: boolean): Graph {
  const graph: Graph = {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [8] } },
      { id: 'a', kind: 'Dense', params: { units: 8 } },
      { id: 'b', kind: 'Dense', params: { units: 8 } },
      { id: 'sum', kind: 'Add', params: {} },
      { id: 'out', kind: 'Dense', params: { units: 2 } },
    ],
    edges: [
      { source: 'in', target: 'a' },
      { source: 'a', target: 'b' },
      { source: 'in', target: 'sum' },
      { source: 'b', target: 'sum' },
      { source: 'sum', target: 'out' },
    ],
    groups: [{ id: 'block', label: 'Block', members: ['a', 'b', 'sum'], collapsed }],
  };
  const pos = layoutWithGroups(graph);
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: pos[n.id] })) };
}

describe('group projection', () => {
  it('shows a collapsed group as one node with its summary, and redraws edges to it (once per pair)', () => {
    const g = residual(true);
    const nodes = buildFlowNodes(g, analyzeGraph(g), new Set(), new Map());
    expect(nodes.map((n) => n.id)).toEqual(['in', 'out', 'group:block']);
    const group = nodes.find((n) => n.id === 'group:block')!;
    expect(group.type).toBe('groupNode');
    // Two Dense(8→8) = 2 × 72 weights; the Add has none.
    expect(group.data).toMatchObject({
      label: 'Block',
      layers: 3,
      params: 144,
      inShape: '8',
      outShape: '8',
    });
    const edges = buildFlowEdges(g, analyzeGraph(g), new Set());
    expect(edges.map((e) => `${e.source}→${e.target}:${e.targetHandle}`)).toEqual([
      'in→group:block:in-0',
      'group:block→out:in-0',
    ]);
  });

  it('shows an open group as a frame its layers sit in (parent first, positions relative to it)', () => {
    const g = residual(false);
    const p = projectGraph(g);
    expect(p.items.map((i) => i.flowId)).toEqual(['frame:block', 'in', 'out', 'a', 'b', 'sum']);
    const frame = p.items[0];
    const a = p.items.find((i) => i.id === 'a')!;
    expect(a.parent).toBe('frame:block');
    expect(a.position).toEqual({ x: a.absolute.x - frame.absolute.x, y: a.absolute.y - frame.absolute.y });
    // The frame wraps its layers with room for its label bar on top.
    const members = ['a', 'b', 'sum'].map((id) => g.nodes.find((n) => n.id === id)!.position!);
    expect(frame.absolute.y).toBe(Math.min(...members.map((m) => m.y)) - FRAME_PAD_TOP);
    expect(frame.height).toBe(
      Math.max(...members.map((m) => m.y)) +
        NODE_HEIGHT -
        Math.min(...members.map((m) => m.y)) +
        FRAME_PAD_TOP +
        FRAME_PAD,
    );
    expect(buildFlowEdges(g, analyzeGraph(g), new Set())).toHaveLength(5);
  });

  it('collapsing lays the graph out with the group as one box: the layer after it moves up', () => {
    const open = residual(false);
    const shut = residual(true);
    const y = (g: Graph, id: string) => g.nodes.find((n) => n.id === id)!.position!.y;
    expect(y(shut, 'out') - y(shut, 'in')).toBe(NODE_HEIGHT + RANK_GAP + GROUP_HEIGHT + RANK_GAP);
    expect(y(open, 'out')).toBeGreaterThan(y(shut, 'out') + 150);
    // Hidden layers may sit under what is shown without the file needing a new layout.
    expect(needsLayout(shut)).toBe(false);
  });

  it('nests: a collapsed block inside an open stage is a node inside the stage frame', () => {
    const base = residual(false);
    const g: Graph = {
      ...base,
      groups: [
        { id: 'stage', label: 'Stage', members: ['a', 'b', 'sum', 'out'] },
        { id: 'block', label: 'Block', members: ['a', 'b', 'sum'], collapsed: true },
      ],
    };
    const tree = groupTree(g);
    expect(tree.parent.get('block')).toBe('stage');
    const p = projectGraph(g);
    expect(p.items.map((i) => `${i.flowId}<${i.parent}`)).toEqual([
      'frame:stage<null',
      'in<null',
      'out<frame:stage',
      'group:block<frame:stage',
    ]);
    expect(p.shownAs('b')).toBe('group:block');
    expect(p.layersOf('frame:stage')).toEqual(['a', 'b', 'sum', 'out']);
  });

  it('ResNet-50 opens as an overview: 6 collapsed groups in one column (stem, 4 stages, head), none overlapping', () => {
    const text = readFileSync(new URL('../../../../templates/resnet50.deepwire.json', import.meta.url), 'utf8');
    const r = parseProject(text);
    if (!r.ok) throw new Error('resnet50 does not parse');
    const p = projectGraph(r.project.graph);
    expect(p.items.map((i) => i.flowId)).toEqual([
      'group:stem',
      'group:conv2_stage',
      'group:conv3_stage',
      'group:conv4_stage',
      'group:conv5_stage',
      'group:head',
    ]);
    const boxes = p.items.map((i) => ({ ...i.absolute, w: i.width, h: i.height }));
    for (const a of boxes)
      for (const b of boxes)
        if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
    const height = Math.max(...boxes.map((b) => b.y + b.h)) - Math.min(...boxes.map((b) => b.y));
    expect(height).toBe(6 * GROUP_HEIGHT + 5 * RANK_GAP);
    // One column: about a group node wide.
    expect(Math.max(...boxes.map((b) => b.x + b.w)) - Math.min(...boxes.map((b) => b.x))).toBe(GROUP_WIDTH);
  });
});
