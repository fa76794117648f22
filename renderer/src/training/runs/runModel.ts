import type { RunDetail, RunSummary } from '../../../../shared/protocol/client';
import type {
  EvaluationResult,
  FilterImages,
  LayerActivation,
  MetricValues,
  TrainerEvent,
} from '../../../../shared/protocol/trainer';
import type { RunWarning } from '../../../../shared/training/runHealth';
import { Series } from './series';

export type RunStatus = 'starting' | 'running' | 'completed' | 'stopped' | 'failed';

/** What the `started` event said about the run. */
export type RunStart = Extract<TrainerEvent, { type: 'started' }>;
export type EpochEvent = Extract<TrainerEvent, { type: 'epoch' }>;
export type BoundaryEvent = Extract<TrainerEvent, { type: 'boundary' }>;

/** The latest activations of a run's probe example, with each layer findable by node id. */
export interface ActivationSnapshot {
  epoch: number;
  layers: LayerActivation[];
  byNode: ReadonlyMap<string, LayerActivation>;
  filters?: FilterImages;
}

/**
 * Everything the renderer knows about one run. Curves live in {@link Series} tables that grow in
 * place; the other fields are replaced (never mutated) so zustand selectors see them change.
 *
 * x values are in epochs: batch b of epoch e (both 0-based) sits at e + (b + 1) / batchesPerEpoch,
 * and the end of epoch e at e + 1, so batch and epoch curves share one axis.
 */
export interface RunRecord {
  runId: string;
  status: RunStatus;
  /** The run this one continues from (its weights, and the curves drawn before this run's). */
  continues?: string;
  /**
   * The built-in dataset a reopened run trained on, from its project, for runs recorded before
   * metrics.jsonl kept the `started` event (their `start` is unknown).
   */
  datasetId?: string;
  /**
   * A continued run's first epoch as known before its `started` event (the run it goes on from
   * ended there), so its counter does not read 0 while it starts.
   */
  fromEpoch?: number;
  start?: RunStart;
  /** Per-batch training loss and metrics. */
  batches: Series;
  /** Per-epoch training loss and metrics; validation columns are prefixed `val_`. */
  epochs: Series;
  lastEpoch?: EpochEvent;
  /** Batches received, for "batch k of n". */
  lastBatch?: { epoch: number; batch: number; batchesPerEpoch: number; at?: number };
  /** The first batch received and when (performance.now()), to estimate the time left before an epoch ends. */
  firstBatch?: { epoch: number; batch: number; at: number };
  activations?: ActivationSnapshot;
  /** The latest decision boundary (2-D inputs): the output and the first layers' units over the plane. */
  boundary?: BoundaryEvent;
  evaluation?: EvaluationResult;
  final?: { train?: MetricValues; validation?: MetricValues; test?: EvaluationResult };
  failure?: { code: string; message: string; hint?: string };
  /** It ended without an error but did not learn (diverged, accuracy at chance). */
  warning?: RunWarning;
  /** What the trainer is doing before the first batch (data, weights, …); gone once batches come. */
  phase?: Pick<Extract<TrainerEvent, { type: 'phase' }>, 'phase' | 'message' | 'progress'>;
  /** Counts changes to the curves; readers redraw when it moves. */
  rev: number;
}

export function createRun(runId: string, status: RunStatus = 'starting'): RunRecord {
  return { runId, status, batches: new Series(), epochs: new Series(64), rev: 0 };
}

/** Column name of a validation metric in `RunRecord.epochs`. */
export const valKey = (metric: string) => `val_${metric}`;

/** The epoch's metrics and validation metrics as one row. */
function epochRow(e: { metrics: MetricValues; validation?: MetricValues }): Record<string, number> {
  const row: Record<string, number> = { ...e.metrics };
  if (e.validation) for (const k in e.validation) row[valKey(k)] = e.validation[k];
  return row;
}

/** The run's event with its run id (every event but `ready` and `log` has one). */
export const runIdOf = (event: TrainerEvent): string | null => ('runId' in event ? event.runId : null);

