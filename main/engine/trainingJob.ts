import type { Project } from '../../shared/project';
import { SAVE_EVERY_EPOCH_MAX_WEIGHTS, type TrainerEvent, type TrainerPhase } from '../../shared/protocol/trainer';
import { selectBackend } from './backend';
import { deviceWithThreads, planThreads, trainingThreads, type ThreadChoice } from './parallel/threads';
import { loadRun, readDataRecord, RunRecorder, savedTargetScaler } from './runs';
import { describeFailure, setupRun, TrainingSession, type RunProject } from './train';
import { memoryContext } from './train/memoryEstimate';

/** What to train: the `start` command's fields. */
export interface TrainJob {
  runId: string;
  project: RunProject & { name?: string };
  /** The run folder (the host usually created it with project.deepwire.json and summary.json). */
  runDir: string;
  /** Continue from the model saved in this earlier run's folder. */
  resumeFrom?: string;
  /** The project's initial weights, resolved to a model.json path (see setupRun). */
  initialWeights?: string;
  /** The folder a relative `training.dataset.file` is in (the project file's). */
  dataBase?: string;
  /** An earlier run of the project whose data record this run compares its data with. */
  compareData?: string;
  epochs?: number;
  /** Forces a backend (as DEEPWIRE_BACKEND does). */
  backend?: string;
}

type Ending = Extract<TrainerEvent, { type: 'finished' } | { type: 'failed' }>;

/** A job once it started: the live session (null when it failed before training) and its end. */
export interface JobHandle {
  session: TrainingSession | null;
  done: Promise<Ending>;
}

/**
 * Runs one training job end to end: picks the backend, opens the run folder, reloads the model to
 * continue from (if any), checks and sets up the run, trains, and saves the model (the last good
 * weights after a NaN, the weights so far after a stop). Every event goes to `emit` and is recorded
 * in the run folder. Never throws: failures end as a `failed` event.
 */
export async function startTrainingJob(job: TrainJob, emit: (event: TrainerEvent) => void): Promise<JobHandle> {
  let recorder: RunRecorder | null = null;
  /*
   * The run's ending (finished/failed) is recorded at once but told only after the run folder is
   * complete (summary.json says how it ended, the model is saved): whoever reacts to it, listing
   * the runs or continuing from this one, then finds the folder as the event describes it.
   */
  let ending: Ending | null = null;
  const send = (event: TrainerEvent) => {
    if (event.type === 'finished' || event.type === 'failed') ending ??= event;
    else emit(event);
    void recorder?.record(event);
  };
  const release = async (): Promise<void> => {
    await recorder?.flush();
    if (ending) emit(ending);
  };
  const fail = async (error: unknown): Promise<JobHandle> => {
    const failed: Ending = { type: 'failed', runId: job.runId, ...describeFailure(error) };
    send(failed);
    await release();
    return { session: null, done: Promise.resolve(failed) };
  };
  try {
    recorder = await RunRecorder.open(job.runDir, {
      runId: job.runId,
      projectName: job.project.name ?? 'Untitled',
      project: job.project as Project,
    });
  } catch (error) {
    return fail(error);
  }
  // Before the first batch the trainer says what it is doing (issue 14.6): no silent minute.
  const phase = (name: TrainerPhase, message: string, progress?: number) =>
    send({ type: 'phase', runId: job.runId, phase: name, message, ...(progress === undefined ? {} : { progress }) });
  phase('backend', 'Starting the compute backend…');
  let backend: { backend: string; device: string };
  let allowed: ThreadChoice;
  try {
    backend = await selectBackend(job.backend ? { env: { ...process.env, DEEPWIRE_BACKEND: job.backend } } : {});
    // DEEPWIRE_THREADS above the cores or below 1 is refused here, before anything is loaded.
    allowed = trainingThreads(backend.backend);
  } catch (error) {
    const e = error as { message?: string; hint?: string };
    const failed: Ending = {
      type: 'failed',
      runId: job.runId,
      code: 'backend',
      message: e.message ?? String(error),
      hint: e.hint,
    };
    send(failed);
    await release();
    return { session: null, done: Promise.resolve(failed) };
  }
  let session: TrainingSession;
  try {
    if (job.resumeFrom) phase('model', 'Loading the weights of the run this one continues…');
    const resumed = job.resumeFrom ? await loadRun(job.resumeFrom) : undefined;
    const compareWith = job.resumeFrom ?? job.compareData;
    const targetScaler = resumed ? savedTargetScaler(resumed) : undefined;
    const setup = await setupRun(job.project, {
      epochs: job.epochs,
      initialModel: resumed?.model,
      targetScaler,
      initialWeights: job.initialWeights,
      dataBase: job.dataBase,
      inputScaling: resumed?.inputScaling,
      // Continuing compares with the run it goes on from; a new run with the project's last one.
      previousData: compareWith ? await readDataRecord(compareWith) : undefined,
      onPhase: phase,
    });
    const rec = recorder;
    if (setup.targetScaler) void rec.saveTargetScaling(setup.targetScaler);
    if (setup.dataRecord) void rec.saveDataRecord(setup.dataRecord);
    if (setup.inputScaling) void rec.saveInputScaling(setup.inputScaling);
    const small = setup.model.countParams() <= SAVE_EVERY_EPOCH_MAX_WEIGHTS;
    const plan = planThreads(
      allowed.threads,
      setup.batchSize,
      setup.analysis.totals.trainable,
      setup.analysis.totals.macs,
    );
    if (plan.note) setup.notes.push(plan.note);
    const threaded = backend.backend === 'wasm' || backend.backend === 'cpu';
    session = new TrainingSession(setup, job.project.graph, {
      runId: job.runId,
      // The started event (the Train panel, the CLI) says how many threads train.
      backend: threaded ? { ...backend, device: deviceWithThreads(backend.device, plan.threads) } : backend,
      threads: plan.threads,
      emit: send,
      initialEpoch: resumed?.summary.epochsCompleted ?? 0,
      // Saving after each epoch keeps the weights even if the process is killed later.
      afterEpoch: small ? () => rec.saveModel(setup.model) : undefined,
    });
  } catch (error) {
    return fail(error);
  }
  const rec = recorder;
  const done = (async (): Promise<Ending> => {
    let end: Ending;
    try {
      // The first batch sets up the backend's kernels for this model: on a big one, seconds.
      phase('first-batch', `Running the first batch on ${backend.backend}…`);
      end = await session.run();
    } catch (error) {
      const batchSize = job.project.training?.batchSize ?? 32;
      const memory = memoryContext(session.model, batchSize, backend.backend);
      end = { type: 'failed', runId: job.runId, ...describeFailure(error, memory) };
      send(end);
    }
    try {
      await rec.saveModel(session.model);
    } catch (error) {
      send({
        type: 'log',
        level: 'warn',
        message: `The trained model could not be saved: ${(error as Error).message}`,
      });
    }
    await release();
    return end;
  })();
  return { session, done };
}
