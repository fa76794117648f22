import { readFileSync } from 'node:fs';

/** One CLI command: takes the arguments after its name, resolves to the exit code. */
type Command = (args: string[]) => Promise<number>;

/**
 * The `deepwire` commands. Each is loaded on demand so that `deepwire --version` does not pay for
 * tfjs. Add `inspect`, `train` and `serve` here as they are written.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  doctor: {
    summary: 'say which TensorFlow.js backend this machine uses, and why',
    load: async () => (await import('./doctor')).runDoctor,
  },
  inspect: {
    summary: "print a project's layers, shapes and parameter counts (--json for scripts)",
    load: async () => (await import('./inspect')).runInspect,
  },
  data: {
    summary: 'data inspect PATH: what Deepwire reads in a data file or folder (--target COL, --json)',
    load: async () => (await import('./data')).runData,
  },
  train: {
    summary: 'train a project (--epochs N, --backend B, --out DIR for the runs folder)',
    load: async () => (await import('./train')).runTrain,
  },
  predict: {
    summary: "run a run's trained model (or a project's) on a .npy batch (--input X.npy --output Y.npy)",
    load: async () => (await import('./predict')).runPredict,
  },
  export: {
    summary: 'export a run or project to onnx, pytorch, keras or tfjs, checked against predict (--format F --out DIR)',
    load: async () => (await import('./export')).runExportCommand,
  },
  import: {
    summary: 'turn an ONNX, Keras or TF.js model into a project with its weights (--out DIR, --partial)',
    load: async () => (await import('./import')).runImport,
  },
  serve: {
    summary: 'serve the app to your browser (127.0.0.1 with an access token by default)',
    load: async () => (await import('../server/serveCommand')).runServe,
  },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'Usage: deepwire <command> [options]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n].summary}`),
  ].join('\n');
}

/**
 * Entry point of the `deepwire` command (bin/deepwire.mjs calls it).
 *
 * @param argv - the arguments after `deepwire`
 * @returns the process exit code
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v') {
    console.log(version());
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`deepwire: unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  return (await command.load())(args);
}
