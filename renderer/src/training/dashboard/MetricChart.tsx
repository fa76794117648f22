import { memo, useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { yRange } from './chartRange';
import { decimateMinMax } from './decimate';
import { canDraw } from '../activations/pixels';
import { useRuns } from '../runs/runsStore';
import { useCurveFrames } from './useCurveFrame';
import { smooth } from '../runs/compare/smoothing';

/** One curve: a column of a run's batch or epoch table. */
export interface CurveLine {
  label: string;
  color: string;
  runId: string;
  table: 'batches' | 'epochs';
  column: string;
  width?: number;
  dash?: number[];
  /** Mark each value with a dot (epoch curves, which have few points). */
  points?: boolean;
  /** Only the points with x up to here (an earlier run, up to where its continuation took over). */
  xTo?: number;
  /** Drawn for context (an earlier run's curve before a continued run's): no legend entry. */
  context?: boolean;
  /** TensorBoard-style smoothing of the drawn values, 0 (none) to 0.99 (runs compared). */
  smoothing?: number;
}

/** How many of the sorted `xs` are ≤ `to`. */
function countUpTo(xs: Float64Array, to: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= to + 1e-9) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface MetricChartProps {
  title: string;
  lines: readonly CurveLine[];
  /** Right end of the x axis (epochs), e.g. the run's planned epochs; grows with the data. */
  xMax: number;
  /** Accuracy-like metrics: the y axis is 0–100%. */
  fraction?: boolean;
  height?: number;
  testId?: string;
}

const AXIS_FONT = '11px system-ui, -apple-system, "Segoe UI", sans-serif';
const AXIS = {
  stroke: '#6b6f76',
  font: AXIS_FONT,
  grid: { stroke: '#eceef1', width: 1 },
  ticks: { stroke: '#e1e3e7', width: 1, size: 4 },
};

type FacetData = [null, ...[Float64Array, Float64Array][]];

/** Output buffers for decimated lines, one pair per line, reused between draws of a chart. */
type DecimationBuffers = { x: Float64Array; y: Float64Array }[];

/** A line with more points than this many per pixel column is decimated before drawing. */
const POINTS_PER_PIXEL = 2;

/**
 * The lines' data (views into the runs' tables, no copies) and the ranges to show. `raw` is every
 * point; `data` is what is drawn: lines with more points than the plot has pixels for are
 * min/max-decimated into `buffers`, so drawing costs the same at epoch 400 as at epoch 4.
 */
function collect(
  lines: readonly CurveLine[],
  xMax: number,
  fraction: boolean,
  pixels: number,
  buffers: DecimationBuffers,
) {
  const runs = useRuns.getState().runs;
  const raw: FacetData = [null];
  let hiX = xMax;
  let lo = Infinity;
  let hi = -Infinity;
  const empty = new Float64Array(0);
  for (const line of lines) {
    const table = runs[line.runId]?.[line.table];
    const y = table?.column(line.column);
    if (!table || !y) {
      raw.push([empty, empty]);
      continue;
    }
    let x = table.x();
    let ys = y;
    if (line.xTo !== undefined) {
      const n = countUpTo(x, line.xTo);
      x = x.subarray(0, n);
      ys = y.subarray(0, n);
    }
    if (line.smoothing) ys = smooth(ys, line.smoothing);
    raw.push([x, ys]);
    if (x.length) hiX = Math.max(hiX, x[x.length - 1]);
    const r = table.range(line.column);
    if (r) {
      lo = Math.min(lo, r[0]);
      hi = Math.max(hi, r[1]);
    }
  }
  const x1 = Math.max(hiX, 1e-9);
  const columns = Math.max(16, Math.round(pixels));
  const data: FacetData = [null];
  for (let i = 1; i < raw.length; i++) {
    const [x, y] = raw[i]!;
    if (x.length <= columns * POINTS_PER_PIXEL) {
      data.push([x, y]);
      continue;
    }
    let buf = buffers[i];
    if (!buf || buf.x.length < 2 * columns)
      buf = buffers[i] = { x: new Float64Array(2 * columns), y: new Float64Array(2 * columns) };
    const n = decimateMinMax(x, y, 0, x1, columns, buf.x, buf.y);
    data.push([buf.x.subarray(0, n), buf.y.subarray(0, n)]);
  }
  return { raw, data, x: [0, x1] as [number, number], y: yRange(lo, hi, fraction) };
}

/** Epoch dots are drawn up to this many points a line. */
const MAX_DOTS = 80;
const dotCount = (u: uPlot, si: number) => (u.data[si] as unknown as Float64Array[])[0].length;
const INDICES = Array.from({ length: MAX_DOTS + 1 }, (_, i) => i);
const indices = (n: number) => INDICES.slice(0, n);
/** The plotting area's width in CSS pixels. */
const plotPixels = (u: uPlot) => u.bbox.width / (globalThis.devicePixelRatio || 1);

/**
 * Writes the first own (not context) line's point count and first and last values on the chart's
 * figure (`data-points`, `data-first`, `data-last`): a canvas is opaque to e2e journeys and benches.
 */
function markCurve(plotBox: HTMLElement | null, data: FacetData, lines: readonly CurveLine[]) {
  const fig = plotBox?.parentElement;
  const own = lines.findIndex((l) => !l.context);
  const ys = data[own + 1]?.[1];
  if (!fig || !ys) return;
  fig.dataset.points = String(ys.length);
  if (ys.length) Object.assign(fig.dataset, { first: String(ys[0]), last: String(ys[ys.length - 1]) });
  // Points of earlier runs drawn before a continued run's own.
  let context = 0;
  lines.forEach((l, i) => l.context && (context += data[i + 1]?.[1].length ?? 0));
  fig.dataset.contextPoints = String(context);
}

/**
 * Curves of one metric against epochs, drawn by uPlot. The plot is created once per set of lines;
 * new points reach it through `setData` at most once per animation frame, straight from the runs'
 * typed arrays, so thousands of batch points stream without React re-rendering.
 */
function MetricChartView({ title, lines, xMax, fraction = false, height = 180, testId }: MetricChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const signature = lines
    .map(
      (l) =>
        `${l.runId}/${l.table}/${l.column}/${l.color}/${l.width ?? 1}/${l.dash ?? ''}/${l.points ?? ''}/${l.label}/${l.xTo ?? ''}/${l.smoothing ?? ''}`,
    )
    .join('|');
  const linesRef = useRef(lines);
  const xMaxRef = useRef(xMax);
  const buffers = useRef<DecimationBuffers>([]);
  useEffect(() => {
    linesRef.current = lines;
    xMaxRef.current = xMax;
  });

  const draw = () => {
    const u = plot.current;
    if (!u) return;
    const { raw, data, x, y } = collect(linesRef.current, xMaxRef.current, fraction, plotPixels(u), buffers.current);
    u.batch(() => {
      u.setData(data as unknown as uPlot.AlignedData, false);
      u.setScale('x', { min: x[0], max: x[1] });
      u.setScale('y', { min: y[0], max: y[1] });
    });
    markCurve(box.current, raw, linesRef.current);
  };

  useEffect(() => {
    const el = box.current;
    if (!el || !canDraw()) return;
    const current = linesRef.current;
    const opts: uPlot.Options = {
      mode: 2,
      width: Math.max(120, el.clientWidth),
      height,
      legend: { show: false },
      cursor: { show: false },
      pxAlign: 0,
      scales: { x: { time: false, auto: false }, y: { auto: false } },
      axes: [
        {
          ...AXIS,
          label: 'epoch',
          labelSize: 18,
          labelFont: AXIS_FONT,
          incrs: [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
          size: 30,
        },
        {
          ...AXIS,
          size: 46,
          values: fraction ? (_u, splits) => splits.map((v) => `${Math.round(v * 100)}%`) : undefined,
        },
      ],
      series: [
        {},
        ...current.map((l): uPlot.Series => ({
          label: l.label,
          stroke: l.color,
          width: l.width ?? 1.5,
          dash: l.dash,
          // In faceted mode uPlot does not work out which points are in view; name them all. Past
          // MAX_DOTS epochs the dots would merge into a line anyway, and cost a draw each.
          points: l.points
            ? {
                show: (u, si) => dotCount(u, si) <= MAX_DOTS,
                size: 5,
                fill: l.color,
                stroke: l.color,
                filter: (u, si) => (dotCount(u, si) <= MAX_DOTS ? indices(dotCount(u, si)) : null),
              }
            : { show: false },
        })),
      ],
    };
    const initial = collect(current, xMaxRef.current, fraction, el.clientWidth, buffers.current);
    const u = new uPlot(opts, initial.data as unknown as uPlot.AlignedData, el);
    markCurve(el, initial.raw, current);
    plot.current = u;
    u.batch(() => {
      u.setScale('x', { min: initial.x[0], max: initial.x[1] });
      u.setScale('y', { min: initial.y[0], max: initial.y[1] });
    });
    const resize = new ResizeObserver(() => {
      const w = Math.max(120, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // The plot is rebuilt only when the set of lines changes (the signature), never per point.
  }, [signature, height, fraction]);

  useCurveFrames(
    lines.map((l) => l.runId),
    draw,
  );
  useEffect(draw, [xMax]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <figure className="dw-chart" data-testid={testId}>
      <figcaption className="dw-chart__head">
        <span className="dw-chart__title">{title}</span>
        <span className="dw-chart__legend">
          {lines
            .filter((l) => !l.context)
            .map((l) => (
              <span key={`${l.runId}/${l.label}`} className="dw-chart__key">
                <i style={{ background: l.color, height: l.dash ? 1 : Math.max(2, l.width ?? 1.5) }} />
                {l.label}
              </span>
            ))}
        </span>
      </figcaption>
      <div ref={box} className="dw-chart__plot" style={{ height }} />
    </figure>
  );
}

export const MetricChart = memo(MetricChartView);
