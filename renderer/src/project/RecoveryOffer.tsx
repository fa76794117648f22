import { useEffect, useRef, useState } from 'react';
import { useEditor } from '../store';
import { Modal } from './Modal';
import {
  createRecoveryKeeper,
  localRecoveryStorage,
  parseRecovery,
  type RecoveredWork,
  type RecoveryKeeper,
  type RecoveryStorage,
} from './recovery';

type Offer = Extract<RecoveredWork, { ok: true }>;

/** The recovery storage of this page: the desktop app's file, else this server origin's localStorage. */
export function pageRecoveryStorage(): RecoveryStorage {
  return window.deepwire?.recovery ?? localRecoveryStorage(location.origin);
}

/** "10:14" today, "28 Nov, 10:14" on another day (the user's locale). */
export function formatSavedAt(at: Date, today: Date = new Date()): string {
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === today.toDateString()) return time;
  return `${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}

const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** Follows the editor's project into the keeper from now on; returns the unsubscribe function. */
function follow(keeper: RecoveryKeeper): () => void {
  const snapshot = () => {
    const { project, filePath, dirty } = useEditor.getState();
    return { project, filePath, dirty };
  };
  keeper.update(snapshot());
  return useEditor.subscribe((s, prev) => {
    if (s.project !== prev.project || s.dirty !== prev.dirty || s.filePath !== prev.filePath) keeper.update(snapshot());
  });
}

/**
 * At start, offers back the unsaved work a reload, crash or closed window left behind (issue 13,
 * item 5) — Restore or Discard, never restored without asking — and from then on keeps a copy of
 * the open project's unsaved changes. Nothing is copied while the offer is open, so the work on
 * offer is never overwritten before the user has chosen.
 */
export function RecoveryOffer({ storage }: { storage: RecoveryStorage }) {
  const [offer, setOffer] = useState<Offer | null>(null);
  const [keeper, setKeeper] = useState<RecoveryKeeper | null>(null);
  const [decided, setDecided] = useState(false);

  useEffect(() => {
    const { showOpenError } = useEditor.getState();
    const k = createRecoveryKeeper({
      storage,
      onError: (message) =>
        showOpenError({
          title: 'Your unsaved changes are not being kept in the background',
          details: [message, 'Save the project to keep your changes.'],
        }),
    });
    let live = true;
    const flush = () => void k.flush();
    // The page is going away (reload, closed tab): the copy waiting for its debounce goes now.
    window.addEventListener('pagehide', flush);
    storage.read().then(
      (text) => {
        if (!live) return;
        setKeeper(k);
        if (text === null) return setDecided(true);
        const found = parseRecovery(text);
        if (found.ok) return setOffer(found);
        showOpenError({
          title: 'Your unsaved work from last time could not be restored',
          details: [
            `The recovery copy was not usable: ${found.reason}`,
            'It was removed; your project files are untouched.',
          ],
        });
        setDecided(true);
      },
      (error: unknown) => {
        if (!live) return;
        setKeeper(k);
        setDecided(true);
        showOpenError({
          title: 'Unsaved work from last time could not be looked for',
          details: [error instanceof Error ? error.message : String(error)],
        });
      },
    );
    return () => {
      live = false;
      window.removeEventListener('pagehide', flush);
      void k.flush().then(() => k.dispose());
    };
  }, [storage]);

  // Once the user has chosen (or there was nothing to offer), the keeper follows the project: a
  // clean project at this point clears the copy, which is what Discard and a bad copy need.
  useEffect(() => (keeper && decided ? follow(keeper) : undefined), [keeper, decided]);

  // Restore has the focus, so Enter keeps the work (the Modal focuses the first button, Discard;
  // this effect runs after the Modal's own).
  const restoreButton = useRef<HTMLButtonElement>(null);
  useEffect(() => restoreButton.current?.focus(), [offer]);

  if (!offer) return null;
  const restore = () => {
    useEditor.getState().loadProject(offer.project, offer.filePath, { unsaved: true });
    setOffer(null);
    setDecided(true);
  };
  const discard = () => {
    setOffer(null);
    setDecided(true);
  };
  const name = offer.project.name || 'Untitled';
  const title = `Restore your unsaved work on “${name}” from ${formatSavedAt(offer.savedAt)}?`;
  return (
    // Escape or a click outside decides nothing: the copy is kept until Restore or Discard.
    <Modal title={title} onClose={() => {}} className="modal--confirm" testId="recovery-offer">
      <h2 className="modal__title">{title}</h2>
      <p className="modal__text">
        {offer.filePath
          ? `Deepwire closed with changes not saved to ${baseName(offer.filePath)}. Restore opens them as unsaved work (the file itself is untouched); Discard throws them away.`
          : 'Deepwire closed before this project was ever saved. Restore opens it as unsaved work; Discard throws it away.'}
      </p>
      <div className="modal__actions">
        <button type="button" className="btn" onClick={discard} data-testid="recovery-discard">
          Discard
        </button>
        <button
          type="button"
          className="btn btn--primary"
          ref={restoreButton}
          onClick={restore}
          data-testid="recovery-restore"
        >
          Restore
        </button>
      </div>
    </Modal>
  );
}
