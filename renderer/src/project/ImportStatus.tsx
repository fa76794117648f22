import { useImportStatus } from './importStatus';
import './importStatus.css';

/** The import's progress and outcome, in a card under the toolbar until dismissed. */
export function ImportStatus() {
  const status = useImportStatus((s) => s.status);
  const dismiss = useImportStatus((s) => s.set);
  if (!status) return null;
  return (
    <div
      className={`import-status is-${status.state}`}
      role={status.state === 'failed' ? 'alert' : 'status'}
      data-testid="import-status"
      data-state={status.state}
    >
      <div className="import-status__body">
        <strong className="import-status__title">{status.title}</strong>
        {status.details.length > 0 && (
          <ul>
            {status.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      {status.state !== 'running' && (
        <button type="button" className="import-status__close" aria-label="Dismiss" onClick={() => dismiss(null)}>
          ×
        </button>
      )}
    </div>
  );
}
