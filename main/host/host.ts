import type { FileDatasetRef } from '../../shared/project/schema';
import type {
  BackendInfo,
  DataPreview,
  DatasetInfo,
  DatasetPreview,
  ProjectFileRef,
  TemplateEntry,
  TryResult,
} from '../../shared/protocol/client';
import type { ExportOutcome } from '../../shared/protocol/exports';
import type { TrainerCommand, TrainerEvent } from '../../shared/protocol/trainer';

type StartCommand = Extract<TrainerCommand, { type: 'start' }>;
type Failure = { code: Extract<TrainerEvent, { type: 'failed' }>['code']; message: string; hint?: string };

const closedFailure: Failure = {
  code: 'crashed',
  message: 'Deepwire was closed while this run was training.',
  hint: 'The weights of the last finished epoch are kept; continue the run from them.',
};
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { validateCall, type CallOutcome, type MethodArgs, type ValidCall } from '../../shared/protocol/wire';
import { listDataFiles, resolveDataPath } from './dataFiles';
import { HostError, toWireError } from './hostError';
import { isInside, resolveInsideProject } from './projectPaths';
import type { RunStore } from './runStore';
import type { TrainerLauncher } from './trainerLauncher';
import { startTrainer, type TrainerProcess } from './trainerProcess';
import { runExportJob } from './exportJob';
import { RunPredictor } from './runPredictor';
import { TrainingSpeeds } from './trainingSpeed';
import { deviceWithThreads } from '../engine/parallel/threads';
import { analyzeGraph } from '../../shared/graph/analyzeGraph';
import { importUpload } from './importUpload';

/** Templates, datasets and the backend report: read-only things the host looks up for the UI. */
export interface HostCatalog {
  listTemplates(): Promise<TemplateEntry[]>;
  loadTemplate(id: string): Promise<ProjectFileRef>;
  listDatasets(): Promise<DatasetInfo[]>;
  previewDataset(id: string, count: number): Promise<DatasetPreview>;
  /** The user's data at `path` (absolute, already allowed), read with the dataset's options. */
  describeData(path: string, dataset: FileDatasetRef, inputShape?: number[]): Promise<DataPreview>;
  backendInfo(): Promise<BackendInfo>;
}

/** Open/save dialogs: only the desktop shell has them (in a browser the page handles files itself). */
export interface FileDialogs {
  openProjectFile(): Promise<ProjectFileRef | null>;
  saveProjectFile(path: string | null, text: string, suggestedName: string): Promise<{ path: string } | null>;
  /** A native chooser for the user's data (a file, or a folder of images). */
  chooseDataPath?(kind: 'file' | 'folder'): Promise<string | null>;
  /** A native chooser for the folder an export creates (its full path, the folder not yet there). */
  chooseExportFolder?(suggestedName: string): Promise<string | null>;
}

export interface HostOptions {
  catalog: HostCatalog;
  runs: RunStore;
  launchTrainer: TrainerLauncher;
  files?: FileDialogs;
  /** How long a new trainer may take to say `ready` before it is reported as failed. */
  startTimeoutMs?: number;
  /** How long `shutdown` waits for trainers to exit by themselves before killing them. */
  shutdownGraceMs?: number;
  /**
   * How many runs may train at once; more are refused with `busy` and a message saying why. Each
   * trainer is a process with its own copy of TF.js and the data (8 at once took 1.7 GB), so the
   * default is one per processor core; `DEEPWIRE_MAX_TRAINERS` overrides it.
   */
  maxTrainers?: number;
  /**
   * The folder a project's relative paths (`weights`) are resolved in when the client names no
   * absolute project path: the browser shell's served folder (its files are only names). Default:
   * the working directory.
   */
  projectRoot?: string;
  /**
   * The browser shell: a client may be anyone who has the token, so a project's folder must lie
   * inside `projectRoot` (the desktop shell's paths come from its own file dialogs).
   */
  confineToProjectRoot?: boolean;
  /** Where File → Import… writes projects (default: `imported/` in `projectRoot`). */
  importsRoot?: string;
}

