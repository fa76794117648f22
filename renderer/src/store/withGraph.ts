import type { Graph } from '../../../shared/graph';
import type { Project } from '../../../shared/project';

/**
 * The project with another graph. The file schema's graph type also allows unknown fields (kept on
 * save); a graph from `applyEdit` keeps them too (edits spread the old graph), hence the cast.
 */
export const withGraph = (project: Project, graph: Graph): Project => ({
  ...project,
  graph: graph as Project['graph'],
});
