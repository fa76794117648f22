import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeGraph } from '../../shared/graph/analyzeGraph';
import { selectBackend } from '../engine/backend';
import { ImportError } from '../engine/import/importError';
import { importModel } from '../engine/import/importModel';
import { importSafetensors } from '../engine/import/torch/importSafetensors';

const USAGE =
  'Usage: deepwire import MODEL --out DIR [--partial] [--input-shape C,H,W] [--name NAME]\n' +
  '  MODEL: an ONNX file (.onnx), a Keras file (.keras, .h5) or a TF.js model.json.\n' +
  '       deepwire import DIR/model.safetensors --project P.deepwire.json\n' +
  "  loads weights trained from Deepwire's PyTorch export (train.py) back into project P.\n" +
  '  Writes DIR/<name>.deepwire.json and its weights DIR/<name>.weights/, after checking the imported\n' +
  '  model against the original on a random batch (max relative difference ≤ 1e-4).';

/**
 * `deepwire import`: translates a model file into a Deepwire project with its weights. Exit code 0
 * when written, 1 when the model cannot be imported (the message says which node and what to do),
 * 2 for bad arguments.
 */
export async function runImport(args: string[]): Promise<number> {
  let values: {
    out?: string;
    partial?: boolean;
    'input-shape'?: string;
    name?: string;
    project?: string;
    help?: boolean;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        partial: { type: 'boolean' },
        'input-shape': { type: 'string' },
        name: { type: 'string' },
        project: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`deepwire import: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 1 && positionals[0].endsWith('.safetensors'))
    return importTrained(positionals[0], values.project);
  if (positionals.length !== 1 || !values.out) {
    console.error(`deepwire import: give one model file and --out DIR.\n${USAGE}`);
    return 2;
  }
  let inputShape: number[] | undefined;
  if (values['input-shape'] !== undefined) {
    inputShape = values['input-shape'].split(/[,x ]+/).map(Number);
    if (inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
      console.error(
        `deepwire import: --input-shape takes whole numbers like 3,224,224, not "${values['input-shape']}".`,
      );
      return 2;
    }
  }
  await selectBackend();
  const t0 = performance.now();
  try {
    const r = await importModel(resolve(positionals[0]), {
      outDir: resolve(values.out),
      partial: values.partial,
      inputShape,
      name: values.name,
    });
    const analysis = analyzeGraph(r.imported.graph);
    console.log(
      `Imported ${r.imported.graph.nodes.length} layers, ${analysis.totals.total.toLocaleString('en-US')} parameters, in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
    );
    console.log(
      `Checked against the original (${r.check.runtime}, ${r.check.examples} random examples): max relative difference ${r.check.maxRelativeError.toExponential(2)}.`,
    );
    for (const note of r.imported.notes) console.log(`Note: ${note}`);
    console.log(`Project: ${r.written.projectPath}\nWeights: ${r.written.weightsPath}`);
    return 0;
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    console.error(`deepwire import: ${err.message}${err.hint ? `\n${err.hint}` : ''}`);
    return 1;
  }
}

/** `deepwire import DIR/model.safetensors --project P`: weights trained outside, back into P. */
async function importTrained(file: string, project: string | undefined): Promise<number> {
  if (!project) {
    console.error(
      `deepwire import: a .safetensors file holds only weights; say which project they belong to with --project P.deepwire.json.\n${USAGE}`,
    );
    return 2;
  }
  await selectBackend();
  try {
    const r = await importSafetensors(resolve(file), resolve(project));
    console.log(`Loaded the weights of ${r.layers} layers into ${r.projectPath}.`);
    console.log(
      r.check.status === 'skipped'
        ? `Not checked against PyTorch: ${r.check.reason}.`
        : `Checked against the export's model.py (${r.check.runtime}): max relative difference ${r.check.maxRelativeError.toExponential(2)}.`,
    );
    console.log(`Weights: ${r.weightsPath}`);
    return 0;
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    console.error(`deepwire import: ${err.message}${err.hint ? `\n${err.hint}` : ''}`);
    return 1;
  }
}
