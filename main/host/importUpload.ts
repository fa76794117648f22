import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import type { ImportOutcome, ImportRequest } from '../../shared/protocol/imports';
import { HostError } from './hostError';
import { runImportJob } from './importJob';
import type { TrainerLauncher } from './trainerLauncher';

/** The folder under the served folder (browser shell) that imported projects are written into. */
export const IMPORTS_FOLDER = 'imported';

/** Model files first, in the order a user who picked several most likely meant. */
const MODEL_EXTENSIONS = ['.onnx', '.keras', '.h5', '.hdf5', '.json'];

let counter = 0;

/**
 * The host's side of File → Import…: writes the uploaded files into a temporary folder, has a trainer
 * process import the model file among them into `<importsRoot>/<name>/`, and returns the project
 * to open (its path relative to the served folder in the browser shell, absolute on the desktop).
 */
export async function importUpload(
  request: ImportRequest,
  options: { launch: TrainerLauncher; projectRoot: string; importsRoot?: string; relativePaths: boolean },
): Promise<ImportOutcome> {
  const model = MODEL_EXTENSIONS.map((ext) => request.files.find((f) => extname(f.name).toLowerCase() === ext)).find(
    Boolean,
  );
  if (!model) {
    throw new HostError(
      'bad-request',
      `None of ${request.files.map((f) => f.name).join(', ')} is a model file Deepwire imports.`,
      'Choose an .onnx, .keras or .h5 file, or a TF.js model.json together with its weight files.',
    );
  }
  const root = resolve(options.projectRoot);
  const importsRoot = resolve(options.importsRoot ?? join(root, IMPORTS_FOLDER));
  const base = model.name.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_.-]+/g, '-') || 'imported';
  let out = join(importsRoot, base);
  for (let i = 2; existsSync(out); i++) out = join(importsRoot, `${base}-${i}`);
  const tmp = await mkdtemp(join(tmpdir(), 'deepwire-upload-'));
  try {
    for (const f of request.files) await writeFile(join(tmp, f.name), f.bytes);
    const reply = await runImportJob(options.launch, {
      type: 'import',
      requestId: `i${++counter}`,
      model: join(tmp, model.name),
      out,
      ...(request.partial ? { partial: true } : {}),
      ...(request.inputShape ? { inputShape: request.inputShape } : {}),
    });
    const text = await readFile(reply.projectPath, 'utf8');
    return {
      path: options.relativePaths ? relative(root, reply.projectPath).split('\\').join('/') : reply.projectPath,
      text,
      format: reply.format,
      notes: reply.notes,
      maxRelativeError: reply.maxRelativeError,
      runtime: reply.runtime,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