/** What the host remembers of a run while it trains, to replay to a client that (re)connects. */
interface ActiveRun {
  runId: string;
  projectName: string;
  trainer: TrainerProcess;
  /** The trainer reported `finished` or `failed`; its exit is then expected. */
  ended: boolean;
  stopRequested: boolean;
  exited: Promise<void>;
  /** The network's multiply-accumulates per example, to turn its examples/s into a training speed. */
  macs: number;
  latest: Partial<Record<'phase' | 'started' | 'batch' | 'epoch' | 'activations' | 'boundary', TrainerEvent>>;
}

type Listener = (event: TrainerEvent) => void;

/** {@link HostOptions.maxTrainers}'s default: `DEEPWIRE_MAX_TRAINERS`, else the number of cores. */
export function defaultMaxTrainers(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.DEEPWIRE_MAX_TRAINERS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.max(1, availableParallelism());
}

let requestCounter = 0;

/**
 * The host: the one server-side implementation of every EngineClient method, shared by the Electron
 * shell and `deepwire serve`. It validates each call where it enters, owns one trainer process per
 * training run, and fans every trainer event out to all subscribers. A trainer that dies is reported
 * as a failed run and the host carries on.
 *
 * One run per project at a time: a second `startRun` for a project that is still training is
 * refused with `run-active` (not queued), because a queued run the user cannot see is surprising.
 */
export class Host {
  private readonly listeners = new Set<Listener>();
  private readonly active = new Map<string, ActiveRun>();
  private closing = false;
  /** Summary writes in flight, so shutdown can wait for them. */
  private readonly writes = new Set<Promise<void>>();
  /** Export folders the user chose in the desktop app's dialog: the only absolute ones it may write. */
  private readonly exportFolders = new Set<string>();
  /** The process answering the Train panel's "Try it" (started on the first example). */
  private predictor: RunPredictor | null = null;

  /** How fast this computer trains, for the estimate before Train (trainingSpeed.ts). */
  private readonly speeds: TrainingSpeeds;

  constructor(private readonly options: HostOptions) {
    this.speeds = new TrainingSpeeds(join(options.runs.root, '.training-speed.json'), options.launchTrainer);
    // Runs left `running` by a host that died (crash, kill, full disk) become failed "interrupted",
    // so Continue can pick them up (issue 13, item 6). Listing does the same for the runs it shows.
    const recovery: Promise<void> = options.runs
      .recoverInterrupted()
      .then(() => undefined)
      .catch((error: unknown) => console.error('deepwire host: could not check the runs folder:', error))
      .finally(() => this.writes.delete(recovery));
    this.writes.add(recovery);
  }

  /** Validates and performs one call. Never throws: refusals and failures come back as errors. */
  async call(method: unknown, args: unknown): Promise<CallOutcome> {
    try {
      const checked = validateCall(method, args);
      if (!checked.ok) return checked;
      return { ok: true, value: await this.perform(checked.call) };
    } catch (error) {
      return { ok: false, error: toWireError(error) };
    }
  }

  /** Every event of every run, from now on. Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends `listener` the latest state of each training run (for a client that just (re)connected). */
  replay(listener: Listener): void {
    for (const run of this.active.values()) {
      if (run.ended) continue;
      // A run still setting up (no batch yet) replays what it is doing: its latest phase.
      const setup = !run.latest.batch && !run.latest.epoch;
      for (const key of [
        'started',
        ...(setup ? (['phase'] as const) : []),
        'epoch',
        'batch',
        'activations',
        'boundary',
      ] as const) {
        const event = run.latest[key];
        if (event) listener(event);
      }
    }
  }

  /** Ids of the runs whose trainer is alive. */
  activeRunIds(): string[] {
    return [...this.active.keys()];
  }

