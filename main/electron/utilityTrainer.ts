import { utilityProcess } from 'electron';
import type { TrainerLauncher } from '../host/trainerLauncher';

const STDERR_TAIL = 4000;

/**
 * Starts trainers with Electron's `utilityProcess` (a Node child of the app that Chromium manages):
 * a crash or an out-of-memory there never takes the window down. The trainer talks through
 * `process.parentPort`; structured clone carries activation bytes as Uint8Array.
 */
export function utilityTrainerLauncher(entry: string): TrainerLauncher {
  return ({ runId }) => {
    const child = utilityProcess.fork(entry, [], {
      serviceName: `Deepwire trainer ${runId}`,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    let exited = false;
    child.once('exit', () => (exited = true));
    return {
      get pid() {
        return child.pid;
      },
      send: (command) => {
        if (!exited) child.postMessage(command);
      },
      onMessage: (listener) => {
        child.on('message', listener);
      },
      onExit: (listener) => {
        // utilityProcess reports only the exit code; a kill shows as a non-zero code.
        child.once('exit', (code) => listener({ code, signal: null, stderrTail }));
      },
      kill: () => {
        if (!exited) child.kill();
      },
    };
  };
}
