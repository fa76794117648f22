import { trainerEntry } from '../host/trainerEntry';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Host } from '../host/host';
import { engineCatalog } from '../host/engineCatalog';
import { TrainerBackend } from '../host/trainerBackend';
import { defaultRunsRoot, fileRunStore } from '../host/runStore';
import { forkTrainerLauncher } from '../host/trainerLauncher';
import { startServer } from './server';
import { newToken } from './token';

/** Parsed `deepwire serve` options. */
export interface ServeArgs {
  hostname: string;
  port: number;
  token: string | null;
  open: boolean;
}

export const DEFAULT_PORT = 4780;

const USAGE = `Usage: deepwire serve [--host H] [--port P] [--no-token | --token T] [--open]

Serves the Deepwire app to a browser. By default it listens on 127.0.0.1 only and requires a
random access token, printed in the address to open.

  --host H     interface to listen on (default 127.0.0.1; 0.0.0.0 makes it reachable from other machines)
  --port P     port (default ${DEFAULT_PORT}; 0 picks a free one)
  --token T    use this token instead of a random one (for tests and scripts; at least 8 characters)
  --no-token   do not require a token (anyone who can reach the port can train and read your runs)
  --open       open the address in your browser`;

/** Parses the arguments after `serve`; returns a message (and exit code) for --help or a mistake. */
export function parseServeArgs(args: string[]): ServeArgs | { exit: number; message: string } {
  const out: ServeArgs = { hostname: '127.0.0.1', port: DEFAULT_PORT, token: newToken(), open: false };
  let noToken = false;
  let fixedToken: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string | undefined => args[++i];
    switch (arg) {
      case '--help':
      case '-h':
        return { exit: 0, message: USAGE };
      case '--host': {
        const v = value();
        if (!v) return { exit: 2, message: `--host needs an interface, e.g. --host 127.0.0.1\n\n${USAGE}` };
        out.hostname = v;
        break;
      }
      case '--port': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 0 || v > 65535)
          return { exit: 2, message: `--port needs a number from 0 to 65535.\n\n${USAGE}` };
        out.port = v;
        break;
      }
      case '--token': {
        const v = value();
        if (!v || v.length < 8 || !/^[\w.~-]+$/.test(v)) {
          return { exit: 2, message: '--token needs at least 8 characters from A–Z, a–z, 0–9, "_", "-", ".", "~".' };
        }
        fixedToken = v;
        break;
      }
      case '--no-token':
        noToken = true;
        break;
      case '--open':
        out.open = true;
        break;
      default:
        return { exit: 2, message: `deepwire serve: unknown option "${arg}".\n\n${USAGE}` };
    }
  }
  if (noToken && fixedToken) return { exit: 2, message: '--token and --no-token cannot be used together.' };
  out.token = noToken ? null : (fixedToken ?? out.token);
  return out;
}

/** Opens a URL in the user's browser; says so when there is none (a headless machine). */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log(`(Could not open a browser here: open the address above yourself.)`));
  child.unref();
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `deepwire serve`: the browser shell. Resolves with the exit code once the server has shut down
 * (Ctrl+C), after every trainer it started has been stopped.
 */
export async function runServe(args: string[]): Promise<number> {
  const parsed = parseServeArgs(args);
  if ('exit' in parsed) {
    (parsed.exit === 0 ? console.log : console.error)(parsed.message);
    return parsed.exit;
  }
  const rendererDir = join(repoRoot, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(
      `The app's web page is not built yet (${rendererDir} is missing): run npm run build:renderer, then deepwire serve again.`,
    );
    return 1;
  }
  const runs = fileRunStore(defaultRunsRoot());
  const host = new Host({
    catalog: engineCatalog(
      join(repoRoot, 'templates'),
      new TrainerBackend(forkTrainerLauncher(join(repoRoot, 'main', 'engine', 'backend', 'probeMain.ts'))),
    ),
    runs,
    // The bundled trainer when it is up to date (ready about a second sooner), else the source.
    launchTrainer: forkTrainerLauncher(trainerEntry(repoRoot)),
    // A browser names its files only: their weights are looked for in the folder serve started in.
    projectRoot: process.cwd(),
    confineToProjectRoot: true,
  });

  let server;
  try {
    server = await startServer({
      host,
      rendererDir,
      hostname: parsed.hostname,
      port: parsed.port,
      token: parsed.token,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(
        `Port ${parsed.port} is already in use (another deepwire serve?). Use --port with another number, or --port 0 for any free port.`,
      );
      return 1;
    }
    if (code === 'EADDRNOTAVAIL') {
      console.error(
        `This machine has no interface ${parsed.hostname}. Use --host 127.0.0.1, or 0.0.0.0 for every interface.`,
      );
      return 1;
    }
    throw error;
  }

  console.log(`Deepwire is running. Open this address in your browser:\n\n  ${server.url}\n`);
  console.log(`Runs are saved in ${runs.root}. Press Ctrl+C to stop.`);
  if (parsed.token === null) {
    console.warn(
      'Warning: --no-token: anyone who can reach this port can use Deepwire, train models and read your runs.',
    );
  }
  if (!['127.0.0.1', 'localhost', '::1'].includes(parsed.hostname)) {
    console.warn(
      `Warning: listening on ${parsed.hostname}, so other machines can reach it (traffic is not encrypted; prefer an SSH tunnel).`,
    );
  }
  if (parsed.open) openBrowser(server.url);

  const running = server;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping trainers and the server…`);
      Promise.all([host.shutdown(), running.close()]).then(
        () => resolve(0),
        (error: unknown) => {
          console.error(error);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
