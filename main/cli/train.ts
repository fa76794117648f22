import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeGraph } from '../../shared/graph';
import { parseProject } from '../../shared/project';
import { resolveInsideProject } from '../host/projectPaths';
import { defaultRunsRoot, fileRunStore } from '../host/runStore';
import { isRunsFolderError } from '../host/runsFolderError';
import { fileURLToPath } from 'node:url';
import { forkTrainerLauncher } from '../host/trainerLauncher';
import { trainerEntry } from '../host/trainerEntry';
import { startTrainer } from '../host/trainerProcess';
import { progressPrinter } from './trainProgress';

const USAGE = `Usage: deepwire train <project.deepwire.json> [--epochs N] [--backend gpu|node|wasm|cpu] [--out DIR]
                      [--data PATH [--target COLUMN]]

  --data PATH      train on this file or folder instead of the project's dataset (a table,
                   a folder of images per class, .npy/.npz, FITS or HDF5; see deepwire data inspect)
  --target COLUMN  the column (or array) to learn, with --data; default: the last column`;

/**
 * `deepwire train`: trains a project in a trainer process, printing progress (a bar on a terminal,
 * plain lines otherwise), and leaves the run in `<DIR>/<runId>/`. Exit code 0 on success, 1 when
 * training fails (invalid graph, dataset mismatch, NaN loss, crash), 2 for bad arguments or files and a runs folder that is full, read-only or not a folder.
 */
export async function runTrain(args: string[]): Promise<number> {
  let values: { epochs?: string; backend?: string; out?: string; data?: string; target?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        epochs: { type: 'string' },
        backend: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string' },
        target: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`deepwire train: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`deepwire train: give exactly one project file.\n${USAGE}`);
    return 2;
  }
  const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
  if (epochs !== undefined && (!Number.isInteger(epochs) || epochs < 1)) {
    console.error(`deepwire train: --epochs must be a whole number of at least 1, not "${values.epochs}".`);
    return 2;
  }
  const path = resolve(positionals[0]);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    console.error(
      `deepwire train: cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`,
    );
    return 2;
  }
  const parsed = parseProject(text);
  if (!parsed.ok) {
    console.error(`deepwire train: ${path} is not a valid project:`);
    for (const e of parsed.errors) console.error(`  ${e.path ? `${e.path}: ` : ''}${e.message}`);
    return 2;
  }
  const project = parsed.project;
  if (values.target !== undefined && values.data === undefined) {
    console.error(`deepwire train: --target goes with --data (the project's own dataset names its target).\n${USAGE}`);
    return 2;
  }
  if (values.data !== undefined) {
    // Named on the command line, so relative to where the command runs (absolute in the project copy).
    const file = resolve(values.data);
    if (!existsSync(file)) {
      console.error(`deepwire train: there is no file or folder ${file} (from --data).`);
      return 2;
    }
    project.training = { ...project.training, dataset: { file, ...(values.target ? { target: values.target } : {}) } };
  }
  const analysis = analyzeGraph(project.graph);
  if (!analysis.valid) {
    console.error(`deepwire train: the network in ${path} cannot be trained yet:`);
    for (const p of analysis.problems.filter((x) => x.severity === 'error'))
      console.error(`  ${p.message}${p.hint ? ` ${p.hint}` : ''}`);
    return 1;
  }

  let initialWeights: string | undefined;
  try {
    initialWeights = project.weights ? resolveInsideProject(dirname(path), project.weights, 'weights') : undefined;
  } catch (err) {
    console.error(`deepwire train: ${(err as Error).message} ${(err as { hint?: string }).hint ?? ''}`);
    return 2;
  }
  const store = fileRunStore(values.out ? resolve(values.out) : defaultRunsRoot());
  // The user's data: a file named in the project is next to it; a new run says if it changed since the last.
  const fileData = !!project.training?.dataset && 'file' in project.training.dataset;
  const previous = fileData ? (await store.list(project.name, project.id))[0] : undefined;
  let created: { runId: string; runDir: string };
  try {
    created = await store.create(project);
  } catch (err) {
    // A full, read-only or not-a-folder runs folder is the user's to fix, not a crash (issue 13, item 11).
    if (!isRunsFolderError(err)) throw err;
    console.error(`deepwire train: ${err.message}\n${err.hint ?? ''}`);
    return 2;
  }
  const { runId, runDir } = created;
  const print = progressPrinter(process.stdout);
  const trainer = startTrainer({
    start: {
      type: 'start',
      runId,
      project,
      runDir,
      epochs,
      backend: values.backend,
      initialWeights,
      ...(fileData ? { dataBase: dirname(path) } : {}),
      ...(previous ? { compareData: store.dirOf(previous.runId) } : {}),
    },
    onEvent: print,
    // The bundled trainer when it is up to date (ready about a second sooner), else the source.
    launcher: forkTrainerLauncher(trainerEntry(fileURLToPath(new URL('../../', import.meta.url)))),
  });
  void store.setOwner(runId, trainer.pid).catch(() => undefined);
  // Ctrl-C once: stop after the current batch and keep the weights; twice: end the trainer now.
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      console.error('\nStopping after the current batch (Ctrl-C again to quit at once)…');
      trainer.stop();
    } else trainer.kill();
  };
  process.on('SIGINT', onSigint);
  try {
    const end = await trainer.ended;
    if (end.type === 'failed') {
      console.error(`Training failed: ${end.message}${end.hint ? `\n${end.hint}` : ''}`);
      // On a full or read-only disk this cannot be recorded either; the next listing marks the run.
      await store.markFailed(runId, { code: end.code, message: end.message, hint: end.hint }).catch(() => undefined);
      trainer.kill();
      return end.code === 'runs-folder' ? 2 : 1;
    }
    trainer.send({ type: 'shutdown' });
    await trainer.exited;
    console.log(
      `${end.reason === 'stopped' ? 'Stopped' : 'Done'} after ${end.epochsCompleted} epochs. Run saved in ${runDir}`,
    );
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
