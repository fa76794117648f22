import { jsonDepthExceeds, tooDeepMessage } from './jsonLimits';
import { CURRENT_VERSION, FORMAT, projectSchema, type Project } from './schema';

/** One thing wrong with a file, with where it is (`graph.nodes[3].kind`). */
export interface FileError {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; project: Project; migratedFrom?: number } | { ok: false; errors: FileError[] };

/**
 * Steps from each older version to the next. Version 0 is the pre-release layout that kept nodes
 * and edges at the top level and called the kind `type`.
 */
const MIGRATIONS: Record<number, (file: Record<string, unknown>) => Record<string, unknown>> = {
  0: (file) => {
    const { nodes, edges, ...rest } = file;
    const graph = (file.graph as Record<string, unknown> | undefined) ?? { nodes: nodes ?? [], edges: edges ?? [] };
    const list = Array.isArray(graph.nodes) ? graph.nodes : [];
    const migratedNodes = list.map((n: Record<string, unknown>) => {
      if (n && typeof n === 'object' && n.kind === undefined && typeof n.type === 'string') {
        const { type, ...node } = n;
        return { ...node, kind: type };
      }
      return n;
    });
    return { ...rest, format: FORMAT, version: 1, graph: { ...graph, nodes: migratedNodes } };
  },
  // Version 2 adds the user's own data (`dataset.file`), initial `weights` and per-node `trainable`;
  // a version 1 file means the same thing unchanged. The never-implemented `{ path }` dataset of
  // version 1 becomes `{ file }`.
  1: (file) => {
    const training = file.training as Record<string, unknown> | undefined;
    const dataset = training?.dataset as Record<string, unknown> | undefined;
    if (dataset && typeof dataset.path === 'string' && dataset.file === undefined && dataset.builtin === undefined) {
      const { path, ...rest } = dataset;
      return { ...file, version: 2, training: { ...training, dataset: { file: path, ...rest } } };
    }
    return { ...file, version: 2 };
  },
};

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );

/** Brings any known older version up to the current one; refuses a future or unknown one. */
export function migrate(file: Record<string, unknown>): { file: Record<string, unknown>; from?: number } | FileError {
  if (file.format !== FORMAT && !(file.format === undefined && file.version === 0)) {
    return {
      path: 'format',
      message:
        file.format === undefined
          ? 'This is not a Deepwire project: it has no "format": "deepwire-project" field.'
          : `This is not a Deepwire project: its format is "${String(file.format)}".`,
    };
  }
  if (typeof file.version !== 'number' || !Number.isInteger(file.version)) {
    return { path: 'version', message: 'The project has no version number.' };
  }
  let version: number = file.version;
  if (version > CURRENT_VERSION) {
    return {
      path: 'version',
      message: `This project was saved by a newer Deepwire (file version ${version}; this one reads up to ${CURRENT_VERSION}). Update Deepwire to open it.`,
    };
  }
  const from = version < CURRENT_VERSION ? version : undefined;
  let out = file;
  while (version < CURRENT_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return { path: 'version', message: `Project file version ${version} is not one Deepwire knows.` };
    out = step(out);
    version = out.version as number;
  }
  return { file: out, from };
}

/** Validates and migrates a parsed JSON value into a project, with the path of every error. */
export function parseProjectValue(value: unknown): ParseResult {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      errors: [{ path: '', message: 'This is not a Deepwire project: the file is not a JSON object.' }],
    };
  }
  if (jsonDepthExceeds(value)) return { ok: false, errors: [{ path: '', message: tooDeepMessage('This file') }] };
  const migrated = migrate(value as Record<string, unknown>);
  if ('message' in migrated) return { ok: false, errors: [migrated] };
  const r = projectSchema.safeParse(migrated.file);
  if (!r.success) {
    return {
      ok: false,
      errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  return { ok: true, project: r.data, migratedFrom: migrated.from };
}

/** Parses a project file's text (a leading UTF-8 byte-order mark, as some Windows editors write, is skipped). */
export function parseProject(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `This file is not valid JSON (${(err as Error).message}), so it cannot be a Deepwire project.`,
        },
      ],
    };
  }
  return parseProjectValue(value);
}

/** The file's text: stable key order as given, two-space indent, trailing newline. */
export function serializeProject(project: Project): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}

/** A new empty project; `id` is its identity (the caller makes one: shared/ has no random source). */
export function newProject(name = 'Untitled', id?: string): Project {
  return { format: FORMAT, version: CURRENT_VERSION, name, ...(id ? { id } : {}), graph: { nodes: [], edges: [] } };
}

/** The project with `id` as its identity, placed after `name` when it had none (a tidy file). */
export function withProjectId(project: Project, id: string): Project {
  if (project.id !== undefined) return { ...project, id };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(project)) {
    out[key] = value;
    if (key === 'name') out.id = id;
  }
  if (!('id' in out)) out.id = id;
  return out as Project;
}
