import { CURVE_COLORS } from '../classColors';
import type { CurveLine } from './MetricChart';
import { valKey } from '../runs/runModel';
import { metricLabel } from '../format';

/** A run's three curves of one metric: every batch (faint), each epoch's mean, and validation. */
export function runLines(runId: string, metric: string): CurveLine[] {
  return [
    { label: 'train (batches)', color: CURVE_COLORS.trainBatch, runId, table: 'batches', column: metric, width: 1 },
    { label: 'train', color: CURVE_COLORS.train, runId, table: 'epochs', column: metric, width: 2, points: true },
    {
      label: 'validation',
      color: CURVE_COLORS.validation,
      runId,
      table: 'epochs',
      column: valKey(metric),
      width: 2,
      points: true,
    },
  ];
}

/**
 * A continued run's curves with the runs it continues drawn first (same colours, so they read as one
 * curve), each earlier run only up to where the next one took over.
 */
export function lineageLines(runId: string, ancestors: readonly { runId: string; xTo: number }[], metric: string) {
  const earlier = [...ancestors]
    .reverse()
    .flatMap((a) => runLines(a.runId, metric).map((l): CurveLine => ({ ...l, xTo: a.xTo, context: true })));
  return [...earlier, ...runLines(runId, metric)];
}

/** Two runs' epoch curves of one metric, for comparing them. */
export function compareLines(
  a: { runId: string; name: string },
  b: { runId: string; name: string },
  metric: string,
): CurveLine[] {
  return [
    {
      label: `${a.name} train`,
      color: CURVE_COLORS.train,
      runId: a.runId,
      table: 'epochs',
      column: metric,
      width: 2,
      points: true,
    },
    {
      label: `${a.name} validation`,
      color: CURVE_COLORS.validation,
      runId: a.runId,
      table: 'epochs',
      column: valKey(metric),
      width: 2,
      dash: [5, 3],
      points: true,
    },
    {
      label: `${b.name} train`,
      color: CURVE_COLORS.otherTrain,
      runId: b.runId,
      table: 'epochs',
      column: metric,
      width: 2,
      points: true,
    },
    {
      label: `${b.name} validation`,
      color: CURVE_COLORS.otherValidation,
      runId: b.runId,
      table: 'epochs',
      column: valKey(metric),
      width: 2,
      dash: [5, 3],
      points: true,
    },
  ];
}

/** The metrics a run has curves for, loss first. */
export function runMetrics(names: readonly string[]): string[] {
  const train = new Set(names.filter((n) => !n.startsWith('val_')));
  train.delete('loss');
  return ['loss', ...train];
}

export const chartTitle = (metric: string) => metricLabel(metric);
