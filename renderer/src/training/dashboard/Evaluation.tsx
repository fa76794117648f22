import type { DatasetInfo } from '../../../../shared/protocol/client';
import type { EvaluationResult } from '../../../../shared/protocol/trainer';
import { classColor } from '../classColors';
import { ExampleImage, Sparkline } from '../activations/ExampleImage';
import { formatMetric, formatPercent } from '../format';
import { RegressionPlots } from './RegressionPlots';

/** Confusion matrix: rows are the true class, columns what the network said; shaded by row share. */
export function ConfusionMatrix({ confusion, classNames }: { confusion: number[][]; classNames: string[] }) {
  return (
    <div className="dw-confusion-wrap">
      <table className="dw-confusion" data-testid="confusion-matrix">
        <caption>Confusion matrix</caption>
        <thead>
          <tr>
            <th scope="col" className="dw-confusion__corner">
              true ↓ predicted →
            </th>
            {classNames.map((c) => (
              <th key={c} scope="col" title={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, i) => {
            const total = row.reduce((a, b) => a + b, 0) || 1;
            return (
              <tr key={i}>
                <th scope="row" title={classNames[i]}>
                  {classNames[i] ?? i}
                </th>
                {row.map((n, j) => {
                  const share = n / total;
                  const bg =
                    i === j
                      ? `rgba(59, 111, 216, ${0.08 + share * 0.82})`
                      : n > 0
                        ? `rgba(224, 87, 89, ${0.08 + share * 0.8})`
                        : 'transparent';
                  return (
                    <td
                      key={j}
                      style={{ background: bg, color: share > 0.55 ? '#fff' : undefined }}
                      title={`${n} of ${total} “${classNames[i]}” predicted as “${classNames[j]}”`}
                    >
                      {n}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Accuracy per class as bars. */
export function PerClassAccuracy({ values, classNames }: { values: number[]; classNames: string[] }) {
  return (
    <div className="dw-bars-wrap">
      <span className="dw-bars__title">Accuracy per class</span>
      <ul className="dw-bars" data-testid="per-class-accuracy" aria-label="Accuracy per class">
        {values.map((v, k) => (
          <li key={k}>
            <span className="dw-bars__label" title={classNames[k]}>
              {classNames[k] ?? k}
            </span>
            <span className="dw-bars__track">
              <span
                className="dw-bars__fill"
                style={{ width: `${Math.max(0, Math.min(1, v)) * 100}%`, background: classColor(k) }}
              />
            </span>
            <span className="dw-bars__value dw-mono">{formatPercent(v)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A few numbers as text: "(0.52, −0.33)", cut after four. */
const numbers = (v: readonly number[]) =>
  `(${v
    .slice(0, 4)
    .map((x) => Number(x.toPrecision(3)))
    .join(', ')}${v.length > 4 ? ', …' : ''})`;

const name = (classNames: string[] | undefined, v: number | number[]) =>
  typeof v === 'number'
    ? (classNames?.[v] ?? String(v))
    : v.length === 1
      ? String(Number(v[0].toPrecision(3)))
      : numbers(v);

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** An example's input as the dataset shows it: an image, a curve, or its coordinates. */
function ExampleInput({ x, dataset, index }: { x?: number[]; dataset?: DatasetInfo; index: number }) {
  if (!x) return <span className="dw-muted dw-small">example #{index}</span>;
  if (dataset?.kind === 'image' && x.length === size(dataset.inputShape))
    return <ExampleImage x={x} shape={dataset.inputShape} size={56} label={`example ${index}`} />;
  if (dataset?.kind === 'series' && x.length > 4) return <Sparkline values={x} width={88} height={36} />;
  if (dataset?.kind === 'points2d' && x.length === 2)
    return (
      <span className="dw-mono dw-small" title="The point's coordinates">
        x {x[0].toFixed(2)}, y {x[1].toFixed(2)}
      </span>
    );
  return <span className="dw-mono dw-small">{numbers(x)}</span>;
}

/** Test examples with what the network said: drawn when the engine sent the inputs, wrong ones marked. */
export function PredictionGrid({ result, dataset }: { result: EvaluationResult; dataset?: DatasetInfo }) {
  const examples = result.examples ?? [];
  if (!examples.length) return null;
  const names = result.classNames ?? dataset?.classNames;
  const drawn = (v: number | number[]) =>
    // A network that rebuilds its input image (an autoencoder) said an image: show it as one.
    dataset?.kind === 'image' && Array.isArray(v) && v.length === size(dataset.inputShape);
  return (
    <>
      <span className="dw-bars__title">Some test examples: what the network said (mistakes in red)</span>
      <ul className="dw-predictions" data-testid="prediction-grid">
        {examples.map((e) => {
          const right = typeof e.actual === 'number' ? e.actual === e.predicted : undefined;
          return (
            <li
              key={e.index}
              className={right === false ? 'is-wrong' : right ? 'is-right' : undefined}
              data-testid="prediction"
            >
              <div className={`dw-predictions__input${e.x && dataset?.kind === 'image' ? ' has-image' : ''}`}>
                <ExampleInput x={e.x} dataset={dataset} index={e.index} />
              </div>
              <div className="dw-predictions__text">
                {drawn(e.predicted) && dataset ? (
                  <span className="dw-predictions__said">
                    <span className="dw-muted">said</span>
                    <ExampleImage
                      x={e.predicted as number[]}
                      shape={dataset.inputShape}
                      size={56}
                      label="what it said"
                    />
                  </span>
                ) : (
                  <span>
                    <span className="dw-muted">said</span> <strong>{name(names, e.predicted)}</strong>
                    {e.confidence !== undefined && <span className="dw-muted"> {formatPercent(e.confidence)}</span>}
                    {e.score !== undefined && (
                      <span className="dw-muted" title="The output is a score (a margin), not a probability">
                        {' '}
                        score {formatMetric(e.score)}
                      </span>
                    )}
                  </span>
                )}
                {!drawn(e.actual) && (
                  <span>
                    <span className="dw-muted">true</span> {name(names, e.actual)}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Everything the final evaluation says, for classifiers and regressions alike. */
export function EvaluationView({ result, dataset }: { result: EvaluationResult; dataset?: DatasetInfo }) {
  const names = result.classNames ?? dataset?.classNames ?? [];
  return (
    <section className="dw-section dw-evaluation" data-testid="evaluation">
      <h3 className="dw-section__title">
        How it does on the {result.split} split (
        {result.split === 'test' ? 'examples it never trained on' : 'held-back examples'})
      </h3>
      <div className="dw-evaluation__row">
        {result.confusion && <ConfusionMatrix confusion={result.confusion} classNames={names} />}
        {result.perClassAccuracy && <PerClassAccuracy values={result.perClassAccuracy} classNames={names} />}
      </div>
      {result.regression && <RegressionPlots pairs={result.regression} split={result.split} />}
      <PredictionGrid result={result} dataset={dataset} />
    </section>
  );
}