/**
 * Applies one event to a run. Curve events (batch, epoch) append to the run's series in place and
 * bump `rev`; the returned record is a new object only when something else changed, so the store
 * can skip notifying React for the high-rate batch events.
 *
 * @returns the record to store, and whether it is a new object.
 */
export function applyEvent(run: RunRecord, event: TrainerEvent): { run: RunRecord; changed: boolean } {
  const before = run;
  // The setup phases end with the first curve point or the run's end.
  if (run.phase && ['batch', 'epoch', 'finished', 'failed'].includes(event.type)) run = { ...run, phase: undefined };
  switch (event.type) {
    case 'phase': {
      const { phase, message, progress } = event;
      return {
        run: { ...run, phase: { phase, message, ...(progress === undefined ? {} : { progress }) } },
        changed: true,
      };
    }
    case 'started':
      return { run: { ...run, start: event, status: 'running' }, changed: true };
    case 'batch': {
      const x = event.epoch + (event.batch + 1) / Math.max(1, event.batchesPerEpoch);
      // After a reconnect the host replays the latest batch, which may already be here.
      if (x <= run.batches.lastX()) return { run, changed: run !== before };
      run.batches.push(x, event.metrics);
      const at = performance.now();
      run.firstBatch ??= { epoch: event.epoch, batch: event.batch, at };
      run.lastBatch = { epoch: event.epoch, batch: event.batch, batchesPerEpoch: event.batchesPerEpoch, at };
      run.rev++;
      if (run.status === 'starting') return { run: { ...run, status: 'running' }, changed: true };
      return { run, changed: run !== before };
    }
    case 'epoch':
      // A replayed epoch (after a reconnect) is not a new row.
      if (event.epoch + 1 <= run.epochs.lastX()) return { run, changed: run !== before };
      run.epochs.push(event.epoch + 1, epochRow(event));
      return {
        run: { ...run, lastEpoch: event, status: run.status === 'starting' ? 'running' : run.status, rev: run.rev + 1 },
        changed: true,
      };
    case 'activations': {
      const byNode = new Map(event.layers.map((l) => [l.nodeId, l]));
      return {
        run: { ...run, activations: { epoch: event.epoch, layers: event.layers, byNode, filters: event.filters } },
        changed: true,
      };
    }
    case 'evaluation':
      return { run: { ...run, evaluation: event.result }, changed: true };
    case 'finished':
      return {
        run: {
          ...run,
          status: event.reason,
          final: event.final,
          evaluation: event.final.test ?? run.evaluation,
          warning: event.warning,
        },
        changed: true,
      };
    case 'failed':
      return {
        run: { ...run, status: 'failed', failure: { code: event.code, message: event.message, hint: event.hint } },
        changed: true,
      };
    case 'boundary':
      return { run: { ...run, boundary: event }, changed: true };
    case 'prediction':
    case 'ready':
    case 'log':
      return { run, changed: false };
    default: {
      const never: never = event;
      throw new Error(`Unknown trainer event ${(never as { type: string }).type}`);
    }
  }
}

/** A stored run's record rebuilt from its summary and recorded history (reopened from the runs list). */
export function runFromHistory(
  summary: RunSummary,
  history: readonly TrainerEvent[],
  project?: RunDetail['project'],
): RunRecord {
  let run = createRun(summary.runId);
  for (const event of history) run = applyEvent(run, event).run;
  const status: RunStatus = summary.status === 'running' ? 'running' : summary.status;
  return {
    ...run,
    status,
    continues: summary.continues,
    datasetId: builtinDatasetId(project),
    final: run.final ?? summary.final,
    evaluation: run.evaluation ?? summary.final?.test,
    failure: run.failure ?? summary.failure,
  };
}

function builtinDatasetId(project: RunDetail['project'] | undefined): string | undefined {
  const ref = project?.training?.dataset as { builtin?: unknown } | undefined;
  return typeof ref?.builtin === 'string' ? ref.builtin : undefined;
}

/** The id of the dataset a run trained on, when known. */
export const runDatasetId = (run: RunRecord): string | undefined => run.start?.dataset.id ?? run.datasetId;

export const isActive = (status: RunStatus) => status === 'starting' || status === 'running';
