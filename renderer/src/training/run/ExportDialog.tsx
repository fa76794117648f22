import { useEffect, useState } from 'react';
import {
  EXPORT_FORMAT_INFO,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOutcome,
} from '../../../../shared/protocol/exports';
import type { RunSummary } from '../../../../shared/protocol/client';
import { useEngine } from '../../engine/EngineProvider';
import { detectTransport } from '../../engine/hostClient';
import { Modal } from '../../project/Modal';
import { useEditor } from '../../store';
import { formatWhen } from '../format';
import './exportDialog.css';

/** The canvas's architecture, or one finished run. */
type Source = { kind: 'project' } | { kind: 'run'; runId: string };

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'model';

const isFinished = (r: RunSummary) => r.status === 'completed' || r.status === 'stopped';

/** The check in one sentence. */
export function describeCheck(check: ExportOutcome['check']): string {
  if (check.status === 'skipped') return `Not checked: ${check.reason}`;
  const what = `max relative error ${check.maxRelativeError.toExponential(1)} (allowed ${check.tolerance}) on ${check.examples} examples, ${check.runtime}`;
  return check.status === 'passed'
    ? `Same outputs as Deepwire: ${what}.`
    : `Different outputs: ${what}. ${check.detail}`;
}

/**
 * Export a finished run's trained model (or the canvas's untrained architecture) to ONNX, PyTorch,
 * Keras or TF.js, as `deepwire export` does: pick the format and the folder (a native chooser in
 * the desktop app; a folder name under the served folder in a browser), then see what was written
 * and whether the export computes the same as the model.
 */
