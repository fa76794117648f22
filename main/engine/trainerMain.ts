/**
 * The trainer process's entry: run by `child_process.fork` (under tsx: `execArgv: ['--import',
 * 'tsx']`, `serialization: 'advanced'` so activation bytes travel as binary) or by Electron's
 * `utilityProcess` (messages through `process.parentPort`). One process trains one run; every
 * incoming command is validated with trainerCommandSchema, and any uncaught error is reported as a
 * `failed` event before the process exits.
 */
import type { ExportReply } from '../../shared/protocol/exports';
import type { ImportReply } from '../../shared/protocol/imports';
import type { SpeedReply } from '../../shared/protocol/speed';
import { trainerCommandSchema, type TrainerCommand, type TrainerEvent } from '../../shared/protocol/trainer';
import { selectBackend } from './backend';
import { openSavedRun } from './openSavedRun';
import { startTrainingJob, type JobHandle } from './trainingJob';
import { describeFailure, type TrainingSession } from './train';

/** Electron's utilityProcess port: messages arrive as `{data}`. */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(event: TrainerEvent | ExportReply | ImportReply | SpeedReply): void {
  if (parentPort) parentPort.postMessage(event);
  else process.send?.(event);
}

let job: JobHandle | null = null;
let runId = '';
/** A finished run reopened for evaluate/predict/activations with `runDir` (the last one asked for). */
let saved: { runDir: string; session: Promise<TrainingSession> } | null = null;

/** The session a command works on: the saved run in `runDir` when given, else this trainer's own. */
async function sessionFor(runDir: string | undefined): Promise<TrainingSession | null> {
  if (!runDir) return job?.session ?? null;
  if (saved?.runDir !== runDir) {
    const previous = saved;
    saved = {
      runDir,
      session: (async () => {
        (await previous?.session.catch(() => null))?.dispose();
        const report = await selectBackend();
        return openSavedRun(runDir, { backend: { backend: report.backend, device: report.device }, emit: send });
      })(),
    };
  }
  try {
    return await saved.session;
  } catch (error) {
    saved = null;
    send({
      type: 'log',
      level: 'warn',
      message: `The run in ${runDir} could not be opened: ${(error as Error).message}`,
    });
    return null;
  }
}

async function handle(command: TrainerCommand): Promise<void> {
  switch (command.type) {
    case 'start': {
      if (job) {
        send({ type: 'log', level: 'warn', message: 'This trainer is already running a job; start ignored.' });
        return;
      }
      runId = command.runId;
      job = await startTrainingJob(
        {
          runId: command.runId,
          project: command.project as Parameters<typeof startTrainingJob>[0]['project'],
          runDir: command.runDir,
          resumeFrom: command.resumeFrom,
          initialWeights: command.initialWeights,
          dataBase: command.dataBase,
          compareData: command.compareData,
          epochs: command.epochs,
          backend: command.backend,
        },
        send,
      );
      return;
    }
    case 'stop':
      job?.session?.stop();
      return;
    case 'evaluate': {
      const s = await sessionFor(command.runDir);
      if (!s)
        return send({ type: 'log', level: 'warn', message: 'Nothing to evaluate: no model has been trained here.' });
      send({ type: 'evaluation', runId: s.runId, requestId: command.requestId, result: (await s.evaluate()).result });
      return;
    }
    case 'activations': {
      const s = await sessionFor(command.runDir);
      if (!s) return send({ type: 'log', level: 'warn', message: 'No activations: no model has been trained here.' });
      await s.emitActivations(undefined, command.requestId);
      return;
    }
    case 'predict': {
      const s = await sessionFor(command.runDir);
      if (!s)
        return send({
          type: 'log',
          level: 'warn',
          message: 'Nothing to predict with: no model has been trained here.',
        });
      if (command.activations && command.inputs.length > 0) {
        // One example from the Train panel's "Try it": a bad one is answered, not fatal.
        try {
          const { outputs, layers } = s.tryInput(command.inputs[0]);
          send({ type: 'prediction', runId: s.runId, requestId: command.requestId, outputs: [outputs], layers });
        } catch (error) {
          send({ type: 'log', level: 'warn', message: (error as Error).message, requestId: command.requestId });
        }
        return;
      }
      send({ type: 'prediction', runId: s.runId, requestId: command.requestId, outputs: s.predict(command.inputs) });
      return;
    }
    case 'export': {
      // Loaded on demand: a trainer that only trains never pays for the exporters.
      const { exportInTrainer } = await import('./export/exportCommand');
      send(await exportInTrainer(command));
      return;
    }
    case 'import': {
      const { importInTrainer } = await import('./import/importCommand');
      send(await importInTrainer(command));
      return;
    }
    case 'measure-speed': {
      // Loaded on demand, as the exporters are: a trainer that only trains never pays for it.
      const { measureSpeed } = await import('./speed/measureSpeed');
      try {
        send({ type: 'speed-measured', requestId: command.requestId, speed: await measureSpeed(command) });
      } catch (error) {
        send({ type: 'speed-failed', requestId: command.requestId, message: (error as Error).message });
      }
      return;
    }
    case 'shutdown':
      job?.session?.stop();
      await job?.done;
      process.exit(0);
      return;
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function receive(message: unknown): void {
  const parsed = trainerCommandSchema.safeParse(message);
  if (!parsed.success) {
    send({
      type: 'log',
      level: 'warn',
      message: `The trainer ignored a malformed command: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    });
    return;
  }
  handle(parsed.data).catch(reportFatal);
}

function reportFatal(error: unknown): void {
  send({ type: 'failed', runId, ...describeFailure(error) });
}

process.on('uncaughtException', (error) => {
  reportFatal(error);
  // Give the IPC channel a moment to carry the message before exiting.
  setTimeout(() => process.exit(1), 100);
});
process.on('unhandledRejection', (error) => reportFatal(error));

if (parentPort) parentPort.on('message', (e) => receive(e.data));
else process.on('message', receive);
// The host closing the channel means nobody is listening any more.
process.on('disconnect', () => process.exit(0));

send({ type: 'ready', pid: process.pid });
