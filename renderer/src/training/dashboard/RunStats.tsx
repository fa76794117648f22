import type { RunRecord } from '../runs/runModel';
import { formatDuration, formatRate, formatValue, metricLabel } from '../format';
import { useCurveTick } from './useCurveFrame';
import { formatInt } from '../../summary/format';

/** The last epoch number of the run (1-based), counting from where a continued run started. */
export function epochTotal(run: RunRecord): number | undefined {
  const s = run.start;
  if (!s) return run.lastEpoch?.epochs;
  // `epochs` counts this run's epochs; a continued run starts at initialEpoch.
  return s.initialEpoch + s.epochs;
}

/**
 * Seconds left, from the batches seen so far, before the first epoch has ended (the epoch event's
 * own estimate takes over then): "estimating…" used to stay up for the whole first epoch, which is
 * minutes on a big network (issue 14.6). Undefined until two batches, some time apart, are in.
 */
export function etaFromBatches(run: RunRecord): number | undefined {
  const first = run.firstBatch;
  const last = run.lastBatch;
  const total = epochTotal(run);
  if (!first || !last?.at || total === undefined) return undefined;
  const bpe = last.batchesPerEpoch;
  const index = (b: { epoch: number; batch: number }) => b.epoch * bpe + b.batch;
  const done = index(last) - index(first);
  const seconds = (last.at - first.at) / 1000;
  if (done < 1 || seconds <= 0) return undefined;
  const left = total * bpe - (index(last) + 1);
  return Math.max(0, (seconds / done) * left);
}

const formatEta = (seconds: number | undefined) =>
  seconds === undefined ? 'estimating…' : `about ${formatDuration(seconds)}`;

/** What the epoch counter says: the epoch under way while training, else how many were completed. */
export function epochCounter(run: RunRecord): { label: string; value: string; done: number; total?: number } {
  const total = epochTotal(run);
  const b = run.lastBatch;
  const e = run.lastEpoch;
  const done = e ? e.epoch + 1 : (run.start?.initialEpoch ?? run.fromEpoch ?? 0);
  const of = total ?? '–';
  switch (run.status) {
    case 'starting':
    case 'running': {
      // Epoch k is under way once its first batch is in; it is "done" only at its epoch event.
      const inEpoch = b && (!e || b.epoch > e.epoch);
      const now = Math.min(total ?? Infinity, done + (inEpoch ? 1 : 0)) || done;
      return { label: 'Epoch', value: `${now} / ${of}`, done, total };
    }
    case 'completed':
      return { label: 'Epochs', value: `${done} / ${of}`, done, total };
    // A partly trained epoch does not count: Continue starts after the last complete one.
    case 'stopped':
      return { label: 'Stopped after', value: `${done} / ${of} epochs`, done, total };
    case 'failed':
      return { label: 'Failed after', value: `${done} / ${of} epochs`, done, total };
  }
}

/** Epoch k of n, progress through the current epoch, speed and time left: updated ~10 times a second. */
export function RunStats({ run }: { run: RunRecord }) {
  useCurveTick(run.runId);
  const counter = epochCounter(run);
  const total = counter.total;
  const b = run.lastBatch;
  const e = run.lastEpoch;
  const active = run.status === 'running' || run.status === 'starting';
  const inEpoch = active && b && (!e || b.epoch > e.epoch) ? (b.batch + 1) / b.batchesPerEpoch : 0;
  const progress = total ? Math.min(1, (counter.done + inEpoch) / total) : 0;
  const lossNow = run.batches.last('loss');
  const phase = active ? run.phase : undefined;
  return (
    <div className="dw-stats">
      {phase && (
        // What the trainer does before the first batch, instead of a silent wait (issue 14.6).
        <p className="dw-phase" role="status" data-testid="run-phase">
          {phase.message}
          {phase.progress !== undefined && <span className="dw-mono"> {Math.round(phase.progress * 100)}%</span>}
        </p>
      )}
      <div className="dw-stat dw-stat--big">
        <span className="dw-stat__label">{counter.label}</span>
        <span className="dw-stat__value" data-testid="epoch-counter">
          {counter.value}
        </span>
      </div>
      {active && (
        <div className="dw-stat">
          <span className="dw-stat__label">Batch</span>
          <span className="dw-stat__value dw-mono">{b ? `${b.batch + 1} / ${b.batchesPerEpoch}` : '–'}</span>
        </div>
      )}
      <div className="dw-stat">
        <span className="dw-stat__label">Loss (last batch)</span>
        <span className="dw-stat__value dw-mono">{formatValue('loss', lossNow)}</span>
      </div>
      <div className="dw-stat">
        <span className="dw-stat__label">Speed</span>
        <span className="dw-stat__value dw-mono" data-testid="examples-per-second">
          {e ? formatRate(e.examplesPerSecond) : '–'}
        </span>
      </div>
      {active && (
        <div className="dw-stat">
          <span className="dw-stat__label">Time left</span>
          <span className="dw-stat__value dw-mono" data-testid="eta">
            {e ? formatDuration(e.etaSeconds) : formatEta(etaFromBatches(run))}
          </span>
        </div>
      )}
      {run.start && (
        <div className="dw-stat">
          <span className="dw-stat__label">On</span>
          <span className="dw-stat__value">
            {run.start.backend} · {formatInt(run.start.params.trainable + run.start.params.nonTrainable)} params
          </span>
        </div>
      )}
      <div
        className="dw-progress"
        aria-label="Progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress * 100)}
      >
        <div className="dw-progress__bar" style={{ transform: `scaleX(${progress})` }} />
      </div>
    </div>
  );
}

/** The run's final numbers: train, validation and test, one column each. */
export function FinalMetrics({ run }: { run: RunRecord }) {
  const f = run.final;
  if (!f) return null;
  const cols = [
    ['Train', f.train],
    ['Validation', f.validation],
    ['Test', f.test?.metrics],
  ] as const;
  const present = cols.filter(([, m]) => m);
  const names = [...new Set(present.flatMap(([, m]) => Object.keys(m!)))];
  return (
    <table className="dw-table dw-final" data-testid="final-metrics">
      <caption>Final numbers{run.status === 'stopped' ? ' (stopped early)' : ''}</caption>
      <thead>
        <tr>
          <th scope="col" />
          {present.map(([label]) => (
            <th key={label} scope="col" className="num">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {names.map((n) => (
          <tr key={n}>
            <th scope="row">{metricLabel(n)}</th>
            {present.map(([label, m]) => (
              <td key={label} className="num dw-mono">
                {formatValue(n, m![n])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Why the run failed, and what to do about it. */
export function RunFailure({ run }: { run: RunRecord }) {
  if (run.warning && !run.failure) {
    // Finished without an error, but it did not learn: said as plainly as a failure, with the cause.
    return (
      <div className="dw-failure dw-failure--warning" role="alert" data-testid="run-warning">
        <strong className="dw-failure__title">{run.warning.message}</strong>
        <p className="dw-failure__hint">{run.warning.hint}</p>
      </div>
    );
  }
  if (!run.failure) return null;
  return (
    <div className="dw-failure" role="alert" data-testid="run-failure">
      {/* The message says what happened in its own words ("… so this run stopped"); a prefix repeated it. */}
      <strong className="dw-failure__title">{run.failure.message}</strong>
      {run.failure.hint && <p className="dw-failure__hint">{run.failure.hint}</p>}
      <p className="dw-failure__code">
        Error code <span className="dw-mono">{run.failure.code}</span> (for a bug report)
      </p>
    </div>
  );
}
