import type * as tf from '@tensorflow/tfjs';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CURRENT_VERSION, FORMAT, serializeProject, type Project } from '../../../shared/project';
import { fileSaveHandler } from '../runs/fileIOHandler';
import { ImportError } from './importError';
import { layoutImported } from './layoutImported';
import type { ImportedModel } from './types';

/** What an import wrote. */
export interface WrittenImport {
  projectPath: string;
  weightsPath: string;
  project: Project;
}

/** A file-safe project file name from the model's name. */
export function projectFileBase(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'imported';
}

/**
 * Writes `DIR/<name>.deepwire.json` and its weights `DIR/<name>.weights/` (TF.js layers format,
 * matched to nodes by id). Everything is written into a temporary folder inside DIR first and
 * moved into place at the end, project file last, so a failed import leaves no half-written project.
 */
export async function writeImport(
  imported: ImportedModel,
  model: tf.LayersModel,
  options: { outDir: string; name: string; description: string },
): Promise<WrittenImport> {
  const base = projectFileBase(options.name);
  const projectPath = join(options.outDir, `${base}.deepwire.json`);
  const weightsDir = join(options.outDir, `${base}.weights`);
  for (const p of [projectPath, weightsDir]) {
    if (existsSync(p)) {
      throw new ImportError(
        'internal',
        `${p} already exists; the import does not overwrite it.`,
        'Choose another --out folder, or delete or rename the existing project first.',
      );
    }
  }
  const project = {
    format: FORMAT,
    version: CURRENT_VERSION,
    name: options.name,
    id: randomUUID(),
    description: [options.description, ...imported.notes].join(' '),
    graph: layoutImported(imported.graph),
    weights: `${base}.weights/model.json`,
    notes: imported.notes,
  } as unknown as Project;
  await mkdir(options.outDir, { recursive: true });
  const tmp = join(options.outDir, `.${base}.import-${process.pid}-${Date.now()}`);
  try {
    await mkdir(tmp);
    await model.save(fileSaveHandler(join(tmp, 'weights')));
    await writeFile(join(tmp, 'project.json'), serializeProject(project));
    await rename(join(tmp, 'weights'), weightsDir);
    await rename(join(tmp, 'project.json'), projectPath);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { projectPath, weightsPath: join(weightsDir, 'model.json'), project };
}
