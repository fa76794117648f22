import { fileURLToPath } from 'node:url';
import { SAVE_EVERY_EPOCH_MAX_WEIGHTS, type TrainerCommand, type TrainerEvent } from '../../shared/protocol/trainer';
import { parseTrainerMessage } from './parseTrainerMessage';
import { forkTrainerLauncher, type TrainerExit, type TrainerHandle, type TrainerLauncher } from './trainerLauncher';

/** The trainer's entry, run through tsx when forked from source. */
export const TRAINER_ENTRY = fileURLToPath(new URL('../engine/trainerMain.ts', import.meta.url));

type StartCommand = Extract<TrainerCommand, { type: 'start' }>;
type Ending = Extract<TrainerEvent, { type: 'finished' } | { type: 'failed' }>;

export interface StartTrainerOptions {
  /** The start command, sent as soon as the process says it is ready. */
  start: StartCommand;
  /** Every event of the run, including the `failed` the host makes up when the process dies. */
  onEvent(event: TrainerEvent): void;
  /** How to start the process; defaults to forking {@link TRAINER_ENTRY}. */
  launcher?: TrainerLauncher;
}

/** A running trainer as the host sees it. */
export interface TrainerProcess {
  readonly pid?: number;
  send(command: Exclude<TrainerCommand, StartCommand>): void;
  /** Stop after the current batch (weights kept). */
  stop(): void;
  /** Ends the process now (SIGKILL). */
  kill(): void;
  /** The run's end: its finished/failed event, or the 'crashed' failure if the process died first. */
  readonly ended: Promise<Ending>;
  /** The process has exited. */
  readonly exited: Promise<TrainerExit>;
}

/** How far a run got before its process died, as the host saw it in the events. */
export interface CrashProgress {
  epochsCompleted: number;
  /** Total weights (from `started`): small models are saved after every epoch. */
  params?: number;
}

/**
 * Plain words for a process that died without saying how the run ended, for someone who does not
 * know what a signal is: what happened, what it likely means, what is kept and what to do. The
 * signal or exit code (and the process's last line on stderr) ends the hint as a detail.
 */
export function crashFailure(
  runId: string,
  exit: TrainerExit,
  progress?: CrashProgress,
): Extract<TrainerEvent, { type: 'failed' }> {
  const oom = exit.signal === 'SIGKILL' || /out of memory|heap/i.test(exit.stderrTail ?? '');
  const lastLine = exit.stderrTail?.trim().split('\n').at(-1);
  const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
  const detail = `(Detail: ${how}${lastLine && !exit.signal ? `; last message: ${lastLine}` : ''}.)`;
  const epochs = progress?.epochsCompleted ?? 0;
  const savedEachEpoch = progress?.params === undefined || progress.params <= SAVE_EVERY_EPOCH_MAX_WEIGHTS;
  const kept =
    epochs === 0
      ? 'Your project is untouched; no epoch had finished, so there are no trained weights to keep.'
      : savedEachEpoch
        ? 'Your project is untouched; the weights from the last finished epoch are in the run folder.'
        : 'Your project is untouched; this model is too big to save after every epoch, so its weights were not kept.';
  const next = oom
    ? 'Try a smaller batch size or model, then train again.'
    : 'Train again; if it keeps happening, report it with the run folder.';
  return {
    type: 'failed',
    runId,
    code: 'crashed',
    message: 'The training process ended unexpectedly, so this run stopped.',
    hint: `${oom ? 'It may have run out of memory or been closed by the system. ' : ''}${kept} ${next} ${detail}`,
  };
}

/**
 * Spawns a trainer process for one run and relays its events, each checked against the trainer
 * protocol's schema (a message that breaks it is logged and dropped). An exit before the run's finished or
 * failed event (a crash, an out-of-memory kill, someone's SIGKILL) becomes a `failed` event with
 * code 'crashed' and a plain message, and the host carries on.
 */
export function startTrainer(options: StartTrainerOptions): TrainerProcess {
  const { start, onEvent } = options;
  const launcher = options.launcher ?? forkTrainerLauncher(TRAINER_ENTRY);
  const handle: TrainerHandle = launcher({ runId: start.runId });
  let ending: Ending | null = null;
  const progress: CrashProgress = { epochsCompleted: 0 };
  let resolveEnded!: (e: Ending) => void;
  let resolveExited!: (e: TrainerExit) => void;
  const ended = new Promise<Ending>((r) => (resolveEnded = r));
  const exited = new Promise<TrainerExit>((r) => (resolveExited = r));

  handle.onMessage((raw) => {
    // Checked against the trainer protocol's schema here, where it enters the host.
    const message = parseTrainerMessage(raw);
    if (!message) return;
    if (message.type === 'ready') handle.send(start);
    // Epochs finished in this run (its folder holds their weights), not those of a run it continues.
    if (message.type === 'started') progress.params = message.params.trainable + message.params.nonTrainable;
    if (message.type === 'epoch') progress.epochsCompleted++;
    if ((message.type === 'finished' || message.type === 'failed') && !ending) {
      ending = message;
      resolveEnded(message);
    }
    onEvent(message);
  });
  handle.onExit((exit) => {
    if (!ending) {
      ending = crashFailure(start.runId, exit, progress);
      onEvent(ending);
      resolveEnded(ending);
    }
    resolveExited(exit);
  });

  return {
    pid: handle.pid,
    send: (command) => handle.send(command),
    stop: () => handle.send({ type: 'stop' }),
    kill: () => handle.kill(),
    ended,
    exited,
  };
}
