import { formatMetric, formatPercent } from '../format';
import type { Reading } from './readOutputs';

/** The prediction for the tried example: class probabilities as bars, a score, or values in real units. */
export function PredictionView({ reading }: { reading: Reading }) {
  if (reading.kind === 'values') {
    return (
      <div className="dw-try__said" data-testid="try-prediction">
        <span className="dw-muted">The network says</span>
        <dl className="dw-try__values">
          {reading.names.map((n, i) => (
            <div key={n}>
              <dt>{n}</dt>
              <dd className="dw-mono">{formatMetric(reading.values[i])}</dd>
            </div>
          ))}
        </dl>
        <span className="dw-muted dw-small">in the targets’ own units</span>
      </div>
    );
  }
  if (reading.kind === 'score') {
    return (
      <div className="dw-try__said" data-testid="try-prediction">
        <span className="dw-muted">The network says</span> <strong className="dw-try__class">{reading.said}</strong>
        <span className="dw-muted" title="The output is a score (a margin), not a probability">
          score {formatMetric(reading.score)} (above {reading.threshold} means “{reading.names[1]}”; a score, not a
          probability)
        </span>
      </div>
    );
  }
  const top = Math.max(...reading.values.map(Math.abs), 1e-9);
  return (
    <div className="dw-try__said" data-testid="try-prediction">
      <p>
        <span className="dw-muted">The network says</span>{' '}
        <strong className="dw-try__class" data-testid="try-said">
          {reading.names[reading.best]}
        </strong>
        {reading.probabilities && (
          <span className="dw-muted"> ({formatPercent(reading.values[reading.best])} sure)</span>
        )}
      </p>
      <span className="dw-bars__title">
        {reading.probabilities ? 'Probability of each class' : 'Score of each class (not probabilities)'}
      </span>
      <ul className="dw-try__bars" data-testid="try-probabilities">
        {reading.names.map((n, i) => {
          const v = reading.values[i];
          return (
            <li key={`${n}-${i}`} className={i === reading.best ? 'is-best' : undefined} data-testid="try-class">
              <span className="dw-try__name" title={n}>
                {n}
              </span>
              <span className="dw-try__track">
                <i style={{ width: `${Math.max(0, (reading.probabilities ? v : Math.abs(v) / top) * 100)}%` }} />
              </span>
              <span className="dw-mono">{reading.probabilities ? formatPercent(v) : formatMetric(v)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
