// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { newProject, parseProject, serializeProject, type Project } from '../../../shared/project';
import { resetEditor, useEditor } from './index';

const s = () => useEditor.getState();

/** in → a → b → c → out, laid out by hand. */
function line(): Project {
  const ids = ['in', 'a', 'b', 'c', 'out'];
  return {
    ...newProject('t'),
    graph: {
      nodes: ids.map((id, i) => ({
        id,
        kind: i === 0 ? 'Input' : 'Dense',
        params: i === 0 ? { shape: [4] } : { units: 4 },
        position: { x: 0, y: i * 130 },
      })),
      edges: ids.slice(1).map((id, i) => ({ source: ids[i], target: id })),
    },
  };
}

describe('groups in the editor', () => {
  beforeEach(() => {
    resetEditor();
    s().loadProject(line(), null);
  });

  it('groups the selection (one undo step), refuses an empty selection and a cut through a group', () => {
    expect(s().groupSelection()).toMatch(/^Select the layers to group first/);
    s().select(['a', 'b']);
    expect(s().groupSelection()).toBeNull();
    expect(s().project.graph.groups).toEqual([{ id: 'group_1', label: 'Group 1', members: ['a', 'b'] }]);
    s().select(['b', 'c']);
    expect(s().groupSelection()).toBe(
      'These layers cut through the group “Group 1”: select all of its layers or only some inside it.',
    );
    // Nesting is fine: the whole group and one more layer.
    s().select(['a', 'b', 'c']);
    expect(s().groupSelection()).toBeNull();
    expect(s().project.graph.groups).toHaveLength(2);
    s().undo();
    s().undo();
    expect(s().project.graph.groups).toBeUndefined();
    s().redo();
    expect(s().project.graph.groups).toHaveLength(1);
  });

  it('collapses and opens a group as one undo step, laying the graph out around it', () => {
    s().select(['a', 'b', 'c']);
    s().groupSelection();
    const before = s().project.graph;
    s().setGroupCollapsed('group_1', true);
    const shut = s().project.graph;
    expect(shut.groups![0].collapsed).toBe(true);
    const y = (id: string) => s().project.graph.nodes.find((n) => n.id === id)!.position!.y;
    // in, the group's node, out: three rows.
    expect(y('out') - y('in')).toBeLessThan(400);
    s().setGroupCollapsed('group_1', false);
    expect(y('out') - y('in')).toBeGreaterThan(400);
    s().undo();
    expect(s().project.graph).toEqual(shut);
    s().undo();
    expect(s().project.graph).toEqual(before);
  });

  it('ungroups the selected group (its layers stay), the outer of two nested ones first', () => {
    s().select(['a', 'b']);
    s().groupSelection();
    s().select(['a', 'b', 'c']);
    s().groupSelection();
    s().select(['a', 'b', 'c']);
    expect(s().ungroupSelection()).toBeNull();
    expect(s().project.graph.groups!.map((g) => g.id)).toEqual(['group_1']);
    s().select(['a']);
    expect(s().ungroupSelection()).toBeNull();
    expect(s().project.graph.groups).toBeUndefined();
    expect(s().project.graph.nodes).toHaveLength(5);
    expect(s().ungroupSelection()).toBe('The selected layers are in no group.');
  });

  it('deleting a grouped layer keeps the group consistent, and the saved file opens again', () => {
    s().select(['a', 'b']);
    s().groupSelection();
    s().setGroupCollapsed('group_1', true);
    s().select(['b']);
    s().deleteSelection();
    expect(s().project.graph.groups![0].members).toEqual(['a']);
    const r = parseProject(serializeProject(s().project));
    expect(r.ok && r.project.graph.groups).toEqual(s().project.graph.groups);
  });
});
