import { useState } from 'react';
import { analyzeGraph } from '../../../../shared/graph/analyzeGraph';
import { applyEdit } from '../../../../shared/graph/edits';
import { baseName, fileDatasetFacts } from '../../../../shared/data/facts';
import type { FileDatasetRef } from '../../../../shared/project/schema';
import { checkTraining, proposeLoss } from '../../../../shared/training/checkTraining';
import { fitNetworkToData } from '../../../../shared/training/fitToData';
import { modelFacts } from '../../../../shared/training/modelFacts';
import type { TrainingConfig } from '../../../../shared/training/options';
import { useAnalysis, useEditor } from '../../store';
import { DataChooser } from './DataChooser';
import type { FileDataState } from './useFileData';
import './yourData.css';

const FORMAT_NAMES: Record<string, string> = {
  csv: 'table',
  images: 'folder of images',
  npy: 'NumPy array',
  npz: 'NumPy arrays',
  fits: 'FITS',
  hdf5: 'HDF5',
};

/** One click that makes the network take this data: Input shape, output units and activation, loss. */
function FitNetwork({ fileData, training, update, locked }: Props) {
  const graph = useEditor((s) => s.project.graph);
  const analysis = useAnalysis();
  const description = fileData.preview?.description;
  if (!description) return null;
  const data = fileDatasetFacts(description);
  const fit = fitNetworkToData(graph, analysis, data);
  if ('reason' in fit)
    return (
      <p className="dw-doc" data-testid="fit-network-reason">
        {fit.reason}
      </p>
    );
  if (!fit.edit)
    return (
      <p className="dw-doc" data-testid="network-fits">
        The network’s input and output fit this data.
      </p>
    );
  const apply = () => {
    const edit = fit.edit!;
    const fitted = applyEdit(useEditor.getState().project.graph, edit).graph;
    useEditor.getState().edit(edit);
    // A loss the project names follows a new output (classes → categorical cross-entropy, two → binary,
    // numbers → MSE); without one, the panel proposes it anyway.
    const facts = modelFacts(fitted, analyzeGraph(fitted));
    const outputChanged = fit.changes.some((c) => / (units|activation) /.test(c));
    if (training?.loss && facts && (outputChanged || checkTraining(training.loss, facts, data))) {
      const loss = proposeLoss(facts.outputShape, facts.outputActivation, data);
      if (loss !== training.loss) update({ loss });
    }
  };
  return (
    <div className="dw-fit">
      <button
        type="button"
        className="dw-button dw-button--primary"
        disabled={locked}
        data-testid="fit-network"
        title={`Changes: ${fit.changes.join('; ')}. One step: Undo takes it back.`}
        onClick={apply}
      >
        Fit the network to the data
      </button>
      <span className="dw-doc">{fit.changes.join(' · ')}</span>
    </div>
  );
}

interface Props {
  training: TrainingConfig | undefined;
  fileData: FileDataState;
  update(patch: Partial<TrainingConfig>): void;
  locked: boolean;
}

/**
 * The Data section for the user's own file: which file (and a chooser to change it), the target
 * column and the feature columns of a table, what the engine made of it, and the Fit button.
 */
export function YourDataFields(props: Props & { choosing: boolean; setChoosing(on: boolean): void }) {
  const { training, fileData, update, locked, choosing, setChoosing } = props;
  const filePath = useEditor((s) => s.filePath);
  const ref = (training?.dataset && 'file' in training.dataset ? training.dataset : null) as FileDatasetRef | null;
  const [showColumns, setShowColumns] = useState(false);
  const choose = (file: string) => {
    setChoosing(false);
    // Another file: the options of the last one (target, features…) do not apply to it.
    update({ dataset: { file } });
  };
  if (!ref || choosing)
    return (
      <DataChooser
        projectPath={filePath}
        current={ref?.file}
        onChoose={choose}
        onCancel={ref ? () => setChoosing(false) : undefined}
      />
    );
  const d = fileData.preview?.description;
  const setRef = (patch: Partial<FileDatasetRef>) => {
    const next: Record<string, unknown> = { ...ref, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    update({ dataset: next as FileDatasetRef });
  };
  const columns = d?.columns ?? [];
  const features = new Set((d?.features ?? []).map((f) => f.name));
  const toggle = (name: string, on: boolean) => {
    const list = columns.map((c) => c.name).filter((n) => n !== d?.target && (n === name ? on : features.has(n)));
    setRef({ features: list });
  };
  return (
    <div className="dw-yourdata" data-testid="your-data">
      <div className="dw-yourdata__file">
        <span className="dw-mono" title={d?.path ?? ref.file} data-testid="data-file">
          {ref.file}
        </span>
        {d && <span className="dw-muted"> · {FORMAT_NAMES[d.format] ?? d.format}</span>}
        <button
          type="button"
          className="dw-button dw-button--small"
          disabled={locked}
          data-testid="change-data"
          onClick={() => setChoosing(true)}
        >
          Change…
        </button>
      </div>
      {fileData.loading && <p className="dw-muted">Reading {baseName(ref.file)}…</p>}
      {fileData.error && (
        <p className="dw-error" data-testid="data-error">
          {fileData.error.message} {fileData.error.hint}
        </p>
      )}
      {d && columns.length > 0 && (
        <>
          <label className="dw-field">
            <span className="dw-field__label">Target (what the network learns to say)</span>
            <select
              className="dw-input"
              value={d.target ?? ''}
              disabled={locked}
              data-testid="data-target"
              onChange={(e) =>
                setRef({ target: e.target.value, features: ref.features?.filter((f) => f !== e.target.value) })
              }
            >
              {columns.map((c) => (
                <option key={c.name} value={c.name} disabled={c.type === 'empty' || c.type === 'text'}>
                  {c.name} ({c.type === 'category' ? `${c.categories?.length ?? 0} classes` : c.type})
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="dw-linkish"
            aria-expanded={showColumns}
            data-testid="data-features-toggle"
            onClick={() => setShowColumns(!showColumns)}
          >
            Features: {features.size} of {columns.length - 1} columns {showColumns ? '▾' : '▸'}
          </button>
          {showColumns && (
            <fieldset className="dw-field dw-metrics" data-testid="data-features">
              {columns
                .filter((c) => c.name !== d.target)
                .map((c) => (
                  <label key={c.name} className="dw-field--check" title={c.type}>
                    <input
                      type="checkbox"
                      checked={features.has(c.name)}
                      disabled={locked || c.type === 'empty'}
                      onChange={(e) => toggle(c.name, e.target.checked)}
                    />
                    {c.name} <span className="dw-muted">{c.type}</span>
                  </label>
                ))}
            </fieldset>
          )}
        </>
      )}
      <FitNetwork training={training} fileData={fileData} update={update} locked={locked} />
    </div>
  );
}
