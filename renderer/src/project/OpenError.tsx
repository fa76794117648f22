import { useEditor } from '../store';

/** Why the last file could not be opened or saved; the canvas keeps what it had. */
export function OpenError() {
  const error = useEditor((s) => s.openError);
  const dismiss = useEditor((s) => s.showOpenError);
  if (!error) return null;
  return (
    <div className="open-error" role="alert" data-testid="open-error">
      <div className="open-error__body">
        <strong className="open-error__title">{error.title}</strong>
        <ul>
          {error.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="open-error__close" aria-label="Dismiss" onClick={() => dismiss(null)}>
        ×
      </button>
    </div>
  );
}
