import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeGraph } from '../../shared/graph';
import { parseProject, type Project } from '../../shared/project';
import type { ProjectFileRef, TemplateEntry } from '../../shared/protocol/client';
import { HostError } from './hostError';

/** A template's file name: `<stem>.deepwire.json`, no directories (ids come from the renderer). */
const TEMPLATE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.deepwire\.json$/;

/** `lenet5.deepwire.json` → `lenet5`: the card title of a file that could not be read. */
const stem = (file: string) => file.replace(/\.deepwire\.json$/, '');

function entryFor(file: string, project: Project): TemplateEntry {
  const meta = project.template;
  const analysis = analyzeGraph(project.graph);
  const input = project.graph.nodes.find((n) => n.kind === 'Input');
  const ref = project.training?.dataset as { builtin?: unknown; path?: unknown } | undefined;
  const dataset = typeof ref?.builtin === 'string' ? ref.builtin : typeof ref?.path === 'string' ? ref.path : undefined;
  const firstError = analysis.problems.find((p) => p.severity === 'error');
  return {
    id: file,
    ok: analysis.valid,
    ...(firstError ? { error: `The network has a problem: ${firstError.message}` } : {}),
    title: meta?.title ?? project.name,
    ...(meta?.summary ? { summary: meta.summary } : project.description ? { summary: project.description } : {}),
    ...(meta?.citation ? { citation: meta.citation } : {}),
    ...(meta?.category ? { category: meta.category } : {}),
    ...(analysis.valid ? { params: analysis.totals.total } : {}),
    ...(input && Array.isArray(input.params.shape) ? { inputShape: input.params.shape as (number | null)[] } : {}),
    ...(dataset ? { dataset } : {}),
  };
}

async function readEntry(dir: string, file: string): Promise<TemplateEntry> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (err) {
    return { id: file, ok: false, title: stem(file), error: `The file could not be read (${(err as Error).message}).` };
  }
  const parsed = parseProject(text);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.errors;
    const where = first.path ? ` (at ${first.path})` : '';
    const more = rest.length ? ` and ${rest.length} more problem${rest.length > 1 ? 's' : ''}` : '';
    return { id: file, ok: false, title: stem(file), error: `${first.message}${where}${more}.` };
  }
  try {
    return entryFor(file, parsed.project);
  } catch (err) {
    return {
      id: file,
      ok: false,
      title: stem(file),
      error: `The network could not be analysed (${(err as Error).message}).`,
    };
  }
}

/**
 * Every `*.deepwire.json` in `dir`, sorted by file name, as gallery cards. A file that cannot be
 * read, parsed or analysed becomes an entry with `ok: false` and a plain-words `error`; the others
 * still load. `params` is the analysed total (trainable + non-trainable, as Keras reports it);
 * `inputShape` is the first Input's shape without the batch dimension.
 */
export async function listTemplates(dir: string): Promise<TemplateEntry[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => TEMPLATE_FILE.test(f)).sort();
  } catch (err) {
    throw new HostError(
      'not-found',
      `The templates folder ${dir} could not be read (${(err as Error).message}).`,
      'Reinstall Deepwire, or start it from its own folder.',
    );
  }
  return Promise.all(files.map((f) => readEntry(dir, f)));
}

/** The text of one template file; `id` is its file name as listTemplates gives it (`lenet5.deepwire.json`). */
export async function loadTemplate(dir: string, id: string): Promise<ProjectFileRef> {
  if (!TEMPLATE_FILE.test(id)) {
    throw new HostError('bad-request', `"${id}" is not the name of a template.`, 'Pick a template from the gallery.');
  }
  const path = join(dir, id);
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch {
    throw new HostError(
      'not-found',
      `There is no template called "${id}".`,
      'Pick a template from the gallery; the list may be out of date.',
    );
  }
}
