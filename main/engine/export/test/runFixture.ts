import type * as tf from '@tensorflow/tfjs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Graph } from '../../../../shared/graph/types';
import type { RunSummary } from '../../../../shared/protocol/client';
import { compileGraph } from '../../compile';
import { fileSaveHandler } from '../../runs/fileIOHandler';
import { randomizeWeights } from './exportFixtures';

/** A small classifier on the XOR dataset (2 inputs, 1 sigmoid output). */
export const XOR_GRAPH: Graph = {
  nodes: [
    { id: 'input', kind: 'Input', params: { shape: [2] } },
    { id: 'hidden', kind: 'Dense', params: { units: 5, activation: 'tanh' } },
    { id: 'output', kind: 'Dense', params: { units: 1, activation: 'sigmoid' } },
  ],
  edges: [
    { source: 'input', target: 'hidden' },
    { source: 'hidden', target: 'output' },
  ],
};

export function projectFile(graph: Graph, extra: Record<string, unknown> = {}) {
  return {
    format: 'deepwire-project',
    version: 2,
    name: 'Fixture',
    graph,
    training: { dataset: { builtin: 'xor' }, seed: 3 },
    ...extra,
  };
}

/**
 * A run folder as the trainer leaves it (project, summary, model/), without training: the model's
 * weights are random but fixed, so tests can compare against it. Returns the folder and the model.
 */
export async function makeRun(
  root: string,
  runId: string,
  options: {
    graph?: Graph;
    status?: RunSummary['status'];
    model?: boolean;
    targetScaling?: { mean: number[]; std: number[] };
    inputScaling?: Record<string, unknown>;
    training?: Record<string, unknown>;
    classNames?: string[];
  } = {},
): Promise<{ runDir: string; model: tf.LayersModel }> {
  const graph = options.graph ?? XOR_GRAPH;
  const runDir = join(root, runId);
  await mkdir(runDir, { recursive: true });
  await writeFile(
    join(runDir, 'project.deepwire.json'),
    JSON.stringify(projectFile(graph, options.training ? { training: options.training } : {})),
  );
  const status = options.status ?? 'completed';
  const summary: RunSummary = {
    runId,
    projectName: 'Fixture',
    createdAt: new Date().toISOString(),
    status,
    epochsCompleted: 1,
    ...(status === 'failed' ? { failure: { code: 'nan-loss', message: 'The loss became NaN' } } : {}),
    ...(options.classNames
      ? { final: { test: { split: 'test', metrics: { loss: 0.5 }, classNames: options.classNames } } }
      : {}),
  };
  await writeFile(join(runDir, 'summary.json'), JSON.stringify(summary));
  const { model } = compileGraph(graph, { seed: 1 });
  randomizeWeights(model, 17);
  if (options.model !== false) await model.save(fileSaveHandler(join(runDir, 'model')));
  if (options.inputScaling) await writeFile(join(runDir, 'input-scaling.json'), JSON.stringify(options.inputScaling));
  if (options.targetScaling)
    await writeFile(join(runDir, 'target-scaling.json'), JSON.stringify(options.targetScaling));
  return { runDir, model };
}
