import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunsRoot } from '../host/runStore';

const FORMATS = ['onnx', 'pytorch', 'keras', 'tfjs'];

const USAGE = `Usage: deepwire export RUN|PROJECT --format onnx|pytorch|keras|tfjs --out DIR [--force]

  RUN       a run folder, or a run id in the runs folder (DEEPWIRE_RUNS_DIR, default ~/.deepwire/runs)
  PROJECT   a project file: its architecture with its initial weights
  --format  onnx (model.onnx), pytorch (model.py, model.safetensors, train.py), keras, tfjs (model.json)
  --out     the folder to create; it gets the model files, README.md and deepwire-export.json
  --force   replace DIR if it exists (the old folder is removed only once the new one is in place)

The export is checked against \`deepwire predict\` on a fixed batch before it is put in place.`;

/**
 * `deepwire export`: exit 0 when written (the check passed or was skipped, which it says), 1 when the
 * export's check failed (nothing written), 2 for bad arguments, an existing DIR without --force, a
 * refused run, or a layer the format cannot express.
 */
export async function runExportCommand(args: string[]): Promise<number> {
  let values: { format?: string; out?: string; force?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`deepwire export: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !values.format || !values.out) {
    console.error(`deepwire export: give one run or project, --format and --out.\n\n${USAGE}`);
    return 2;
  }
  if (!FORMATS.includes(values.format)) {
    console.error(`deepwire export: unknown format "${values.format}"; choose one of ${FORMATS.join(', ')}.`);
    return 2;
  }
  const { ExportError } = await import('../engine/export/exportError');
  const { ExportCheckFailed } = await import('../engine/export/runExport');
  try {
    const { selectBackend } = await import('../engine/backend');
    await selectBackend();
    const { resolveTarget, loadSource } = await import('../engine/export/exportSource');
    const { runExport } = await import('../engine/export/runExport');
    const target = await resolveTarget(positionals[0], defaultRunsRoot());
    const loaded = await loadSource(target);
    for (const name of loaded.initialWeights?.fresh ?? [])
      console.error(`Note: the initial weights have no fitting ${name}; it keeps its seeded value.`);
    const result = await runExport(loaded, {
      format: values.format as 'onnx',
      out: values.out,
      force: values.force,
      target: positionals[0],
      projectFile: target.kind === 'project' ? resolve(target.path) : undefined,
      onProgress: (line) => console.error(line),
    });
    const c = result.check;
    console.log(`Wrote ${result.files.join(', ')} to ${result.dir}`);
    console.log(
      c.status === 'skipped'
        ? `Check skipped: ${c.reason}`
        : `Check ${c.status}: max relative error ${c.maxRelativeError.toExponential(2)} (tolerance ${c.tolerance}) on ${c.examples} examples, ${c.runtime}.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ExportError) {
      console.error(`deepwire export: ${err.message}${err.hint ? `\n${err.hint}` : ''}`);
      return err instanceof ExportCheckFailed ? 1 : 2;
    }
    throw err;
  }
}
