/** Number formatting for the training panel: short, stable widths, no false precision. */

/** A metric value: 4 significant digits, exponent form for very small or large values. */
export function formatMetric(v: number | undefined | null): string {
  if (v === undefined || v === null || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

/** Accuracy-like metrics (0–1) as a percentage. */
export const formatPercent = (v: number | undefined | null): string =>
  v === undefined || v === null || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)}%`;

/** Metrics read better as percentages. */
export const isFraction = (metric: string) => /acc/i.test(metric);

export const formatValue = (metric: string, v: number | undefined | null) =>
  isFraction(metric) ? formatPercent(v) : formatMetric(v);

/** "1 h 02 min", "3 min 05 s", "12 s". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** "12,340 examples/s". */
export const formatRate = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '–' : `${Math.round(v).toLocaleString('en-US')} examples/s`;

/** A metric's display name. */
export function metricLabel(metric: string): string {
  const names: Record<string, string> = {
    loss: 'Loss',
    accuracy: 'Accuracy',
    acc: 'Accuracy',
    mae: 'Mean abs. error',
    mse: 'Mean sq. error',
  };
  return names[metric] ?? metric;
}

/** "[28, 28, 1]". */
export const formatShape = (shape: readonly (number | null)[]) =>
  `[${shape.map((d) => (d === null ? 'batch' : d)).join(', ')}]`;

/** "3 Nov, 14:05". */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
