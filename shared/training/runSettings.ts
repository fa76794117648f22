import { OPTIMIZER_DEFAULTS, TRAINING_DEFAULTS, type OptimizerKind } from './options';

/**
 * What a run was trained with, flattened for comparing runs side by side (issue 14, 2.5): the
 * host writes it into each run's summary when the run starts; for runs recorded before that, the
 * renderer derives it from the run's saved project. Defaults are filled in, so two runs that differ
 * only in whether a value was written explicitly read as the same.
 */
export interface RunSettings {
  dataset: string;
  optimizer: string;
  learningRate: number;
  batchSize: number;
  epochs: number;
  loss: string;
  validationSplit: number;
  seed: number;
  /** Layers in the graph and their weights (a changed network shows up as a changed setting). */
  layers: number;
}

/** The rows of the settings table, in reading order, with how each value is shown. */
export const SETTING_ROWS: readonly { key: keyof RunSettings; label: string }[] = [
  { key: 'dataset', label: 'Data' },
  { key: 'optimizer', label: 'Optimizer' },
  { key: 'learningRate', label: 'Learning rate' },
  { key: 'batchSize', label: 'Batch size' },
  { key: 'epochs', label: 'Epochs' },
  { key: 'loss', label: 'Loss' },
  { key: 'validationSplit', label: 'Validation split' },
  { key: 'seed', label: 'Seed' },
  { key: 'layers', label: 'Layers' },
];

interface ProjectLike {
  graph?: { nodes?: readonly unknown[] };
  training?: {
    dataset?: { builtin?: string; file?: string; size?: number; options?: Record<string, unknown> } | unknown;
    optimizer?: { kind?: string; learningRate?: number };
    batchSize?: number;
    epochs?: number;
    loss?: string;
    validationSplit?: number;
    seed?: number;
  };
}

/** A dataset reference in a few words: the built-in's id with its size, or the file's name. */
function describeDataset(ref: unknown): string {
  if (!ref || typeof ref !== 'object') return '(none)';
  const d = ref as { builtin?: unknown; file?: unknown; size?: unknown; options?: { size?: unknown } };
  const size = typeof d.size === 'number' ? d.size : typeof d.options?.size === 'number' ? d.options.size : undefined;
  const name =
    typeof d.builtin === 'string'
      ? d.builtin
      : typeof d.file === 'string'
        ? (d.file.split(/[\\/]/).filter(Boolean).at(-1) ?? d.file)
        : '(unknown)';
  return size !== undefined ? `${name} (${size})` : name;
}

export function runSettings(project: ProjectLike): RunSettings {
  const t = project.training ?? {};
  const kind = (t.optimizer?.kind ?? TRAINING_DEFAULTS.optimizer.kind) as OptimizerKind;
  const defaultRate = OPTIMIZER_DEFAULTS[kind]?.learningRate;
  return {
    dataset: describeDataset(t.dataset),
    optimizer: kind,
    learningRate: t.optimizer?.learningRate ?? (typeof defaultRate === 'number' ? defaultRate : 0.001),
    batchSize: t.batchSize ?? TRAINING_DEFAULTS.batchSize,
    epochs: t.epochs ?? TRAINING_DEFAULTS.epochs,
    loss: t.loss ?? '(chosen for the data)',
    validationSplit: t.validationSplit ?? TRAINING_DEFAULTS.validationSplit,
    seed: t.seed ?? TRAINING_DEFAULTS.seed,
    layers: project.graph?.nodes?.length ?? 0,
  };
}

/** The settings whose values are not all the same across the runs, in table order. */
export function changedSettings(list: readonly RunSettings[]): (keyof RunSettings)[] {
  if (list.length < 2) return [];
  return SETTING_ROWS.map((r) => r.key).filter((k) => new Set(list.map((s) => String(s[k]))).size > 1);
}

/**
 * "What changed" between consecutive runs (oldest first), in words: for each run after the first,
 * the settings that differ from the run before it, e.g. "learning rate 0.01 → 0.1".
 */
export function describeChanges(list: readonly RunSettings[]): string[] {
  return list.slice(1).map((s, i) => {
    const before = list[i];
    const parts = SETTING_ROWS.filter((r) => String(before[r.key]) !== String(s[r.key])).map(
      (r) => `${r.label.toLowerCase()} ${before[r.key]} → ${s[r.key]}`,
    );
    return parts.length ? parts.join('; ') : 'same settings';
  });
}
