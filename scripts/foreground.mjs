// Runs a child in the foreground for `npm start`: Ctrl+C and SIGTERM reach it, its exit code
// becomes ours, and it never outlives us. `npm start` runs us under `sh -c`, and a SIGTERM sent to
// npm reaches only that shell, which dies without passing it on: we were left running, reparented,
// with the server child we started (issue 14.9). So besides forwarding signals we watch our parent
// and take the child down when it is gone, and kill it on any exit of ours.
import { spawn } from 'node:child_process';

/** How often the parent is looked at (ms). */
const PARENT_POLL_MS = 500;

/**
 * Spawns `cmd args` with our stdio and ties its life to ours.
 * @returns the child process.
 */
export function foreground(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { stdio: 'inherit', env });
  let exiting = false;
  const stopChild = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopChild(signal));
  process.on('exit', () => stopChild('SIGTERM'));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent || exiting) return;
    // Our parent died (the shell npm ran us in): nobody is left to stop us, so stop now.
    exiting = true;
    stopChild('SIGTERM');
  }, PARENT_POLL_MS);
  watch.unref();
  child.on('exit', (code, signal) => {
    clearInterval(watch);
    process.exit(code ?? (signal ? 1 : 0));
  });
  return child;
}
