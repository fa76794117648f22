import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TrainerCommand } from '../../shared/protocol/trainer';

/** How a trainer process ended. `stderrTail` helps say why in plain words. */
export interface TrainerExit {
  code: number | null;
  signal: string | null;
  stderrTail?: string;
}

/**
 * One running trainer process, whatever started it (`child_process.fork` for the server and the CLI,
 * Electron's `utilityProcess` for the desktop app). The host only needs these four things.
 */
export interface TrainerHandle {
  readonly pid?: number;
  send(command: TrainerCommand): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (exit: TrainerExit) => void): void;
  /** Ends the process now (SIGKILL where there are signals). */
  kill(): void;
}

/** Starts one trainer process for one run. */
export type TrainerLauncher = (run: { runId: string }) => TrainerHandle;

const STDERR_TAIL = 4000;

/**
 * tsx's loader as a file URL, found from `entry`'s own folder: a bare `--import tsx` is resolved
 * from the working directory, so `deepwire train` run in a data folder outside the checkout
 * started trainers that died at once with "Cannot find package 'tsx'".
 */
function tsxLoader(entry: string): string {
  try {
    const manifest = createRequire(entry).resolve('tsx/package.json');
    return pathToFileURL(join(dirname(manifest), 'dist', 'loader.mjs')).href;
  } catch {
    return 'tsx';
  }
}

/**
 * A launcher that forks `entry` with Node. A `.ts` entry runs through tsx, so it works from a clean
 * clone without a build. IPC uses the 'advanced' (structured clone) serialization so activation
 * bytes arrive as Uint8Array rather than as JSON objects of numbers.
 */
export function forkTrainerLauncher(
  entry: string,
  options: { env?: NodeJS.ProcessEnv; execArgv?: string[] } = {},
): TrainerLauncher {
  return () => {
    const execArgv = options.execArgv ?? (entry.endsWith('.ts') ? ['--import', tsxLoader(entry)] : []);
    const child = fork(entry, [], {
      execArgv,
      env: options.env ?? process.env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    // A spawn failure (ENOENT, EACCES) arrives as 'error' followed by 'exit' (or 'close').
    child.on('error', (error) => {
      stderrTail = (stderrTail + `\n${error.message}`).slice(-STDERR_TAIL);
    });
    return {
      pid: child.pid,
      send(command) {
        if (child.connected) child.send(command);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        child.once('close', (code, signal) => listener({ code, signal, stderrTail }));
      },
      kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  };
}
