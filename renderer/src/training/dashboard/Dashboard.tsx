import { useMemo } from 'react';
import { DecisionBoundary } from '../boundary/DecisionBoundary';
import { NeuronMaps } from '../boundary/NeuronMaps';
import type { DatasetInfo } from '../../../../shared/protocol/client';
import { EvaluationView } from './Evaluation';
import { isFraction } from '../format';
import { MetricChart } from './MetricChart';
import { chartTitle, lineageLines, runMetrics } from './curveLines';
import { runDatasetId, type RunRecord } from '../runs/runModel';
import { useShownRun } from '../runs/runsStore';
import { DataWarnings, fileRunDataset } from './fileRunDataset';
import { epochTotal, FinalMetrics, RunFailure, RunStats } from './RunStats';
import { useCurveTick } from './useCurveFrame';
import { useRunLineage, type Ancestor } from '../runs/useRunLineage';

/** Short enough that, at 1440×900, the numbers above and the curves fit the panel without scrolling. */
const CHART_HEIGHT = 150;

function Charts({ run }: { run: RunRecord }) {
  // Metric names appear with the first batch; re-read them on the (throttled) curve tick.
  useCurveTick(run.runId);
  const namesKey = [...run.batches.names, ...run.epochs.names].join(',');
  const metrics = useMemo(() => runMetrics(namesKey ? namesKey.split(',') : []), [namesKey]);
  // A stopped or failed run's axis ends where it ended, not at the epochs it had planned.
  const ended = run.status === 'stopped' || run.status === 'failed';
  const xMax = (ended ? Math.max(run.batches.lastX(), run.epochs.lastX()) : epochTotal(run)) || 1;
  // A continued run draws the runs it goes on from first, so epochs 0…k are not empty.
  const ancestors = useRunLineage(run);
  return (
    <div className="dw-charts">
      {metrics.map((m) => (
        <MetricChartFor key={m} runId={run.runId} ancestors={ancestors} metric={m} xMax={xMax} />
      ))}
    </div>
  );
}

function MetricChartFor({
  runId,
  ancestors,
  metric,
  xMax,
}: {
  runId: string;
  ancestors: readonly Ancestor[];
  metric: string;
  xMax: number;
}) {
  const lines = useMemo(() => lineageLines(runId, ancestors, metric), [runId, ancestors, metric]);
  return (
    <MetricChart
      title={chartTitle(metric)}
      lines={lines}
      xMax={xMax}
      fraction={isFraction(metric)}
      height={CHART_HEIGHT}
      testId={`chart-${metric}`}
    />
  );
}

/**
 * The dataset a run trained on, with the example shape it really had (its options may change the
 * catalogue's default, e.g. a 32×32 star–galaxy set): the prediction grid draws examples with it.
 */
export function runDataset(run: RunRecord, datasets: readonly DatasetInfo[]): DatasetInfo | undefined {
  const id = runDatasetId(run);
  const info = datasets.find((d) => d.id === id);
  const shape = run.start?.dataset.inputShape;
  return info && shape ? { ...info, inputShape: shape } : info;
}

/**
 * The live dashboard of the shown run: progress, loss and metric curves (train and validation on
 * one axis), the final numbers, and for classifiers how the test split was classified.
 */
export function Dashboard({ datasets }: { datasets: readonly DatasetInfo[] }) {
  const run = useShownRun();
  if (!run) {
    return (
      <div className="dw-empty" data-testid="dashboard">
        <p>Press Train to start. Loss and accuracy appear here while the network learns.</p>
      </div>
    );
  }
  const dataset = runDataset(run, datasets) ?? fileRunDataset(run);
  return (
    <div className="dw-dashboard" data-testid="dashboard">
      <RunFailure run={run} />
      <DataWarnings run={run} />
      {/* The key numbers first, side by side, so they are seen without scrolling. */}
      <div className="dw-dashboard__top">
        <RunStats run={run} />
        <FinalMetrics run={run} />
      </div>
      {run.boundary ? (
        // A network on two inputs: its decision boundary beside the curves, its neurons below.
        <div className="dw-dashboard__curves">
          <Charts run={run} />
          <DecisionBoundary boundary={run.boundary} classNames={run.start?.dataset.classNames} />
        </div>
      ) : (
        <Charts run={run} />
      )}
      {run.boundary && <NeuronMaps layers={run.boundary.neurons} />}
      {run.evaluation && <EvaluationView result={run.evaluation} dataset={dataset} />}
    </div>
  );
}
