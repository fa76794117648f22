import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunsRoot } from '../host/runStore';

const USAGE = `Usage: deepwire predict RUN|PROJECT (--input X.npy | --data PATH) [--output Y.npy] [--raw]

  RUN       a run folder, or a run id in the runs folder (DEEPWIRE_RUNS_DIR, default ~/.deepwire/runs)
  PROJECT   a project file: its initial weights ("weights") or the seeded ones training starts from
  --input   a NumPy array, channels last: (examples, ...the Input's shape), or one example
  --data    a data file or folder (CSV, images, .npy/.npz, FITS, HDF5) read with the run's data
            options (target, features, …): every example in it, in file order
  --output  where to write the outputs as .npy (float32); without it they are printed
  --raw     regression: the model's standardised outputs instead of the targets' own units

A run trained on your own file standardised its inputs; predict does the same, so give the data as it is.`;

/**
 * `deepwire predict`: runs a run's trained model (or a project's initial one) on a .npy batch.
 * This is the reference every export is checked against. Exit 0 on success, 2 for bad arguments,
 * files or a refused run (failed, no model).
 */
export async function runPredict(args: string[]): Promise<number> {
  let values: { input?: string; data?: string; output?: string; raw?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        input: { type: 'string' },
        data: { type: 'string' },
        output: { type: 'string' },
        raw: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`deepwire predict: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !values.input === !values.data) {
    console.error(`deepwire predict: give one run or project, and --input or --data.\n\n${USAGE}`);
    return 2;
  }
  const { ExportError } = await import('../engine/export/exportError');
  const { readNpy, writeNpy, NpyError } = await import('../engine/export/npy');
  try {
    const { selectBackend } = await import('../engine/backend');
    await selectBackend();
    const { resolveTarget, loadSource } = await import('../engine/export/exportSource');
    const { fitInput, predictRaw, scaleInputs, toRealUnits } = await import('../engine/export/predict');
    const { source } = await loadSource(await resolveTarget(positionals[0], defaultRunsRoot()));
    const inputName = source.model.inputLayers[0].name;
    let input: { shape: number[]; values: Float32Array };
    if (values.input) {
      const inputPath = resolve(values.input);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(inputPath);
      } catch (err) {
        throw new ExportError(
          `Cannot read ${inputPath}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`,
        );
      }
      input = readNpy(bytes);
    } else {
      const { readDataFile } = await import('../engine/export/readData');
      input = await readDataFile(resolve(values.data!), source);
    }
    const x = scaleInputs(fitInput(input, source.model.inputs[0].shape, inputName), source.inputScaling);
    const raw = predictRaw(source.model, x);
    const out = values.raw ? raw : toRealUnits(raw, source.targetScaler);
    if (values.output) {
      const path = resolve(values.output);
      await writeFile(path, writeNpy(out));
      console.log(`Wrote ${out.shape[0]} predictions of shape (${out.shape.slice(1).join(', ')}) to ${path}.`);
    } else {
      printOutputs(out, source.classNames);
    }
    return 0;
  } catch (err) {
    if (err instanceof ExportError || err instanceof NpyError) {
      console.error(`deepwire predict: ${err.message}${err instanceof ExportError && err.hint ? `\n${err.hint}` : ''}`);
      return 2;
    }
    throw err;
  }
}

/** One line per example: the class and its score for a classifier, else the values. */
function printOutputs(out: { shape: number[]; values: Float32Array }, classNames?: string[]): void {
  const n = out.shape[0];
  const width = out.values.length / Math.max(1, n);
  for (let i = 0; i < n; i++) {
    const row = Array.from(out.values.subarray(i * width, (i + 1) * width));
    if (classNames && width === classNames.length && width > 1) {
      const best = row.indexOf(Math.max(...row));
      console.log(`${i}\t${classNames[best]}\t${row[best].toFixed(4)}`);
    } else {
      console.log(`${i}\t${row.map((v) => v.toPrecision(6)).join('\t')}`);
    }
  }
}
