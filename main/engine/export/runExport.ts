import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { exportMetadata, exportReadme, type ExportMetadata } from './exportDocs';
import { ExportError } from './exportError';
import type { LoadedSource } from './exportSource';
import { exporterFor } from './index';
import { referenceBatchFor } from './referenceBatch';
import type { EquivalenceCheck, Exporter, ExportFormat } from './types';

export const EXPORT_METADATA_FILE = 'deepwire-export.json';

/** The export was written but computes something else than the model: nothing is put in place. */
export class ExportCheckFailed extends ExportError {
  override name = 'ExportCheckFailed';
}

export interface ExportOptions {
  format: ExportFormat;
  /** The folder to create. */
  out: string;
  /** Replace `out` when it exists (atomically: the old folder is removed only once the new one is in place). */
  force?: boolean;
  /** How the user named the source (run id, folder or project file), for the README's commands. */
  target: string;
  /** The project file, when exporting one. */
  projectFile?: string;
  /** Progress lines ("Writing…", "Checking…"). */
  onProgress?(line: string): void;
  /** The exporter to use instead of the registry's (tests). */
  exporter?: Exporter;
}

export interface ExportResult {
  dir: string;
  files: string[];
  check: EquivalenceCheck;
  metadata: ExportMetadata;
}

const exists = async (p: string) => (await stat(p).catch(() => null)) !== null;

async function deepwireVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

/** Format-specific versions for deepwire-export.json (ONNX IR/opset, TF.js custom classes). */
async function formatVersions(format: ExportFormat, loaded: LoadedSource): Promise<Record<string, string | number>> {
  const model = loaded.source.model;
  if (format === 'onnx') {
    const ort = await import('onnxruntime-node').catch(() => undefined);
    const usesLayerNorm = model.layers.some((l) => l.getClassName() === 'LayerNormalization');
    return {
      onnxIrVersion: 8,
      onnxOpset: usesLayerNorm ? 17 : 13,
      ...(ort ? { onnxruntimeNode: String((ort.env.versions as { node?: string }).node) } : {}),
    };
  }
  if (format === 'tfjs') {
    const { customClassesIn } = await import('./tfjs');
    const { portable, deepwireOnly } = customClassesIn(model);
    return {
      ...(portable.length ? { customLayers: portable.join(', ') } : {}),
      ...(deepwireOnly.length ? { deepwireOnlyLayers: deepwireOnly.join(', ') } : {}),
    };
  }
  return {};
}

/**
 * `deepwire export`: writes the format's files into a temporary folder beside `out`, checks them on
 * the reference batch, adds deepwire-export.json and README.md, and renames the folder into place.
 * Nothing is left half-written: on any error the temporary folder is removed, and an existing `out`
 * (with `force`) is only deleted once the new folder has replaced it.
 *
 * @throws ExportError when `out` exists without `force`, a layer cannot be expressed, or the check
 *   finds the export computes something else (then nothing is written).
 */
export async function runExport(loaded: LoadedSource, options: ExportOptions): Promise<ExportResult> {
  const out = resolve(options.out);
  const say = options.onProgress ?? (() => {});
  if ((await exists(out)) && !options.force) {
    throw new ExportError(`${out} already exists.`, 'Choose another folder, or add --force to replace it.');
  }
  const exporter = options.exporter ?? (await exporterFor(options.format));
  await mkdir(dirname(out), { recursive: true });
  const tmp = await mkdtemp(join(dirname(out), `.${basename(out)}.writing-`));
  let old: string | undefined;
  try {
    say(`Writing the ${options.format} export…`);
    const files = await exporter.write(loaded.source, tmp);
    say('Computing the reference outputs…');
    const reference = await referenceBatchFor(loaded.source);
    say(`Checking the export on ${reference.batch.input.shape[0]} examples…`);
    const check = await exporter.check(tmp, reference.batch);
    if (check.status === 'failed') {
      throw new ExportCheckFailed(
        `The ${options.format} export computes something else than the trained model: ${check.detail} (max relative error ${check.maxRelativeError.toExponential(2)}, allowed ${check.tolerance}). Nothing was written.`,
        'This is a bug in Deepwire’s exporter; please report it with the project file.',
      );
    }
    const metadata = exportMetadata({
      loaded,
      format: options.format,
      files,
      check,
      reference,
      versions: { deepwire: await deepwireVersion(), ...(await formatVersions(options.format, loaded)) },
      projectFile: options.projectFile,
    });
    await writeFile(join(tmp, EXPORT_METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
    const readmePath = join(tmp, 'README.md');
    const own = files.includes('README.md') ? await readFile(readmePath, 'utf8') : undefined;
    await writeFile(readmePath, exportReadme(metadata, options.target, own));
    const allFiles = [...new Set([...files, EXPORT_METADATA_FILE, 'README.md'])];
    metadata.files = allFiles;
    await writeFile(join(tmp, EXPORT_METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);

    if (await exists(out)) {
      old = `${out}.replaced-${process.pid}-${Date.now()}`;
      await rename(out, old);
    }
    try {
      await rename(tmp, out);
    } catch (err) {
      if (old) await rename(old, out); // put the previous export back
      old = undefined;
      throw err;
    }
    if (old) await rm(old, { recursive: true, force: true });
    return { dir: out, files: allFiles, check, metadata };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
