import { useState } from 'react';
import type { EvaluationResult } from '../../../../shared/protocol/trainer';
import { CURVE_COLORS } from '../classColors';
import { formatMetric } from '../format';
import { niceTicks, targetPairs } from './regressionStats';

type Pairs = NonNullable<EvaluationResult['regression']>;

const W = 300;
const H = 210;
const M = { left: 46, right: 10, top: 8, bottom: 34 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

/** One scatter plot in SVG: points, a reference line, ticks and axis titles. */
function Scatter({
  testId,
  title,
  xs,
  ys,
  xRange,
  yRange,
  line,
  xTitle,
  yTitle,
}: {
  testId: string;
  title: string;
  xs: number[];
  ys: number[];
  xRange: [number, number];
  yRange: [number, number];
  /** The reference: y = x (a perfect prediction) or y = 0 (no error). */
  line: 'diagonal' | 'zero';
  xTitle: string;
  yTitle: string;
}) {
  const sx = (v: number) => M.left + ((v - xRange[0]) / (xRange[1] - xRange[0])) * PW;
  const sy = (v: number) => M.top + (1 - (v - yRange[0]) / (yRange[1] - yRange[0])) * PH;
  const ref =
    line === 'diagonal'
      ? { x1: sx(xRange[0]), y1: sy(xRange[0]), x2: sx(xRange[1]), y2: sy(xRange[1]) }
      : { x1: sx(xRange[0]), y1: sy(0), x2: sx(xRange[1]), y2: sy(0) };
  return (
    <figure className="dw-chart dw-regression__plot" data-testid={testId} data-points={xs.length}>
      <figcaption className="dw-chart__head">
        <span className="dw-chart__title">{title}</span>
      </figcaption>
      <svg width={W} height={H} role="img" aria-label={`${title}: ${xs.length} test examples`}>
        <rect x={M.left} y={M.top} width={PW} height={PH} fill="none" stroke="var(--dw-line, #ddd)" />
        {niceTicks(xRange[0], xRange[1]).map((t) => (
          <g key={`x${t}`}>
            <line x1={sx(t)} x2={sx(t)} y1={M.top + PH} y2={M.top + PH + 4} stroke="#999" />
            <text x={sx(t)} y={M.top + PH + 15} textAnchor="middle" className="dw-regression__tick">
              {formatMetric(t)}
            </text>
          </g>
        ))}
        {niceTicks(yRange[0], yRange[1]).map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left - 4} x2={M.left} y1={sy(t)} y2={sy(t)} stroke="#999" />
            <text x={M.left - 6} y={sy(t) + 3} textAnchor="end" className="dw-regression__tick">
              {formatMetric(t)}
            </text>
          </g>
        ))}
        <line {...ref} stroke="#666" strokeDasharray="4 3" />
        {xs.map((x, i) => (
          <circle key={i} cx={sx(x)} cy={sy(ys[i])} r={2.2} fill={CURVE_COLORS.train} fillOpacity={0.55} />
        ))}
        <text x={M.left + PW / 2} y={H - 4} textAnchor="middle" className="dw-regression__axis">
          {xTitle}
        </text>
        <text
          transform={`translate(11 ${M.top + PH / 2}) rotate(-90)`}
          textAnchor="middle"
          className="dw-regression__axis"
        >
          {yTitle}
        </text>
      </svg>
    </figure>
  );
}

/**
 * A regression's test examples: predicted against true (on the dashed diagonal when right) and the
 * residuals (predicted − true) against the truth, both in the target's own units.
 */
export function RegressionPlots({ pairs, split }: { pairs: Pairs; split: string }) {
  const [k, setK] = useState(0);
  const names = pairs.targetNames;
  const target = Math.min(k, names.length - 1);
  const t = targetPairs(pairs.actual, pairs.predicted, names.length, target);
  const name = names[target];
  return (
    <div className="dw-regression" data-testid="regression-plots">
      <div className="dw-regression__head">
        <span className="dw-bars__title">
          Predictions on the {split} split, in the target's own units ({t.actual.length} examples)
        </span>
        {names.length > 1 && (
          <label className="dw-small">
            Target{' '}
            <select value={target} onChange={(e) => setK(Number(e.target.value))} data-testid="regression-target">
              {names.map((n, i) => (
                <option key={n} value={i}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="dw-muted dw-small dw-mono" data-testid="regression-errors">
          MAE {formatMetric(t.mae)} · RMSE {formatMetric(t.rmse)}
        </span>
      </div>
      <div className="dw-regression__row">
        <Scatter
          testId="regression-scatter"
          title="Predicted against true"
          xs={t.actual}
          ys={t.predicted}
          xRange={t.range}
          yRange={t.range}
          line="diagonal"
          xTitle={`true ${name}`}
          yTitle={`predicted ${name}`}
        />
        <Scatter
          testId="regression-residuals"
          title="Residuals (predicted − true)"
          xs={t.actual}
          ys={t.residuals}
          xRange={t.range}
          yRange={[-t.reach, t.reach]}
          line="zero"
          xTitle={`true ${name}`}
          yTitle="predicted − true"
        />
      </div>
    </div>
  );
}
