import type { BackendInfo, DatasetInfo } from '../../../../shared/protocol/client';
import {
  LOSS_INFO,
  LOSSES,
  METRICS,
  type Loss,
  type Metric,
  type TrainingConfig,
} from '../../../../shared/training/options';
import { useState } from 'react';
import { DatasetPreview } from './DatasetPreview';
import { EpochEstimateLine } from './EpochEstimateLine';
import { FileDataPreview } from './FileDataPreview';
import type { FileDataState } from './useFileData';
import { YourDataFields } from './YourDataFields';

/** The Dataset list's entry for the user's own file or folder. */
const YOUR_DATA = '__your-data__';
import { NumberField } from './NumberField';
import { OptimizerFields } from './OptimizerFields';
import type { TrainingReadiness } from './trainingChecks';
import { resolvedTraining } from './useTrainingSetup';

const METRIC_LABELS: Record<Metric, string> = {
  accuracy: 'Accuracy',
  mae: 'Mean absolute error',
  mse: 'Mean squared error',
};

export interface TrainingSettingsProps {
  datasets: DatasetInfo[];
  datasetsError?: string;
  datasetsLoaded?: boolean;
  backend?: BackendInfo;
  backendError?: string;
  training: TrainingConfig | undefined;
  dataset: DatasetInfo | null;
  /** The user's own data as the engine reads it (when the dataset is a file). */
  fileData?: FileDataState;
  readiness: TrainingReadiness;
  update(patch: Partial<TrainingConfig>): void;
  /** While a run trains, its settings are fixed; edits would not reach it. */
  locked: boolean;
  /** Epochs the last run completed, when it can be continued (Continue adds Epochs more). */
  continueAfter?: number;
}

