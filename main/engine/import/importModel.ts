import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { buildModel } from './buildModel';
import { ImportError } from './importError';
import { checkOnnxImport, IMPORT_TOLERANCE, type EqualityReport } from './onnx/checkOnnx';
import { onnxToGraph } from './onnx/onnxToGraph';
import { readOnnxFile } from './onnx/readOnnx';
import type { ImportedModel } from './types';
import { writeImport, type WrittenImport } from './writeImport';

export interface ImportOptions {
  /** The folder the project and its weights are written to. */
  outDir: string;
  /** Import up to the first unsupported layer instead of stopping. */
  partial?: boolean;
  /** The input size without the batch, as the file orders it (ONNX: channels first). */
  inputShape?: number[];
  /** The project's name (default: the file's name). */
  name?: string;
}

export interface ImportResult {
  written: WrittenImport;
  check: EqualityReport;
  imported: ImportedModel;
  format: 'onnx';
}

/** The largest model file an import reads (weights are held in memory several times over). */
export function importSizeLimit(): number {
  const mb = Number(process.env.DEEPWIRE_IMPORT_MAX_MB ?? 2048);
  return (Number.isFinite(mb) && mb > 0 ? mb : 2048) * 1024 * 1024;
}

/**
 * Imports a model file into a Deepwire project: translates it, builds the TF.js model with its
 * weights, checks it against the original on a random batch (refusing a difference above 1e-4 and
 * naming the first layer that diverges), and only then writes the project and its weights.
 */
export async function importModel(file: string, options: ImportOptions): Promise<ImportResult> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new ImportError('not-a-model', `There is no file ${file}.`, 'Check the path.');
  }
  if (size > importSizeLimit()) {
    throw new ImportError(
      'too-large',
      `${file} is ${(size / 2 ** 20).toFixed(0)} MB, more than the ${(importSizeLimit() / 2 ** 20).toFixed(0)} MB an import may read.`,
      'Set DEEPWIRE_IMPORT_MAX_MB higher if this machine has the memory (about four times the file size).',
    );
  }
  const ext = extname(file).toLowerCase();
  if (ext !== '.onnx') {
    throw new ImportError(
      'not-a-model',
      `${basename(file)} is not a model file Deepwire imports (it reads .onnx).`,
      'Export the model to ONNX (torch.onnx.export, tf2onnx) and import the .onnx file.',
    );
  }
  const model = readOnnxFile(file);
  const { imported, values, inputDims } = onnxToGraph(model, file, options);
  const compiled = buildModel(imported);
  try {
    const check = await checkOnnxImport(file, model, imported, compiled, values, inputDims);
    if (!(check.maxRelativeError <= IMPORT_TOLERANCE)) {
      const where = check.firstDiverging
        ? ` The first layer that differs is ${check.firstDiverging.nodeId} (from ${check.firstDiverging.origin}), by ${check.firstDiverging.maxRelativeError.toExponential(2)}.`
        : '';
      throw new ImportError(
        'not-equal',
        `The imported model's outputs differ from the original's by up to ${check.maxRelativeError.toExponential(2)} (more than ${IMPORT_TOLERANCE}) on a random batch, so nothing was written.${where}`,
        'Report this with the model file: an operator was translated wrongly.',
      );
    }
    const producer = model.producer_name
      ? `, written by ${model.producer_name}${model.producer_version ? ` ${model.producer_version}` : ''}`
      : '';
    const name = options.name ?? basename(file, ext);
    const written = await writeImport(imported, compiled.model, {
      outDir: options.outDir,
      name,
      description: `Imported from ${basename(file)} (ONNX${producer}); equal to the original within ${check.maxRelativeError.toExponential(1)} on a random batch (${check.runtime}).`,
    });
    return { written, check, imported, format: 'onnx' };
  } finally {
    compiled.model.dispose();
  }
}