export function ExportDialog({ onClose, runId }: { onClose(): void; runId?: string }) {
  const client = useEngine();
  const project = useEditor((s) => s.project);
  const filePath = useEditor((s) => s.filePath);
  const desktop = detectTransport() === 'electron';
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [source, setSource] = useState<Source>(runId ? { kind: 'run', runId } : { kind: 'project' });
  const [format, setFormat] = useState<ExportFormat>('onnx');
  const [name, setName] = useState('');
  const [folder, setFolder] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [exists, setExists] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; hint?: string } | null>(null);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);

  useEffect(() => {
    let live = true;
    client.listRuns(project.name, project.id).then(
      (list) => {
        if (!live) return;
        const finished = list.filter(isFinished).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        setRuns(finished);
        // The newest finished run is what a user who trained and now exports means.
        if (!runId && finished[0]) setSource({ kind: 'run', runId: finished[0].runId });
      },
      () => live && setRuns([]),
    );
    return () => {
      live = false;
    };
  }, [client, project.name, project.id, runId]);

  const suggested = `${slug(project.name)}-${source.kind === 'run' ? source.runId.slice(-6) : 'untrained'}-${format}`;
  const destination = desktop ? folder : name.trim() || suggested;

  const run = async (force: boolean) => {
    if (!destination) return;
    setBusy(true);
    setError(null);
    setExists(null);
    try {
      const result = await client.exportModel({
        format,
        destination,
        ...(force ? { force } : {}),
        ...(source.kind === 'run'
          ? { runId: source.runId }
          : { project, ...(filePath ? { projectPath: filePath } : {}) }),
      });
      setOutcome(result);
    } catch (err) {
      const e = err as { code?: string; message: string; hint?: string };
      if (e.code === 'exists') setExists(e.message);
      else setError({ message: e.message, hint: e.hint });
    } finally {
      setBusy(false);
    }
  };

  const chooseFolder = async () => {
    const path = await client.chooseExportFolder(suggested).catch((err: Error) => {
      setError({ message: err.message });
      return null;
    });
    if (path) setFolder(path);
  };

  return (
    <Modal title="Export the model" onClose={onClose} className="modal--export" testId="export-dialog">
      <h2 className="modal__title">Export the model</h2>
      {outcome ? (
        <ExportResult outcome={outcome} />
      ) : (
        <>
          <fieldset className="dw-export__group">
            <legend>What</legend>
            <select
              value={source.kind === 'run' ? source.runId : ''}
              onChange={(e) => setSource(e.target.value ? { kind: 'run', runId: e.target.value } : { kind: 'project' })}
              data-testid="export-source"
              disabled={busy}
            >
              {runs.map((r) => (
                <option key={r.runId} value={r.runId}>
                  Trained model of run {r.runId.slice(-6)} ({formatWhen(r.createdAt)}, {r.epochsCompleted} epochs)
                </option>
              ))}
              <option value="">The network on the canvas, untrained (its initial weights)</option>
            </select>
          </fieldset>
          <fieldset className="dw-export__group" disabled={busy}>
            <legend>Format</legend>
            {EXPORT_FORMATS.map((f) => (
              <label key={f} className="dw-export__format">
                <input
                  type="radio"
                  name="export-format"
                  value={f}
                  checked={format === f}
                  onChange={() => setFormat(f)}
                  data-testid={`export-format-${f}`}
                />
                <strong>{EXPORT_FORMAT_INFO[f].title}</strong>
                <span className="dw-muted dw-small">{EXPORT_FORMAT_INFO[f].files}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="dw-export__group" disabled={busy}>
            <legend>Where</legend>
            {desktop ? (
              <div className="dw-export__where">
                <button type="button" className="btn" onClick={chooseFolder} data-testid="export-choose-folder">
                  Choose a folder…
                </button>
                <span className="dw-mono dw-small" data-testid="export-folder">
                  {folder ?? 'No folder chosen yet'}
                </span>
              </div>
            ) : (
              <label className="dw-export__where">
                <span>Folder name</span>
                <input
                  value={name}
                  placeholder={suggested}
                  onChange={(e) => setName(e.target.value)}
                  data-testid="export-destination"
                />
                <span className="dw-muted dw-small">written in the exports folder of the folder Deepwire serves</span>
              </label>
            )}
          </fieldset>
          {busy && (
            <p className="dw-export__busy" role="status" data-testid="export-busy">
              Writing the export and checking it against the model…
            </p>
          )}
          {exists && (
            <div className="dw-problem" role="alert" data-testid="export-exists">
              <strong>{exists}</strong>
              <button
                type="button"
                className="btn btn--danger dw-export__replace"
                onClick={() => run(true)}
                data-testid="export-replace"
              >
                Replace it
              </button>
            </div>
          )}
          {error && (
            <div className="dw-problem" role="alert" data-testid="export-error">
              <strong>{error.message}</strong>
              {error.hint && <span>{error.hint}</span>}
            </div>
          )}
        </>
      )}
      <div className="modal__actions">
        <button type="button" className="btn" onClick={onClose} data-testid="export-close">
          {outcome ? 'Done' : 'Cancel'}
        </button>
        {!outcome && (
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy || !destination}
            onClick={() => run(false)}
            data-testid="export-submit"
          >
            {busy ? 'Exporting…' : 'Export'}
          </button>
        )}
      </div>
    </Modal>
  );
}

function ExportResult({ outcome }: { outcome: ExportOutcome }) {
  const check = outcome.check;
  return (
    <div className="dw-export__result" data-testid="export-result">
      <p>
        Wrote {EXPORT_FORMAT_INFO[outcome.format].title} to{' '}
        <span className="dw-mono" data-testid="export-dir">
          {outcome.dir}
        </span>
      </p>
      <ul className="dw-export__files">
        {outcome.files.map((f) => (
          <li key={f} className="dw-mono">
            {f}
          </li>
        ))}
      </ul>
      <p className={`dw-export__check dw-export__check--${check.status}`}>
        <span className="dw-export__badge" data-testid="export-check-status">
          {check.status === 'passed' ? 'Check passed' : check.status === 'failed' ? 'Check failed' : 'Not checked'}
        </span>{' '}
        <span data-testid="export-check-detail">{describeCheck(check)}</span>
      </p>
      <p className="dw-muted dw-small">
        README.md in the folder says how to load it; deepwire-export.json says what it is.
      </p>
    </div>
  );
}
