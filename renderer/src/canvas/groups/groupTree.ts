import type { Graph, GraphGroup } from '../../../../shared/graph';

/**
 * How a graph's groups nest, and what the canvas shows for each layer. Groups are apart or nested
 * (the file schema refuses overlaps); members that are not layers are ignored here.
 */
export interface GroupTree {
  groups: Map<string, GraphGroup>;
  /** The group directly containing each group (null at the top). */
  parent: Map<string, string | null>;
  /** The innermost group of each grouped layer. */
  innermost: Map<string, string>;
  /** Direct children of each scope (a group id, or null for the top level), in graph order. */
  children: Map<string | null, { nodes: string[]; groups: string[] }>;
  /** Each group's layers, its nested groups' included, in graph order. */
  members: Map<string, string[]>;
}

export function groupTree(graph: Graph): GroupTree {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const list = (graph.groups ?? [])
    .map((g, index) => ({ g: { ...g, members: g.members.filter((m) => ids.has(m)) }, index }))
    .filter(({ g }) => g.members.length > 0);
  // Largest first: a group's parent is then the innermost group already met holding its layers.
  list.sort((a, b) => b.g.members.length - a.g.members.length || a.index - b.index);
  const groups = new Map<string, GraphGroup>();
  const parent = new Map<string, string | null>();
  const innermost = new Map<string, string>();
  for (const { g } of list) {
    if (groups.has(g.id)) continue;
    groups.set(g.id, g);
    parent.set(g.id, innermost.get(g.members[0]) ?? null);
    for (const m of g.members) innermost.set(m, g.id);
  }
  const children = new Map<string | null, { nodes: string[]; groups: string[] }>([[null, { nodes: [], groups: [] }]]);
  for (const id of groups.keys()) children.set(id, { nodes: [], groups: [] });
  const members = new Map<string, string[]>([...groups.keys()].map((id) => [id, []]));
  // Groups listed in the order their first layer appears in the graph.
  const placed = new Set<string>();
  for (const n of graph.nodes) {
    const own = innermost.get(n.id) ?? null;
    children.get(own)!.nodes.push(n.id);
    for (let g = own; g !== null; g = parent.get(g)!) {
      members.get(g)!.push(n.id);
      if (!placed.has(g)) {
        placed.add(g);
        children.get(parent.get(g)!)!.groups.push(g);
      }
    }
  }
  return { groups, parent, innermost, children, members };
}

/** The groups from `id` outwards: its innermost group first. */
export function chainOf(tree: GroupTree, nodeId: string): string[] {
  const out: string[] = [];
  for (let g = tree.innermost.get(nodeId) ?? null; g !== null; g = tree.parent.get(g)!) out.push(g);
  return out;
}

/** The outermost collapsed group holding the layer (what the canvas shows for it), or null when it is shown itself. */
export function collapsedOwner(tree: GroupTree, nodeId: string): string | null {
  let owner: string | null = null;
  for (const g of chainOf(tree, nodeId)) if (tree.groups.get(g)!.collapsed) owner = g;
  return owner;
}

/** Whether a group is hidden inside a collapsed group around it. */
export function isHiddenGroup(tree: GroupTree, groupId: string): boolean {
  for (let g = tree.parent.get(groupId) ?? null; g !== null; g = tree.parent.get(g)!) {
    if (tree.groups.get(g)!.collapsed) return true;
  }
  return false;
}
