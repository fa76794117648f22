import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { analyzeGraph } from '../../../shared/graph/analyzeGraph';
import { parseProject, type Project } from '../../../shared/project';
import type { RunSummary } from '../../../shared/protocol/client';
import { TRAINING_DEFAULTS } from '../../../shared/training/options';
import { compileGraph } from '../compile';
import { loadRun, RUN_FILES } from '../runs';
import { ExportError } from './exportError';
import { weightsByNode } from './layerWeights';
import { loadInitialWeights, type InitialWeightsReport } from './projectWeights';
import type { ExportSource } from './types';

/** What `deepwire export|predict` was pointed at: a run folder, or a project file. */
export type ExportTarget = { kind: 'run'; runDir: string } | { kind: 'project'; path: string };

const isDir = async (p: string) => (await stat(p).catch(() => null))?.isDirectory() === true;
const isFile = async (p: string) => (await stat(p).catch(() => null))?.isFile() === true;

/**
 * RUN|PROJECT as the user typed it: a run folder, a project file, or a run id in the runs folder.
 * @throws ExportError saying where it looked
 */
export async function resolveTarget(arg: string, runsRoot: string): Promise<ExportTarget> {
  const path = resolve(arg);
  if (await isDir(path)) {
    if (await isFile(join(path, RUN_FILES.summary))) return { kind: 'run', runDir: path };
    throw new ExportError(
      `${path} is a folder but not a Deepwire run (it has no ${RUN_FILES.summary}).`,
      'Give a run folder, a run id, or a project file (.deepwire.json).',
    );
  }
  if (await isFile(path)) return { kind: 'project', path };
  const byId = join(runsRoot, arg);
  if (!arg.includes('/') && (await isFile(join(byId, RUN_FILES.summary)))) return { kind: 'run', runDir: byId };
  throw new ExportError(
    `There is no run or project file "${arg}" (looked for ${path} and for a run ${byId}).`,
    'Give a run folder, a run id from the runs folder (DEEPWIRE_RUNS_DIR), or a project file.',
  );
}

/** An ExportSource and what happened while loading it (initial weights, for the README). */
export interface LoadedSource {
  source: ExportSource;
  summary?: RunSummary;
  initialWeights?: InitialWeightsReport;
}

/** A run's saved model, or refusal when the run failed, is still going, or has no model. */
async function loadRunSource(runDir: string): Promise<LoadedSource> {
  const summary = JSON.parse(await readFile(join(runDir, RUN_FILES.summary), 'utf8')) as RunSummary;
  if (summary.status === 'failed') {
    throw new ExportError(
      `The run ${summary.runId} failed${summary.failure ? ` (${summary.failure.message})` : ''}, so it has no trained model to use.`,
      'Train the project again, or export the project file to get its untrained architecture.',
    );
  }
  if (summary.status === 'running') {
    throw new ExportError(
      `The run ${summary.runId} is still training (or ended without saying so).`,
      'Wait until it finishes or stop it, then try again.',
    );
  }
  if (!(await isFile(join(runDir, RUN_FILES.model, 'model.json')))) {
    throw new ExportError(
      `The run ${summary.runId} has no saved model (${join(runDir, RUN_FILES.model)} is missing).`,
      'It probably stopped before its first epoch ended: train it again.',
    );
  }
  const run = await loadRun(runDir);
  const analysis = analyzeGraph(run.project.graph);
  const ref = run.project.training?.dataset;
  return {
    summary,
    source: {
      project: run.project,
      analysis,
      model: run.model,
      weights: weightsByNode(run.model, run.project.graph),
      runDir,
      runId: summary.runId,
      classNames: summary.final?.test?.classNames,
      ...(run.targetScaler ? { targetScaler: run.targetScaler } : {}),
      ...(run.inputScaling ? { inputScaling: run.inputScaling } : {}),
      ...(ref ? { dataset: datasetOf(ref) } : {}),
    },
  };
}

function datasetOf(ref: Record<string, unknown>): ExportSource['dataset'] {
  if (typeof ref.builtin === 'string') return { builtin: ref.builtin, options: ref.options as Record<string, unknown> };
  const { file, ...options } = ref;
  return { file: String(file), options };
}

/** A project file's architecture with its initial weights (the file's `weights`, else seeded ones). */
async function loadProjectSource(path: string): Promise<LoadedSource> {
  const parsed = parseProject(await readFile(path, 'utf8'));
  if (!parsed.ok) {
    throw new ExportError(
      `${path} is not a valid project: ${parsed.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')}`,
    );
  }
  return loadProjectObject(parsed.project, path);
}

/**
 * A project (already parsed) as an ExportSource: compiled with its training seed, its `weights`
 * read relative to `projectPath` (when it has a file; without one, `weights` cannot be found).
 */
export async function loadProjectObject(project: Project, projectPath?: string): Promise<LoadedSource> {
  const analysis = analyzeGraph(project.graph);
  const problem = analysis.problems.find((p) => p.severity === 'error');
  if (problem) {
    throw new ExportError(
      `The network is not complete: ${problem.message}`,
      problem.hint ?? 'Fix it on the canvas first.',
      problem.nodeId ?? undefined,
    );
  }
  const seed = project.training?.seed ?? TRAINING_DEFAULTS.seed;
  const { model } = compileGraph(project.graph, { seed, name: project.name });
  if (project.weights && !projectPath)
    throw new ExportError(
      'The project names initial weights but has no file yet, so they cannot be found.',
      'Save the project first.',
    );
  const initialWeights = project.weights ? await loadInitialWeights(model, project.weights, projectPath!) : undefined;
  const ref = project.training?.dataset;
  return {
    initialWeights,
    source: {
      project,
      analysis,
      model,
      weights: weightsByNode(model, project.graph),
      ...(ref ? { dataset: datasetOf(ref) } : {}),
    },
  };
}

/** Loads what a target names as an ExportSource (the caller has chosen the TF.js backend). */
export async function loadSource(
  target: ExportTarget | { kind: 'object'; project: Project; projectPath?: string },
): Promise<LoadedSource> {
  const loaded =
    target.kind === 'run'
      ? await loadRunSource(target.runDir)
      : target.kind === 'project'
        ? await loadProjectSource(target.path)
        : await loadProjectObject(target.project, target.projectPath);
  if (loaded.source.model.inputs.length !== 1 || loaded.source.model.outputs.length !== 1) {
    throw new ExportError(
      `The network has ${loaded.source.model.inputs.length} inputs and ${loaded.source.model.outputs.length} outputs; exports and predict handle one of each for now.`,
      'Join the outputs into one (Concatenate), or export with one Input.',
    );
  }
  return loaded;
}

/** Frees the source's model. */
export function disposeSource(source: ExportSource): void {
  source.model.dispose();
}
