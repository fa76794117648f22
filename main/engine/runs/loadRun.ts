import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunSummary } from '../../../shared/protocol/client';
import { parseProjectValue, type Project } from '../../../shared/project';
import '../compile'; // registers Deepwire's custom layers before a model that uses them is read
import type { DataRecord } from '../data/dataRecord';
import type { InputScaling } from '../data/normalise';
import { fileLoadHandler } from './fileIOHandler';
import { RUN_FILES } from './runRecorder';

/** A run reopened from its folder: the project as trained, its summary, and the trained model. */
export interface LoadedRun {
  project: Project;
  summary: RunSummary;
  model: tf.LayersModel;
  /** Regression runs: the model outputs standardised targets; this puts them back in real units. */
  targetScaler?: { mean: number[]; std: number[] };
  /** Runs on the user's own data: the inputs' standardisation and what the data was. */
  inputScaling?: InputScaling;
  data?: DataRecord;
}

/** A JSON file of the run folder, or undefined when it is not there (or damaged). */
async function readOptional<T>(runDir: string, name: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(join(runDir, name), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The data record of an earlier run (`data.json`), with its run id; undefined for built-in data. */
export async function readDataRecord(runDir: string): Promise<{ runId: string; record: DataRecord } | undefined> {
  const record = await readOptional<DataRecord>(runDir, RUN_FILES.data);
  if (!record) return undefined;
  const summary = await readOptional<RunSummary>(runDir, RUN_FILES.summary);
  return { runId: summary?.runId ?? runDir, record };
}

/**
 * The scaling a reloaded model's outputs need: the saved one, or (a run saved before targets were
 * standardised, whose model outputs real units) mean 0 and sd 1 for each output unit. Only
 * regression runs use it.
 */
export function savedTargetScaler(run: LoadedRun): { mean: number[]; std: number[] } {
  if (run.targetScaler) return run.targetScaler;
  const units = run.model.outputs[0]?.shape.at(-1) ?? 1;
  return { mean: new Array<number>(units ?? 1).fill(0), std: new Array<number>(units ?? 1).fill(1) };
}

/**
 * Reads a run folder written by {@link RunRecorder}, to predict with its model or continue training
 * it (`resumeFrom`). Throws a plain error when the folder has no saved model.
 */
export async function loadRun(runDir: string): Promise<LoadedRun> {
  const parsed = parseProjectValue(JSON.parse(await readFile(join(runDir, RUN_FILES.project), 'utf8')));
  if (!parsed.ok) throw new Error(`The run's project file is damaged: ${parsed.errors[0]?.message}`);
  const summary = JSON.parse(await readFile(join(runDir, RUN_FILES.summary), 'utf8')) as RunSummary;
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(fileLoadHandler(join(runDir, RUN_FILES.model)));
  } catch (err) {
    throw new Error(`The run in ${runDir} has no saved model to continue from (${(err as Error).message}).`);
  }
  let targetScaler: LoadedRun['targetScaler'];
  try {
    targetScaler = JSON.parse(
      await readFile(join(runDir, RUN_FILES.targetScaling), 'utf8'),
    ) as LoadedRun['targetScaler'];
  } catch {
    // Classifiers, reconstructions and runs from before target scaling have no file: outputs as they are.
  }
  const inputScaling = await readOptional<InputScaling>(runDir, RUN_FILES.inputScaling);
  const data = await readOptional<DataRecord>(runDir, RUN_FILES.data);
  return {
    project: parsed.project,
    summary,
    model,
    ...(targetScaler ? { targetScaler } : {}),
    ...(inputScaling ? { inputScaling } : {}),
    ...(data ? { data } : {}),
  };
}