function BackendLine({ backend, error }: { backend?: BackendInfo; error?: string }) {
  if (error)
    return (
      <p className="dw-muted" data-testid="backend-info">
        Backend: not available ({error})
      </p>
    );
  if (!backend)
    return (
      <p className="dw-muted" data-testid="backend-info">
        Backend: checking…
      </p>
    );
  const skipped = backend.tried.filter((t) => !t.ok && t.reason);
  return (
    <div className="dw-backend" data-testid="backend-info">
      <span>
        Trains on <strong>{backend.backend}</strong> · {backend.device}
      </span>
      {skipped.length > 0 && (
        <details>
          <summary>Why not a faster backend?</summary>
          <ul>
            {skipped.map((t) => (
              <li key={t.name}>
                <span className="dw-mono">{t.name}</span>: {t.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/**
 * The run's settings: dataset (with a preview), loss (with what it is for), optimizer and its
 * settings, batch size, epochs, validation split and seed. Every edit writes project.training.
 */
export function TrainingSettings(props: TrainingSettingsProps) {
  const { datasets, datasetsError, backend, backendError, training, dataset, readiness, update, locked } = props;
  const t = resolvedTraining(training);
  const loss = training?.loss ?? readiness.loss;
  const ref = training?.dataset as { builtin?: unknown; file?: unknown; options?: Record<string, unknown> } | undefined;
  const isFile = typeof ref?.file === 'string';
  // "Your data…" chosen but no file picked yet: the chooser shows, the project keeps its dataset.
  const [choosing, setChoosing] = useState(false);
  const datasetId = isFile || choosing ? YOUR_DATA : typeof ref?.builtin === 'string' ? ref.builtin : '';
  const fileData = props.fileData ?? { isFile, loading: false };
  const options = ref?.options ?? {};
  const size = typeof options.size === 'number' ? options.size : undefined;
  const setSize = (v: number) => {
    // The dataset's own default is not written down: the project keeps following it.
    const { size: _old, ...rest } = options;
    const next = dataset && v === dataset.defaultSize ? rest : { ...rest, size: v };
    update({ dataset: { builtin: datasetId, ...(Object.keys(next).length ? { options: next } : {}) } });
  };
  const toggleMetric = (m: Metric, on: boolean) =>
    update({ metrics: on ? [...t.metrics.filter((x) => x !== m), m] : t.metrics.filter((x) => x !== m) });

  return (
    <div className="dw-setup" data-testid="training-settings">
      <div className="dw-setup__form">
        {/* First thing on the Setup view: how long an epoch will take, before anyone presses Train. */}
        <EpochEstimateLine training={training} dataset={dataset} />
        <section className="dw-section">
          <h3 className="dw-section__title">Data</h3>
          <label className="dw-field">
            <span className="dw-field__label">Dataset</span>
            <select
              className="dw-input"
              value={datasetId}
              disabled={locked}
              data-testid="dataset-select"
              onChange={(e) => {
                if (e.target.value === YOUR_DATA) return setChoosing(true);
                setChoosing(false);
                update({ dataset: { builtin: e.target.value } });
              }}
            >
              <option value="" disabled>
                {datasets.length
                  ? 'Choose a dataset…'
                  : datasetsError || props.datasetsLoaded
                    ? 'No datasets available'
                    : 'Loading…'}
              </option>
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
              {datasetId && datasetId !== YOUR_DATA && !datasets.some((d) => d.id === datasetId) && (
                <option value={datasetId}>{datasetId}</option>
              )}
              <option value={YOUR_DATA}>Your data…</option>
            </select>
          </label>
          {(isFile || choosing) && (
            <YourDataFields
              training={training}
              fileData={fileData}
              update={(patch) => {
                if (patch.dataset) setChoosing(false);
                update(patch);
              }}
              locked={locked}
              choosing={choosing}
              setChoosing={setChoosing}
            />
          )}
          {datasetsError && <p className="dw-error">{datasetsError}</p>}
          {dataset && !choosing && (
            <NumberField
              label="Examples"
              value={size ?? dataset.defaultSize}
              integer
              min={Math.min(10, dataset.defaultSize)}
              max={dataset.maxSize}
              disabled={locked}
              title={`How many examples to train and test on (${dataset.defaultSize.toLocaleString('en-US')} by default${
                dataset.maxSize ? `, at most ${dataset.maxSize.toLocaleString('en-US')}` : ''
              }). Fewer trains faster on a slow computer.`}
              testId="dataset-size"
              onChange={setSize}
            />
          )}
          {dataset && !choosing && (
            <p className="dw-doc">
              {dataset.defaultSize.toLocaleString('en-US')} by default
              {dataset.maxSize ? `, up to ${dataset.maxSize.toLocaleString('en-US')}` : ''}. Fewer examples train
              faster.
            </p>
          )}
          <div className="dw-grid2">
            <NumberField
              label="Validation split"
              value={t.validationSplit}
              min={0}
              below={1}
              step={0.05}
              disabled={locked}
              title="The share of the training data held back to check the network on examples it does not learn from."
              testId="validation-split"
              onChange={(v) => update({ validationSplit: v })}
            />
            <NumberField
              label="Seed"
              value={t.seed}
              integer
              disabled={locked}
              title="The same seed gives the same initial weights and data order."
              testId="seed"
              onChange={(v) => update({ seed: v })}
            />
          </div>
        </section>

        <section className="dw-section">
          <h3 className="dw-section__title">Learning</h3>
          <label className="dw-field">
            <span className="dw-field__label">Loss</span>
            <select
              className="dw-input"
              value={loss ?? ''}
              disabled={locked}
              data-testid="loss-select"
              onChange={(e) => update({ loss: e.target.value as Loss })}
            >
              {!loss && <option value="">Choose a dataset first</option>}
              {LOSSES.map((l) => (
                <option key={l} value={l}>
                  {LOSS_INFO[l].label}
                  {!training?.loss && l === readiness.loss ? ' (suggested)' : ''}
                </option>
              ))}
            </select>
          </label>
          {loss && (
            <p className="dw-doc" data-testid="loss-doc">
              {LOSS_INFO[loss].doc}
            </p>
          )}
          {readiness.warnings.map((w) => (
            <p key={w} className="dw-warning">
              {w}
            </p>
          ))}
          <OptimizerFields value={t.optimizer} disabled={locked} onChange={(optimizer) => update({ optimizer })} />
          <div className="dw-grid2">
            <NumberField
              label="Batch size"
              value={t.batchSize}
              integer
              min={1}
              disabled={locked}
              testId="batch-size"
              onChange={(v) => update({ batchSize: v })}
            />
            <NumberField
              label="Epochs"
              value={t.epochs}
              integer
              min={1}
              max={100000}
              disabled={locked}
              title="Train: how many epochs the run has. Continue: how many more after the last run."
              testId="epochs"
              onChange={(v) => update({ epochs: v })}
            />
          </div>
          {props.continueAfter !== undefined && (
            <p className="dw-doc" data-testid="continue-doc">
              Train starts over from fresh weights for {t.epochs} epochs. Continue goes on from the last run for{' '}
              {t.epochs} more: epochs {props.continueAfter + 1}–{props.continueAfter + t.epochs}.
            </p>
          )}
          <fieldset className="dw-field dw-metrics">
            <legend className="dw-field__label">Metrics</legend>
            {METRICS.map((m) => (
              <label key={m} className="dw-field--check">
                <input
                  type="checkbox"
                  checked={t.metrics.includes(m)}
                  disabled={locked}
                  onChange={(e) => toggleMetric(m, e.target.checked)}
                />
                {METRIC_LABELS[m]}
              </label>
            ))}
          </fieldset>
        </section>
        <BackendLine backend={backend} error={backendError} />
      </div>
      <div className="dw-setup__preview">
        {isFile && !choosing ? (
          <FileDataPreview fileData={fileData} />
        ) : dataset && !choosing ? (
          <DatasetPreview info={dataset} size={size} />
        ) : (
          <p className="dw-muted">
            {choosing
              ? 'Choose a file or folder on the left to see what Deepwire reads in it.'
              : 'Choose a dataset to see a few of its examples.'}
          </p>
        )}
      </div>
    </div>
  );
}
