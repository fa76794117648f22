import { statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { buildModel } from './buildModel';
import { ImportError } from './importError';
import { loadKeras } from './keras/readKeras';
import { checkLayersImport } from './layers/checkLayers';
import { layersToGraph } from './layers/layersToGraph';
import { loadLayers, tfjsArtifacts } from './layers/readTfjs';
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
  format: ImportFormat;
}

export type ImportFormat = 'onnx' | 'tfjs' | 'keras';

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
  const format: ImportFormat | undefined =
    ext === '.onnx'
      ? 'onnx'
      : ext === '.json'
        ? 'tfjs'
        : ext === '.h5' || ext === '.keras' || ext === '.hdf5'
          ? 'keras'
          : undefined;
  if (!format) {
    throw new ImportError(
      'not-a-model',
      `${basename(file)} is not a model file Deepwire imports (it reads .onnx, TF.js model.json, Keras .keras and .h5).`,
      'Export the model to one of those (for PyTorch: torch.onnx.export) and import that file.',
    );
  }
  const name =
    options.name ??
    (format === 'tfjs' && basename(file) === 'model.json' ? basename(dirname(file)) : basename(file, ext));
  if (format === 'onnx') return importOnnx(file, name, options);
  const source = format === 'tfjs' ? await loadLayers(tfjsArtifacts(file), file) : await loadKeras(file);
  try {
    const imported = layersToGraph(source, file, options);
    const compiled = buildModel(imported);
    try {
      const check = checkLayersImport(source, imported, compiled);
      refuseUnequal(check);
      const written = await writeImport(imported, compiled.model, {
        outDir: options.outDir,
        name,
        description: `Imported from ${basename(file)} (${format === 'tfjs' ? 'TF.js layers model' : 'Keras'}); equal to the original within ${check.maxRelativeError.toExponential(1)} on a random batch (${check.runtime}).`,
      });
      return { written, check, imported, format };
    } finally {
      compiled.model.dispose();
    }
  } finally {
    source.dispose();
  }
}

function refuseUnequal(check: EqualityReport): void {
  if (check.maxRelativeError <= IMPORT_TOLERANCE) return;
  const where = check.firstDiverging
    ? ` The first layer that differs is ${check.firstDiverging.nodeId} (from ${check.firstDiverging.origin}), by ${check.firstDiverging.maxRelativeError.toExponential(2)}.`
    : '';
  throw new ImportError(
    'not-equal',
    `The imported model's outputs differ from the original's by up to ${check.maxRelativeError.toExponential(2)} (more than ${IMPORT_TOLERANCE}) on a random batch, so nothing was written.${where}`,
    'Report this with the model file: a layer was translated wrongly.',
  );
}

async function importOnnx(file: string, name: string, options: ImportOptions): Promise<ImportResult> {
  const model = readOnnxFile(file);
  const { imported, values, inputDims } = onnxToGraph(model, file, options);
  const compiled = buildModel(imported);
  try {
    const check = await checkOnnxImport(file, model, imported, compiled, values, inputDims);
    refuseUnequal(check);
    const producer = model.producer_name
      ? `, written by ${model.producer_name}${model.producer_version ? ` ${model.producer_version}` : ''}`
      : '';
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
