import type { TemplateEntry } from '../../../shared/protocol/client';
import { analyzeGraph } from '../../../shared/graph';
import { parseProject } from '../../../shared/project';

/** Template files by file name, each loaded on demand as text. */
export type TemplateSource = Record<string, () => Promise<string>>;

/**
 * The templates bundled into the renderer build: every templates/*.deepwire.json, as raw text so
 * a file that fails to parse is reported on its own card instead of breaking the build or the list.
 */
export function bundledTemplates(): TemplateSource {
  const files = import.meta.glob('../../../templates/*.deepwire.json', { query: '?raw', import: 'default' });
  const out: TemplateSource = {};
  for (const [path, load] of Object.entries(files))
    out[path.slice(path.lastIndexOf('/') + 1)] = load as () => Promise<string>;
  return out;
}

const titleFromFile = (id: string) => id.replace(/\.deepwire\.json$/, '');

/** One gallery card's data from a template file's text; never throws. */
export function describeTemplate(id: string, text: string): TemplateEntry {
  const r = parseProject(text);
  if (!r.ok) {
    const first = r.errors[0];
    const where = first?.path ? ` (at ${first.path})` : '';
    return {
      id,
      ok: false,
      title: titleFromFile(id),
      error: `${first?.message ?? 'The file could not be read.'}${where}${r.errors.length > 1 ? ` and ${r.errors.length - 1} more` : ''}`,
    };
  }
  const { project } = r;
  const analysis = analyzeGraph(project.graph);
  const input = project.graph.nodes.find((n) => n.kind === 'Input');
  const dataset = project.training?.dataset;
  return {
    id,
    ok: true,
    title: project.template?.title ?? project.name,
    summary: project.template?.summary ?? project.description,
    citation: project.template?.citation,
    category: project.template?.category,
    params: analysis.totals.total,
    inputShape: Array.isArray(input?.params.shape) ? (input.params.shape as (number | null)[]) : undefined,
    dataset: dataset && typeof dataset.builtin === 'string' ? dataset.builtin : undefined,
  };
}