  /** Asks every trainer to shut down, kills those that do not within the grace period. */
  async shutdown(): Promise<void> {
    this.closing = true;
    this.predictor?.close();
    const runs = [...this.active.values()];
    for (const run of runs) run.trainer.send({ type: 'shutdown' });
    const grace = new Promise<void>((resolve) => setTimeout(resolve, this.options.shutdownGraceMs ?? 2000).unref());
    await Promise.race([Promise.all(runs.map((r) => r.exited)), grace]);
    for (const run of runs) run.trainer.kill();
    await Promise.all(runs.map((r) => r.exited));
    await Promise.all(this.writes);
  }

  private perform(call: ValidCall): Promise<unknown> {
    const { catalog, files } = this.options;
    switch (call.method) {
      case 'listTemplates':
        return catalog.listTemplates();
      case 'loadTemplate':
        return catalog.loadTemplate(...call.args);
      case 'openProjectFile':
        return files ? files.openProjectFile() : Promise.reject(shellOnly('Opening a file'));
      case 'saveProjectFile':
        return files ? files.saveProjectFile(...call.args) : Promise.reject(shellOnly('Saving a file'));
      case 'listDatasets':
        return catalog.listDatasets();
      case 'previewDataset':
        return catalog.previewDataset(...call.args);
      case 'describeData': {
        const [dataset, projectPath, inputShape] = call.args;
        return catalog.describeData(this.dataPath(dataset.file, projectPath).path, dataset, inputShape);
      }
      case 'listDataFiles':
        return listDataFiles(this.options.projectRoot ?? process.cwd(), call.args[0]);
      case 'chooseDataPath':
        return files?.chooseDataPath ? files.chooseDataPath(call.args[0]) : Promise.reject(shellOnly('Choosing data'));
      case 'backendInfo':
        return catalog.backendInfo();
      case 'trainingSpeed':
        return this.speeds.get();
      case 'startRun':
        return this.startRun(...call.args);
      case 'stopRun':
        return this.stopRun(call.args[0]);
      case 'requestActivations':
        return this.requestActivations(call.args[0]);
      case 'tryInput':
        return this.tryInput(...call.args);
      case 'listRuns':
        return this.options.runs.list(...call.args);
      case 'getRun':
        return this.options.runs.get(call.args[0]);
      case 'exportModel':
        return this.exportModel(call.args[0]);
      case 'chooseExportFolder':
        return this.chooseExportFolder(call.args[0]);
      case 'importModel':
        return importUpload(call.args[0], {
          launch: this.options.launchTrainer,
          projectRoot: this.options.projectRoot ?? process.cwd(),
          importsRoot: this.options.importsRoot,
          relativePaths: !!this.options.confineToProjectRoot,
        });
      default: {
        const unreachable: never = call;
        throw new HostError('unknown-method', `Unknown method ${(unreachable as { method: string }).method}.`);
      }
    }
  }

