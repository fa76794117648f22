import type * as tf from '@tensorflow/tfjs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CURRENT_VERSION, FORMAT } from '../../../shared/project';
import type { RunSummary } from '../../../shared/protocol/client';
import type { TrainerEvent } from '../../../shared/protocol/trainer';
import { writeFileAtomic } from '../files/atomicWrite';
import { fileSaveHandler } from './fileIOHandler';
import { BOUNDARY_FILE, boundaryJson } from './savedBoundary';

/** Files inside a run folder `<runsRoot>/<runId>/`. */
export const RUN_FILES = {
  project: 'project.deepwire.json',
  metrics: 'metrics.jsonl',
  summary: 'summary.json',
  model: 'model',
  /** Regression runs: the targets' mean and std the model's outputs are standardised with. */
  targetScaling: 'target-scaling.json',
  /** Runs on the user's own data: what it was (path, size, content hash, options, splits). */
  data: 'data.json',
  /** Runs on the user's own data: how the inputs were standardised (training split's statistics). */
  inputScaling: 'input-scaling.json',
  /** Runs of a network on two inputs: the last decision boundary, for a reopened run. */
  boundary: BOUNDARY_FILE,
} as const;

/**
 * Events that metrics.jsonl keeps (one per line): how the run started (its dataset, input shape and
 * first epoch, so a reopened run draws its examples and continues where it ended), the curves, and
 * how the run ended.
 */
const RECORDED = new Set<TrainerEvent['type']>(['started', 'batch', 'epoch', 'finished', 'failed']);

function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The trainer's side of a run folder: appends events to metrics.jsonl, keeps summary.json current
 * (status, epochs, final metrics, backend, parameter count) and saves the model in TF.js layers
 * format under model/. Writes are queued so they land in event order.
 */
export class RunRecorder {
  private summary: RunSummary;
  private queue: Promise<void> = Promise.resolve();
  /** The latest decision boundary (two-value inputs), saved when the run ends. */
  private lastBoundary?: Extract<TrainerEvent, { type: 'boundary' }>;

  private constructor(
    readonly runDir: string,
    summary: RunSummary,
  ) {
    this.summary = summary;
  }

  /** Opens (or starts) the run folder; keeps the summary the host wrote when there is one. */
  static async open(
    runDir: string,
    base: { runId: string; projectName: string; project?: unknown },
  ): Promise<RunRecorder> {
    await mkdir(runDir, { recursive: true });
    let summary: RunSummary;
    try {
      summary = JSON.parse(await readFile(join(runDir, RUN_FILES.summary), 'utf8')) as RunSummary;
    } catch {
      const projectId = (base.project as { id?: unknown } | undefined)?.id;
      summary = {
        runId: base.runId,
        projectName: base.projectName,
        ...(typeof projectId === 'string' && projectId ? { projectId } : {}),
        createdAt: new Date().toISOString(),
        status: 'running',
        epochsCompleted: 0,
      };
    }
    const rec = new RunRecorder(runDir, { ...summary, status: 'running' });
    try {
      await readFile(join(runDir, RUN_FILES.project));
    } catch {
      // A project handed over without its file header (scripts, tests) still becomes a valid file.
      const file = { format: FORMAT, version: CURRENT_VERSION, name: base.projectName, ...(base.project as object) };
      if (base.project) await writeJsonAtomic(join(runDir, RUN_FILES.project), file);
    }
    await writeJsonAtomic(join(runDir, RUN_FILES.summary), rec.summary);
    return rec;
  }

  /** Records one event (appending it and updating the summary as it says). */
  record(event: TrainerEvent): Promise<void> {
    this.queue = this.queue.then(() => this.write(event));
    return this.queue;
  }

  private async write(event: TrainerEvent): Promise<void> {
    if (RECORDED.has(event.type)) await appendFile(join(this.runDir, RUN_FILES.metrics), `${JSON.stringify(event)}\n`);
    const s = this.summary;
    switch (event.type) {
      case 'started':
        this.summary = {
          ...s,
          backend: event.backend,
          params: event.params.trainable + event.params.nonTrainable,
          epochsCompleted: event.initialEpoch,
        };
        break;
      case 'epoch':
        this.summary = {
          ...s,
          epochsCompleted: event.epoch + 1,
          final: { ...s.final, train: event.metrics, validation: event.validation },
        };
        break;
      case 'finished':
        this.summary = { ...s, status: event.reason, epochsCompleted: event.epochsCompleted, final: event.final };
        if (this.lastBoundary)
          await writeFileAtomic(join(this.runDir, RUN_FILES.boundary), boundaryJson(this.lastBoundary));
        break;
      case 'boundary':
        this.lastBoundary = event;
        return;
      case 'failed':
        this.summary = {
          ...s,
          status: 'failed',
          failure: { code: event.code, message: event.message, hint: event.hint },
        };
        break;
      case 'ready':
      case 'phase':
      case 'batch':
      case 'activations':
      case 'evaluation':
      case 'prediction':
      case 'log':
        return;
      default: {
        const unknown: never = event;
        throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
      }
    }
    await writeJsonAtomic(join(this.runDir, RUN_FILES.summary), this.summary);
  }

  /** Saves the model's current weights to model/ (model.json + weights.bin). */
  saveModel(model: tf.LayersModel): Promise<void> {
    this.queue = this.queue.then(async () => {
      await model.save(fileSaveHandler(join(this.runDir, RUN_FILES.model)));
    });
    return this.queue;
  }

  /**
   * Saves how the regression targets were standardised, so a reloaded model's outputs can be put
   * back in the targets' units ({@link loadRun} reads it).
   */
  saveTargetScaling(scaling: { mean: number[]; std: number[] }): Promise<void> {
    this.queue = this.queue.then(() => writeJsonAtomic(join(this.runDir, RUN_FILES.targetScaling), scaling));
    return this.queue;
  }

  /** Saves what data the run trains on (`data.json`; see DataRecord). */
  saveDataRecord(record: unknown): Promise<void> {
    this.queue = this.queue.then(() => writeJsonAtomic(join(this.runDir, RUN_FILES.data), record));
    return this.queue;
  }

  /** Saves the inputs' standardisation, so continuing and predicting use the same (`input-scaling.json`). */
  saveInputScaling(scaling: unknown): Promise<void> {
    this.queue = this.queue.then(() => writeJsonAtomic(join(this.runDir, RUN_FILES.inputScaling), scaling));
    return this.queue;
  }

  /** Waits for every queued write. */
  flush(): Promise<void> {
    return this.queue;
  }
}
