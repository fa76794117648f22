import type { Graph, GraphGroup } from './types';

/** One thing wrong with a graph's groups, with where it is (`graph.groups[2].members[1]`). */
export interface GroupProblem {
  path: string;
  message: string;
}

/**
 * What is wrong with a graph's groups, in words a file's author can act on. Groups are presentation
 * (compiling and training ignore them) but a file must say something consistent: every member is a
 * node of the graph, listed once, and two groups are either apart or one inside the other.
 */
export function groupProblems(graph: Graph): GroupProblem[] {
  const groups = graph.groups ?? [];
  const out: GroupProblem[] = [];
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const groupIds = new Set<string>();
  groups.forEach((g, i) => {
    const at = `graph.groups[${i}]`;
    if (nodeIds.has(g.id) || groupIds.has(g.id)) {
      out.push({
        path: `${at}.id`,
        message: `Group "${g.id}" has the same id as ${nodeIds.has(g.id) ? 'a layer' : 'another group'}; give it an id of its own.`,
      });
    }
    groupIds.add(g.id);
    const seen = new Set<string>();
    g.members.forEach((m, j) => {
      if (!nodeIds.has(m)) {
        out.push({
          path: `${at}.members[${j}]`,
          message: `Group "${g.id}" lists "${m}", which is not a layer of this network; remove it from the group's members or add the layer.`,
        });
      } else if (seen.has(m)) {
        out.push({ path: `${at}.members[${j}]`, message: `Group "${g.id}" lists "${m}" twice; list it once.` });
      }
      seen.add(m);
    });
  });
  // Two groups overlap when they share a layer and neither holds all of the other's layers. Each
  // layer's groups, largest first, must each contain the next: checked once per pair met.
  const sets = groups.map((g) => new Set(g.members));
  const byNode = new Map<string, number[]>();
  groups.forEach((g, i) => {
    for (const m of sets[i]) byNode.set(m, [...(byNode.get(m) ?? []), i]);
  });
  const checked = new Set<string>();
  for (const [node, list] of byNode) {
    const order = [...list].sort((a, b) => sets[b].size - sets[a].size || a - b);
    for (let k = 1; k < order.length; k++) {
      const [outer, inner] = [order[k - 1], order[k]];
      const key = `${outer} ${inner}`;
      if (checked.has(key)) continue;
      checked.add(key);
      if ([...sets[inner]].every((m) => sets[outer].has(m))) continue;
      const [i, j] = outer < inner ? [outer, inner] : [inner, outer];
      out.push({
        path: `graph.groups[${j}].members`,
        message: `Groups "${groups[i].id}" and "${groups[j].id}" overlap (both hold "${node}") but neither contains the other; a layer belongs to one group, or to groups nested inside each other.`,
      });
    }
  }
  return out;
}

/** The groups after some nodes went away: those nodes leave every group, and a group left empty goes. */
export function groupsWithout(groups: GraphGroup[], removed: ReadonlySet<string>): GraphGroup[] {
  const out: GraphGroup[] = [];
  for (const g of groups) {
    if (!g.members.some((m) => removed.has(m))) out.push(g);
    else {
      const members = g.members.filter((m) => !removed.has(m));
      if (members.length) out.push({ ...g, members });
    }
  }
  return out;
}

/** The groups with node `from` renamed to `to`. */
export const groupsRenamed = (groups: GraphGroup[], from: string, to: string): GraphGroup[] =>
  groups.map((g) => (g.members.includes(from) ? { ...g, members: g.members.map((m) => (m === from ? to : m)) } : g));

/** A group id not used by a node or a group: `group_1`, `group_2`, … */
export function freshGroupId(graph: Graph): string {
  const taken = new Set([...graph.nodes.map((n) => n.id), ...(graph.groups ?? []).map((g) => g.id)]);
  for (let i = 1; ; i++) if (!taken.has(`group_${i}`)) return `group_${i}`;
}
