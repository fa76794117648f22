import type { StateCreator } from 'zustand';
import { freshGroupId, moveNodes, type Edit, type Graph, type GraphGroup } from '../../../shared/graph';
import { layoutWithGroups } from '../canvas/groups/groupLayout';
import type { EditorState, GroupsSlice } from './types';

/** The groups a new group of `ids` would cut through: sharing layers with it, neither inside the other. */
function crossedBy(groups: GraphGroup[], ids: ReadonlySet<string>): GraphGroup | undefined {
  return groups.find((g) => {
    const shared = g.members.filter((m) => ids.has(m)).length;
    return shared > 0 && shared < g.members.length && shared < ids.size;
  });
}

/** The edit setting the groups and laying the graph out again (what is shown changed size). */
function withRelayout(graph: Graph, groups: GraphGroup[] | undefined): Edit {
  const next = { ...graph, groups };
  return { type: 'batch', edits: [{ type: 'setGroups', groups }, moveNodes(layoutWithGroups(next))] };
}

export const createGroupsSlice: StateCreator<EditorState, [], [], GroupsSlice> = (_set, get) => ({
  groupSelection: () => {
    const { project, selectedNodes } = get();
    const graph = project.graph;
    if (selectedNodes.length === 0) return 'Select the layers to group first (drag a box with Shift, or Ctrl-click).';
    const ids = new Set(selectedNodes);
    const groups = graph.groups ?? [];
    const crossed = crossedBy(groups, ids);
    if (crossed) {
      return `These layers cut through the group “${crossed.label}”: select all of its layers or only some inside it.`;
    }
    const id = freshGroupId(graph);
    const members = graph.nodes.filter((n) => ids.has(n.id)).map((n) => n.id);
    const label = `Group ${id.slice('group_'.length)}`;
    // Laid out again so the new frame has room (it would cover the layers around it), one undo step.
    get().edit(withRelayout(graph, [...groups, { id, label, members }]));
    return null;
  },
  ungroupSelection: () => {
    const { project, selectedNodes } = get();
    const groups = project.graph.groups ?? [];
    const ids = new Set(selectedNodes);
    // The outermost groups wholly selected; else the innermost group around the first selected layer.
    const whole = groups.filter((g) => g.members.every((m) => ids.has(m)));
    let gone = whole.filter(
      (g) =>
        !whole.some(
          (o) => o !== g && o.members.length > g.members.length && g.members.every((m) => o.members.includes(m)),
        ),
    );
    if (!gone.length) {
      const around = groups.filter((g) => selectedNodes.some((id) => g.members.includes(id)));
      around.sort((a, b) => a.members.length - b.members.length);
      gone = around.slice(0, 1);
    }
    if (!gone.length) return 'The selected layers are in no group.';
    const kept = groups.filter((g) => !gone.includes(g));
    const next = kept.length ? kept : undefined;
    // A collapsed group's layers were hidden: the graph is laid out again to show them.
    get().edit(gone.some((g) => g.collapsed) ? withRelayout(project.graph, next) : { type: 'setGroups', groups: next });
    return null;
  },
  setGroupCollapsed: (groupId, collapsed) => {
    const graph = get().project.graph;
    const groups = graph.groups ?? [];
    const g = groups.find((x) => x.id === groupId);
    if (!g || !!g.collapsed === collapsed) return;
    const next = groups.map((x) => (x.id === groupId ? { ...x, collapsed } : x));
    get().edit(withRelayout(graph, next));
  },
  renameGroup: (groupId, label) => {
    const groups = get().project.graph.groups ?? [];
    if (!label.trim() || !groups.some((g) => g.id === groupId && g.label !== label)) return;
    get().edit({ type: 'setGroups', groups: groups.map((g) => (g.id === groupId ? { ...g, label } : g)) });
  },
});
