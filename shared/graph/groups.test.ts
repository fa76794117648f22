import { describe, expect, it } from 'vitest';
import { applyEdit } from './edits';
import { freshGroupId, groupProblems } from './groups';
import type { Graph } from './types';

const chain = (ids: string[]): Graph => ({
  nodes: ids.map((id) => ({ id, kind: 'Dense', params: {} })),
  edges: ids.slice(1).map((id, i) => ({ source: ids[i], target: id })),
});

describe('groupProblems', () => {
  it('accepts groups apart and nested', () => {
    const g = {
      ...chain(['a', 'b', 'c', 'd']),
      groups: [
        { id: 'outer', label: 'O', members: ['a', 'b', 'c'] },
        { id: 'inner', label: 'I', members: ['b', 'c'] },
        { id: 'other', label: 'X', members: ['d'] },
      ],
    };
    expect(groupProblems(g)).toEqual([]);
  });

  it('names a member that is not a layer, a repeated member, and a taken id, with where they are', () => {
    const g = {
      ...chain(['a', 'b']),
      groups: [
        { id: 'b', label: 'B', members: ['a', 'zz', 'a'] },
        { id: 'g', label: 'G', members: ['b'] },
        { id: 'g', label: 'G2', members: ['b'] },
      ],
    };
    const problems = groupProblems(g);
    expect(problems.map((p) => p.path)).toEqual([
      'graph.groups[0].id',
      'graph.groups[0].members[1]',
      'graph.groups[0].members[2]',
      'graph.groups[2].id',
    ]);
    expect(problems[1].message).toContain('"zz", which is not a layer of this network');
    expect(problems[0].message).toContain('same id as a layer');
  });

  it('refuses two groups that overlap without one containing the other', () => {
    const g = {
      ...chain(['a', 'b', 'c']),
      groups: [
        { id: 'g1', label: '1', members: ['a', 'b'] },
        { id: 'g2', label: '2', members: ['b', 'c'] },
      ],
    };
    const [p] = groupProblems(g);
    expect(p.path).toBe('graph.groups[1].members');
    expect(p.message).toBe(
      'Groups "g1" and "g2" overlap (both hold "b") but neither contains the other; a layer belongs to one group, or to groups nested inside each other.',
    );
  });
});

describe('group edits', () => {
  const grouped: Graph = {
    ...chain(['a', 'b', 'c']),
    groups: [{ id: 'g', label: 'G', members: ['a', 'b'], collapsed: true }],
  };

  it('setGroups replaces the groups and undoes to the old ones; undefined removes the field', () => {
    const r = applyEdit(grouped, { type: 'setGroups', groups: undefined });
    expect('groups' in r.graph).toBe(false);
    expect(applyEdit(r.graph, r.inverse).graph).toEqual(grouped);
  });

  it('deleting a layer takes it out of its group (an emptied group goes); undo puts both back', () => {
    const r = applyEdit(grouped, { type: 'delete', nodeIds: ['a'], edgeIndices: [] });
    expect(r.graph.groups).toEqual([{ id: 'g', label: 'G', members: ['b'], collapsed: true }]);
    const r2 = applyEdit(r.graph, { type: 'delete', nodeIds: ['b'], edgeIndices: [] });
    expect(r2.graph.groups).toEqual([]);
    expect(applyEdit(applyEdit(r2.graph, r2.inverse).graph, r.inverse).graph).toEqual(grouped);
  });

  it('a graph without groups deletes exactly as before (no groups field, plain insert inverse)', () => {
    const r = applyEdit(chain(['a', 'b']), { type: 'delete', nodeIds: ['a'], edgeIndices: [] });
    expect('groups' in r.graph).toBe(false);
    expect(r.inverse.type).toBe('insert');
  });

  it('renaming a layer renames it in its group, and back on undo', () => {
    const r = applyEdit(grouped, { type: 'rename', from: 'a', to: 'x' });
    expect(r.graph.groups![0].members).toEqual(['x', 'b']);
    expect(applyEdit(r.graph, r.inverse).graph).toEqual(grouped);
  });

  it('freshGroupId avoids layer and group ids', () => {
    expect(freshGroupId({ ...chain(['group_2']), groups: [{ id: 'group_1', label: '', members: ['group_2'] }] })).toBe(
      'group_3',
    );
  });
});
