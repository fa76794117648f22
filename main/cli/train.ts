import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeGraph } from '../../shared/graph';
import { parseProject } from '../../shared/project';
import { resolveInsideProject } from '../host/projectPaths';
import { defaultRunsRoot, fileRunStore } from '../host/runStore';
import { startTrainer } from '../host/trainerProcess';
import { progressPrinter } from './trainProgress';

const USAGE = 'Usage: deepwire train <project.deepwire.json> [--epochs N] [--backend gpu|node|wasm|cpu] [--out DIR]';

/**
 * `deepwire train`: trains a project in a trainer process, printing progress (a bar on a terminal,
 * plain lines otherwise), and leaves the run in `<DIR>/<runId>/`. Exit code 0 on success, 1 when
 * training fails (invalid graph, dataset mismatch, NaN loss, crash), 2 for bad arguments or files.
 */
export async function runTrain(args: string[]): Promise<number> {
  let values: { epochs?: string; backend?: string; out?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        epochs: { type: 'string' },
        backend: { type: 'string' },
        out: { type: 'string' },
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
  const { runId, runDir } = await store.create(project);
  const print = progressPrinter(process.stdout);
  const trainer = startTrainer({
    start: { type: 'start', runId, project, runDir, epochs, backend: values.backend, initialWeights },
    onEvent: print,
  });
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
      await store.markFailed(runId, { code: end.code, message: end.message, hint: end.hint });
      trainer.kill();
      return 1;
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
