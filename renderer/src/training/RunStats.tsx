import type { RunRecord } from './runModel';
import { formatDuration, formatRate, formatValue, metricLabel } from './format';
import { useCurveTick } from './useCurveFrame';
import { formatInt } from '../summary/format';

/** The last epoch number of the run (1-based), counting from where a continued run started. */
export function epochTotal(run: RunRecord): number | undefined {
  const s = run.start;
  if (!s) return run.lastEpoch?.epochs;
  // `epochs` counts this run's epochs; a continued run starts at initialEpoch.
  return s.initialEpoch + s.epochs;
}

/** Epoch k of n, progress through the current epoch, speed and time left: updated ~10 times a second. */
export function RunStats({ run }: { run: RunRecord }) {
  useCurveTick(run.runId, 100);
  const total = epochTotal(run);
  const b = run.lastBatch;
  const e = run.lastEpoch;
  const doneEpochs = e ? e.epoch + 1 : (run.start?.initialEpoch ?? 0);
  const inEpoch = b && (!e || b.epoch > e.epoch) ? (b.batch + 1) / b.batchesPerEpoch : 0;
  const epochNow = Math.min(total ?? Infinity, doneEpochs + (inEpoch > 0 ? 1 : 0)) || doneEpochs;
  const progress = total ? Math.min(1, (doneEpochs + inEpoch) / total) : 0;
  const lossNow = run.batches.last('loss');
  const active = run.status === 'running' || run.status === 'starting';
  return (
    <div className="dw-stats">
      <div className="dw-stat dw-stat--big">
        <span className="dw-stat__label">Epoch</span>
        <span className="dw-stat__value" data-testid="epoch-counter">
          {epochNow} / {total ?? '–'}
        </span>
      </div>
      <div className="dw-stat">
        <span className="dw-stat__label">Batch</span>
        <span className="dw-stat__value dw-mono">{b ? `${b.batch + 1} / ${b.batchesPerEpoch}` : '–'}</span>
      </div>
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
      <div className="dw-stat">
        <span className="dw-stat__label">Time left</span>
        <span className="dw-stat__value dw-mono" data-testid="eta">
          {active ? (e ? formatDuration(e.etaSeconds) : 'estimating…') : '–'}
        </span>
      </div>
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
        <div className="dw-progress__bar" style={{ width: `${progress * 100}%` }} />
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
  if (!run.failure) return null;
  return (
    <div className="dw-failure" role="alert" data-testid="run-failure">
      <strong className="dw-failure__title">Training stopped: {run.failure.message}</strong>
      {run.failure.hint && <p className="dw-failure__hint">{run.failure.hint}</p>}
      <p className="dw-failure__code dw-mono">{run.failure.code}</p>
    </div>
  );
}
