import { readdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { selectBackend } from '../main/engine/backend';
import { compileGraph } from '../main/engine/compile';
import { analyzeGraph, type Graph } from '../shared/graph';
import { loadTemplateProject, templatesDir } from './test/trainTemplate';

beforeAll(async () => {
  await selectBackend();
});

const ids = readdirSync(templatesDir)
  .filter((f) => f.endsWith('.deepwire.json'))
  .map((f) => f.replace(/\.deepwire\.json$/, ''))
  .sort();

/**
 * TF.js builds orthogonal initial weights with a QR decomposition, which takes about a minute for
 * star-galaxy's 3200×2048 fc1 on a CPU. The count does not depend on initial values, so for this
 * test only, orthogonal kernels start as zeros; star-galaxy-small trains with real orthogonal ones.
 */
function withoutOrthogonal(graph: Graph): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) =>
      n.params.kernelInitializer === 'orthogonal' ? { ...n, params: { ...n.params, kernelInitializer: 'zeros' } } : n,
    ),
  };
}

it.each(ids)(
  '%s: the compiled model’s countParams() equals the analysed total',
  (id) => {
    const graph = withoutOrthogonal(loadTemplateProject(id).graph);
    const { model } = compileGraph(graph, { seed: 1 });
    try {
      expect(model.countParams()).toBe(analyzeGraph(graph).totals.total);
    } finally {
      model.dispose();
    }
  },
  60_000,
);
