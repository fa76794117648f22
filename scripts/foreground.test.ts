import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Issue 14.9: `npm start` stopped with Ctrl-C or SIGTERM left the server running as an orphan.
 * A stand-in for start.mjs runs a stand-in server through foreground(); the server prints its pid.
 */
const foregroundUrl = new URL('./foreground.mjs', import.meta.url).href;
const wrapper = `
  const { foreground } = await import(${JSON.stringify(foregroundUrl)});
  foreground(process.execPath, ['-e', 'console.log("server " + process.pid); setInterval(() => {}, 1000)']);
`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let started: ChildProcess[] = [];
let serverPid: number | undefined;
afterEach(() => {
  for (const p of started) if (p.exitCode === null) p.kill('SIGKILL');
  if (serverPid && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
  started = [];
  serverPid = undefined;
});

/** Starts `command args` and resolves with it and the server's pid once the server is up. */
function start(command: string, args: string[]): Promise<{ proc: ChildProcess; server: number }> {
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const m = /server (\d+)/.exec(out);
      if (m) {
        serverPid = Number(m[1]);
        resolve({ proc, server: serverPid });
      }
    });
    proc.once('exit', () => reject(new Error(`exited before the server started: ${out}`)));
  });
}

const exited = (proc: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode);
    else proc.once('exit', (code) => resolve(code));
  });

describe('foreground (npm start)', () => {
  it('stops the server on SIGTERM and SIGINT, and exits', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { proc, server } = await start(process.execPath, ['--input-type=module', '-e', wrapper]);
      proc.kill(signal);
      await exited(proc);
      await expect.poll(() => alive(server), { timeout: 15_000 }).toBe(false);
    }
  });

  it('stops the server when the shell npm ran it in is killed (SIGTERM reaches only the shell)', async () => {
    // `; true` keeps the shell from exec-ing node, as npm's `sh -c` may.
    const script = `'${process.execPath}' --input-type=module -e '${wrapper.replaceAll("'", "'\\''")}'; true`;
    const { proc, server } = await start('sh', ['-c', script]);
    proc.kill('SIGTERM');
    await exited(proc);
    await expect.poll(() => alive(server), { timeout: 15_000 }).toBe(false);
  });
});
