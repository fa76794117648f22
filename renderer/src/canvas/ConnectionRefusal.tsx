import { useEffect } from 'react';
import { useEditor } from '../store';

/** How long a refusal stays up unless the user dismisses it or connects something. */
const SHOW_MS = 8000;

/** Why the connection the user just tried cannot work, shown over the canvas. */
export function ConnectionRefusal() {
  const refusal = useEditor((s) => s.refusal);
  const clear = useEditor((s) => s.clearRefusal);
  useEffect(() => {
    if (!refusal) return;
    const t = setTimeout(clear, SHOW_MS);
    return () => clearTimeout(t);
  }, [refusal, clear]);
  if (!refusal) return null;
  return (
    <div className="refusal" role="status" aria-live="polite" data-testid="connection-refusal">
      <span className="refusal__title">Can’t connect</span>
      <span className="refusal__message">{refusal.message}</span>
      <button type="button" className="refusal__close" aria-label="Dismiss" onClick={clear}>
        ×
      </button>
    </div>
  );
}
