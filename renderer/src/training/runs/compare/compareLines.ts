import type { CurveLine } from '../../dashboard/MetricChart';
import { valKey } from '../runModel';

/**
 * Colours for compared runs (one per run; train solid, validation dashed): Tableau 10 without the
 * grey, so any number of runs stay told apart up to nine and then repeat.
 */
export const RUN_COLORS = [
  '#3b6fd8',
  '#e0782f',
  '#2e9e6a',
  '#c0392b',
  '#8e5cc4',
  '#8c6d31',
  '#d6609e',
  '#17a2b8',
  '#b5a01b',
];

export const runColor = (i: number) => RUN_COLORS[i % RUN_COLORS.length];

export interface ComparedRun {
  runId: string;
  /** How the run is named on the charts (its short id). */
  name: string;
}

/** Every compared run's epoch curves of one metric: train solid, validation dashed, one colour a run. */
export function compareLines(runs: readonly ComparedRun[], metric: string, smoothing = 0): CurveLine[] {
  return runs.flatMap((r, i): CurveLine[] => [
    {
      label: `${r.name} train`,
      color: runColor(i),
      runId: r.runId,
      table: 'epochs',
      column: metric,
      width: 2,
      points: true,
      smoothing,
    },
    {
      label: `${r.name} validation`,
      color: runColor(i),
      runId: r.runId,
      table: 'epochs',
      column: valKey(metric),
      width: 2,
      dash: [5, 3],
      points: true,
      smoothing,
    },
  ]);
}
