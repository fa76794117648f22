import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The Python that runs the export checks: DEEPWIRE_PYTHON when set, else Debian's /usr/bin/python3
 * (where python3-torch, -numpy and -h5py install) when present, else `python3` on PATH. A pyenv
 * python3 first on PATH usually lacks torch, hence the preference.
 */
export function pythonExecutable(): string {
  if (process.env.DEEPWIRE_PYTHON) return process.env.DEEPWIRE_PYTHON;
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

export interface PythonResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the executable could not be started at all. */
  spawnError?: string;
}

/** Runs `python <args>` with `stdin`, collecting its output. Never throws. */
export function runPython(args: string[], options: { stdin?: string; cwd?: string; timeoutMs?: number } = {}) {
  return new Promise<PythonResult>((resolve) => {
    const child = spawn(pythonExecutable(), args, {
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    let stdout = '';
    let stderr = '';
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr, spawnError: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A Python that exits before reading its input (a missing module, a crash at start) closes the
    // pipe under us: EPIPE here is that, and 'close' above reports the exit with its stderr.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}

/** Why a Python check cannot run (no Python, a module missing), or null when it can. */
export function missingPython(result: PythonResult, modules: string[]): string | null {
  if (result.spawnError) {
    return `${pythonExecutable()} could not be started (${result.spawnError}); install Python 3 or set DEEPWIRE_PYTHON.`;
  }
  const m = /No module named '([^']+)'/.exec(result.stderr);
  if (m && modules.includes(m[1].split('.')[0])) {
    return `${pythonExecutable()} has no ${m[1]} module; install it (Debian: apt install python3-${m[1] === 'torch' ? 'torch' : m[1]}) or set DEEPWIRE_PYTHON to a Python that has it.`;
  }
  return null;
}