  private emit(event: TrainerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken subscriber (a dead socket) must not starve the others.
        console.error('deepwire host: an event listener failed:', error);
      }
    }
  }

  private async startRun(...[project, options = {}]: MethodArgs<'startRun'>): Promise<{ runId: string }> {
    if (this.closing)
      throw new HostError('internal', 'Deepwire is shutting down.', 'Start the run again after restarting Deepwire.');
    const busy = [...this.active.values()].find((r) => r.projectName === project.name && !r.ended);
    if (busy) {
      throw new HostError(
        'run-active',
        `"${project.name}" is already training (run ${busy.runId}).`,
        'Stop that run first, or wait for it to finish, then press Train again.',
      );
    }
    const training = [...this.active.values()].filter((r) => !r.ended).length;
    const maxTrainers = this.options.maxTrainers ?? defaultMaxTrainers();
    if (training >= maxTrainers) {
      throw new HostError(
        'busy',
        `${training} run${training === 1 ? ' is' : 's are'} training already; this machine trains at most ${maxTrainers} at once (one per processor core).`,
        'Wait for a run to finish or stop one, then press Train again. (DEEPWIRE_MAX_TRAINERS sets the limit.)',
      );
    }
    const { runs } = this.options;
    let resumeFrom: string | undefined;
    if (options.continueFrom) {
      await runs.get(options.continueFrom); // throws not-found with a plain message
      resumeFrom = runs.dirOf(options.continueFrom);
    }
    const initialWeights = project.weights ? this.weightsPath(project.weights, options.projectPath) : undefined;
    const dataset = project.training?.dataset;
    const data =
      dataset && typeof dataset.file === 'string' ? this.dataPath(dataset.file, options.projectPath) : undefined;
    // A new run compares its data with the project's last run (continuing: with the run it goes on from).
    const previous = data && !resumeFrom ? (await runs.list(project.name, project.id))[0] : undefined;
    const { runId, runDir } = await runs.create(project, { continues: options.continueFrom });
    const start: StartCommand = {
      type: 'start',
      runId,
      project,
      runDir,
      ...(resumeFrom ? { resumeFrom } : {}),
      ...(initialWeights ? { initialWeights } : {}),
      ...(data ? { dataBase: data.projectDir } : {}),
      ...(previous ? { compareData: runs.dirOf(previous.runId) } : {}),
      ...(options.epochs ? { epochs: options.epochs } : {}),
      ...(options.backend ? { backend: options.backend } : {}),
    };
    this.launch(runId, project.name, start, analyzeGraph(project.graph).totals.macs);
    return { runId };
  }

  /**
   * Where a project's initial weights are: `weights` resolved against the project file's folder
   * (from `projectPath`, or the project root for a project that has no file yet) and kept inside it.
   */
  private weightsPath(weights: string, projectPath: string | undefined): string {
    const root = resolve(this.options.projectRoot ?? process.cwd());
    const file = projectPath ? (isAbsolute(projectPath) ? projectPath : resolve(root, projectPath)) : undefined;
    const projectDir = file ? dirname(file) : root;
    if (this.options.confineToProjectRoot && !isInside(root, projectDir)) {
      throw new HostError(
        'bad-request',
        `The project file ${projectPath} is outside the folder Deepwire serves (${root}).`,
        'Keep the project and its weights inside that folder, or start deepwire serve in the project’s folder.',
      );
    }
    return resolveInsideProject(projectDir, weights, 'weights');
  }

  /** The user's data of a project (see resolveDataPath): confined to the served folder in the browser shell. */
  private dataPath(file: string, projectPath: string | undefined): { path: string; projectDir: string } {
    return resolveDataPath(
      file,
      projectPath,
      this.options.projectRoot ?? process.cwd(),
      !!this.options.confineToProjectRoot,
    );
  }

  private launch(runId: string, projectName: string, start: StartCommand, macs: number): void {
    const startTimeoutMs = this.options.startTimeoutMs ?? 60_000;
    let ready = false;
    const run: ActiveRun = {
      runId,
      projectName,
      macs,
      trainer: undefined as unknown as TrainerProcess,
      ended: false,
      stopRequested: false,
      exited: Promise.resolve(),
      latest: {},
    };
    // Events arrive checked against the trainer protocol (startTrainer → parseTrainerMessage).
    const onEvent = (event: TrainerEvent): void => {
      if (event.type === 'ready') {
        ready = true;
        return;
      }
      // A trainer that fails before it has read `start` does not know its run id yet and says ''; it
      // trains only this run, so the failure is this run's (it used to be dropped, and the run
      // stayed `running` for ever: issue 13, item 3).
      const anonymousFailure = event.type === 'failed' && event.runId === '';
      if ('runId' in event && event.runId !== runId && !anonymousFailure) return;
      if (run.ended) return;
      switch (event.type) {
        case 'phase':
        case 'started':
        case 'batch':
        case 'epoch':
        case 'activations':
        case 'boundary':
          if (!(event.type === 'activations' && event.requestId)) run.latest[event.type] = event;
          if (event.type === 'epoch') this.recordSpeed(run, event);
          break;
        case 'failed':
          // A failure startTrainer made up for a process that died: say so on disk too, since the
          // trainer could not. (markFailed leaves a summary the trainer already closed alone.)
          this.fail(run, this.closing ? closedFailure : event);
          if (anonymousFailure) run.trainer.kill(); // it never started, so it will not end itself
          return;
        case 'finished':
          run.ended = true;
          break;
        default:
          break;
      }
      this.emit(event);
    };
    run.trainer = startTrainer({ start, onEvent, launcher: this.options.launchTrainer });
    this.active.set(runId, run);
    // From now on the trainer is the run's owner: if it is gone while the run says `running`, the
    // run was interrupted. (A folder that cannot be written shows up in the trainer's own writes.)
    const owned: Promise<void> = this.options.runs
      .setOwner(runId, run.trainer.pid)
      .catch(() => undefined)
      .finally(() => this.writes.delete(owned));
    this.writes.add(owned);
    const timeout = setTimeout(() => {
      if (ready) return;
      this.fail(run, {
        code: 'crashed',
        message: `The training process did not start within ${Math.round(startTimeoutMs / 1000)} seconds.`,
        hint: 'The machine may be very busy. Try again; if it keeps happening, run `deepwire doctor`.',
      });
      run.trainer.kill();
    }, startTimeoutMs);
    timeout.unref();
    run.exited = run.trainer.exited.then(() => {
      clearTimeout(timeout);
      this.active.delete(runId);
    });
    // Once the run has ended, the process has nothing left to do.
    void run.trainer.ended.then(() => run.trainer.send({ type: 'shutdown' }));
  }

  /** A run's epoch measures this computer's speed on its backend (kept for the next estimate). */
  private recordSpeed(run: ActiveRun, epoch: Extract<TrainerEvent, { type: 'epoch' }>): void {
    const started = run.latest.started;
    if (started?.type !== 'started') return;
    const write = this.speeds
      .recordEpoch(
        started.backend,
        // The speed of the threads the epoch really ran on (a run may go back to 1 thread).
        epoch.threads ? deviceWithThreads(started.device, epoch.threads) : started.device,
        run.macs,
        epoch.examplesPerSecond,
        epoch.seconds,
      )
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  /** Reports a run as failed (once) and records it in the run's summary. */
  private fail(run: ActiveRun, event: Failure): void {
    if (run.ended) return;
    run.ended = true;
    const failure: Failure = { code: event.code, message: event.message, ...(event.hint ? { hint: event.hint } : {}) };
    this.emit({ type: 'failed', runId: run.runId, ...failure });
    const write = this.options.runs
      .markFailed(run.runId, failure)
      .catch((error: unknown) => console.error('deepwire host: could not record the failure:', error))
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  private async stopRun(runId: string): Promise<void> {
    const run = this.active.get(runId);
    if (!run || run.ended) return; // already over: stopping is idempotent
    if (!run.stopRequested) {
      run.stopRequested = true;
      run.trainer.stop();
      return;
    }
    // A second Stop while the first is pending: the trainer is stuck in a batch; end it now.
    const epoch = run.latest.epoch?.type === 'epoch' ? run.latest.epoch : undefined;
    run.ended = true;
    const end = {
      epochsCompleted: epoch ? epoch.epoch + 1 : 0, // epochs count from 0
      final: epoch ? { train: epoch.metrics, ...(epoch.validation ? { validation: epoch.validation } : {}) } : {},
    };
    // The killed trainer cannot close its summary, so the runs list would say "running" for ever.
    // Recorded before the kill: once the trainer (the run's owner in owner.json) is gone, a listing
    // or getRun in between took the still-`running` run for interrupted and marked it failed, and
    // the stop was then never recorded.
    const write = this.options.runs
      .markStopped(runId, end)
      .catch((error: unknown) => console.error('deepwire host: could not record the stop:', error))
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
    await write;
    run.trainer.kill();
    this.emit({ type: 'finished', runId, reason: 'stopped', ...end });
  }

  private async chooseExportFolder(suggestedName: string): Promise<string | null> {
    const choose = this.options.files?.chooseExportFolder;
    if (!choose) throw shellOnly('Choosing a folder');
    const path = await choose(suggestedName);
    if (path) this.exportFolders.add(resolve(path));
    return path;
  }

  /**
   * Exports a finished run or the project on the canvas (`deepwire export` in a trainer process).
   * The folder is one the desktop app's chooser gave, or a plain name under the served folder's
   * `exports/`; an existing one is replaced only when the request says so.
   */
  private async exportModel(...[request]: MethodArgs<'exportModel'>): Promise<ExportOutcome> {
    if (!!request.runId === !!request.project)
      throw new HostError('bad-request', 'An export names either a run or a project, not both or neither.');
    const root = resolve(this.options.projectRoot ?? process.cwd());
    let out: string;
    if (isAbsolute(request.destination)) {
      out = resolve(request.destination);
      if (!this.exportFolders.has(out))
        throw new HostError(
          'bad-request',
          `Deepwire may only export into a folder you chose (${out} was not).`,
          'Choose the folder again.',
        );
    } else {
      if (basename(request.destination) !== request.destination || request.destination.startsWith('.'))
        throw new HostError(
          'bad-request',
          `"${request.destination}" is not a plain folder name.`,
          'Use letters, digits, "-" and "_".',
        );
      out = join(root, EXPORTS_FOLDER, request.destination);
    }
    if (existsSync(out) && !request.force)
      throw new HostError('exists', `${out} already exists.`, 'Replace it, or choose another name.');
    let runDir: string | undefined;
    if (request.runId) {
      await this.options.runs.get(request.runId); // not-found with a plain message
      runDir = this.options.runs.dirOf(request.runId);
    }
    let projectPath: string | undefined;
    if (request.project?.weights) {
      // Checked (confined to the project's folder) like a training run's initial weights; the
      // trainer resolves `weights` against the same project file.
      this.weightsPath(request.project.weights, request.projectPath);
      const p = request.projectPath;
      projectPath = p ? (isAbsolute(p) ? p : resolve(root, p)) : join(root, 'project.deepwire.json');
    }
    return runExportJob(this.options.launchTrainer, {
      type: 'export',
      requestId: `e${++requestCounter}`,
      format: request.format,
      out,
      force: request.force,
      ...(runDir ? { runDir } : { project: request.project!, ...(projectPath ? { projectPath } : {}) }),
    });
  }

  private async tryInput(...[runId, input]: MethodArgs<'tryInput'>): Promise<TryResult> {
    const run = this.active.get(runId);
    if (run && !run.ended)
      throw new HostError(
        'run-not-active',
        'This run is still training, so its model is not finished yet.',
        'Try your own input once it has finished (or stop it).',
      );
    await this.options.runs.get(runId); // not-found with a plain message
    this.predictor ??= new RunPredictor(this.options.launchTrainer);
    return this.predictor.tryInput(this.options.runs.dirOf(runId), input);
  }

  private async requestActivations(runId: string): Promise<void> {
    const run = this.active.get(runId);
    if (!run || run.ended) {
      throw new HostError(
        'run-not-active',
        'This run is not training any more, so it has no live activations.',
        'Start a new run to watch the layers learn.',
      );
    }
    run.trainer.send({ type: 'activations', requestId: `a${++requestCounter}` });
  }
}

/** Where the browser shell's exports go: `<served folder>/exports/<name>`. */
export const EXPORTS_FOLDER = 'exports';

function shellOnly(what: string): HostError {
  return new HostError(
    'shell-only',
    `${what} is done by the app window, not by the engine.`,
    'This is a bug in the app; please report it.',
  );
}
