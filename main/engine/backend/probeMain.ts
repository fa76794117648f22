/**
 * A short-lived process that selects the backend exactly as a trainer does and reports it, so the
 * host learns which backend training really gets without loading TF.js itself (the desktop app's
 * main process must not: issue 15, item 4). Started by the same launcher as the trainers (Electron's
 * utilityProcess in the desktop app, bundled as backendProbe.cjs; a Node child elsewhere), so it
 * runs in the same kind of process, with the same environment and node_modules. Sends one
 * BackendProbeReply, then exits.
 */
import type { BackendProbeReply } from '../../../shared/protocol/backendProbe';
import { deviceWithThreads, trainingThreads } from '../parallel/threads';
import { BackendError, type BackendReport } from './backendTypes';
import { selectBackend } from './selectBackend';
import { trainerProcessKind } from './trainerProcessKind';

interface ParentPort {
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(reply: BackendProbeReply): void {
  if (parentPort) parentPort.postMessage(reply);
  else process.send?.(reply);
}

async function probe(): Promise<BackendProbeReply> {
  const runsIn = trainerProcessKind();
  try {
    const r = await selectBackend();
    return {
      type: 'backend-probed',
      report: {
        backend: r.backend,
        package: r.package,
        device: deviceForTraining(r),
        tried: r.tried,
        forcedBy: r.forcedBy,
        trainingKernels: r.trainingKernels,
        runsIn,
        probedAt: new Date().toISOString(),
      },
    };
  } catch (error) {
    const e = error as Error & { hint?: string };
    return {
      type: 'backend-probe-failed',
      message: e.message,
      hint: e.hint,
      tried: error instanceof BackendError ? error.tried : [],
      runsIn,
    };
  }
}

/** The device with the threads training uses there (wasm and cpu add gradient workers, issue 12). */
function deviceForTraining(r: BackendReport): string {
  if (r.backend !== 'wasm' && r.backend !== 'cpu') return r.device;
  try {
    return deviceWithThreads(r.device, trainingThreads(r.backend).threads);
  } catch (error) {
    return `${r.device}; ${(error as Error).message}`;
  }
}

void probe().then((reply) => {
  send(reply);
  // Give the channel a moment to carry the reply.
  setTimeout(() => process.exit(0), 50);
});
