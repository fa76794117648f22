import type { DatasetInfo } from '../../../../shared/protocol/client';
import type { RunRecord } from '../runs/runModel';

/**
 * A run on the user's own file has no catalogue entry: what its `started` event says (the file's
 * name, classes, example shape and how examples are shown) stands in for one, so the prediction
 * grid draws its pictures and curves. Undefined for built-in datasets and runs reopened from disk.
 */
export function fileRunDataset(run: RunRecord): DatasetInfo | undefined {
  const d = run.start?.dataset;
  if (!d?.kind || !d.inputShape) return undefined;
  return {
    id: d.id,
    title: d.id,
    description: '',
    task: d.classNames ? 'classification' : 'regression',
    // A table's rows are shown as their numbers (neither picture nor curve).
    kind: d.kind === 'table' ? 'points2d' : d.kind,
    inputShape: d.inputShape,
    classNames: d.classNames,
    defaultSize: d.train + d.validation + d.test,
  };
}

/** What the trainer said about the user's data when the run started: it changed since an earlier run. */
export function DataWarnings({ run }: { run: RunRecord }) {
  const warnings = run.start?.dataset.warnings;
  if (!warnings?.length) return null;
  return (
    <div className="dw-banner" role="status" data-testid="data-warnings">
      {warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
    </div>
  );
}
