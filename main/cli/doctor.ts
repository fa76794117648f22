import * as tf from '@tensorflow/tfjs';
import { BackendError, formatBackendReport, selectBackend, type BackendReport } from '../engine/backend';
import { deviceWithThreads, trainingThreads } from '../engine/parallel/threads';
import { defaultRunsRoot } from '../host/runStore';
import { desktopBackendFile, lastTrainerBackend } from '../host/trainerBackend';
import { desktopTrainerLines } from './desktopTrainerLines';

/**
 * `deepwire doctor [--json]`: load the best backend this machine has and say which one it is, and
 * why each better one was not used, so a user can see what to install for faster training.
 *
 * @returns the process exit code: 0 when a backend loaded, 1 when a forced one could not.
 */
export async function runDoctor(args: string[]): Promise<number> {
  const json = args.includes('--json');
  try {
    const selected = await selectBackend();
    const threads = threadsLine(selected);
    // The backend itself runs one thread; training adds its gradient workers (see engine/parallel).
    const report =
      threads.threads && ['wasm', 'cpu'].includes(selected.backend)
        ? { ...selected, device: deviceWithThreads(selected.device, threads.threads) }
        : selected;
    // The desktop app's trainer runs in Electron's utilityProcess, which a terminal cannot start:
    // say what it reported last time the app asked (main/host/trainerBackend.ts).
    const desktop = await lastTrainerBackend(desktopBackendFile(defaultRunsRoot()));
    if (json)
      console.log(JSON.stringify({ ...report, trainingThreads: threads, desktopTrainer: desktop ?? null }, null, 2));
    else {
      console.log(`${formatBackendReport(report, tf.version.tfjs)}\nThreads:  ${threads.text}`);
      console.log(desktopTrainerLines(desktop).join('\n'));
    }
    return threads.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    if (json) {
      console.log(
        JSON.stringify(
          { error: { code: error.code, message: error.message, hint: error.hint }, tried: error.tried },
          null,
          2,
        ),
      );
    } else {
      console.error(`${error.message}\n${error.hint}`);
    }
    return 1;
  }
}

/** How many threads training uses here, and why (DEEPWIRE_THREADS, all cores, or a native backend). */
function threadsLine(report: BackendReport): { ok: boolean; threads?: number; text: string } {
  try {
    const { threads, source } = trainingThreads(report.backend);
    const text = `${threads} training thread${threads === 1 ? '' : 's'} (${source}; DEEPWIRE_THREADS=N sets it, small batches use fewer)`;
    return { ok: true, threads, text };
  } catch (error) {
    const e = error as { message: string; hint?: string };
    return { ok: false, text: `${e.message} ${e.hint ?? ''}`.trim() };
  }
}
