import { Modal } from './Modal';
import { useConfirmState } from './confirm';

/** The confirmation asked for by `askConfirm` (discarding unsaved changes). */
export function ConfirmDialog() {
  const pending = useConfirmState((s) => s.pending);
  if (!pending) return null;
  return (
    <Modal
      title={pending.title}
      onClose={() => pending.resolve(false)}
      className="modal--confirm"
      testId="confirm-dialog"
    >
      <h2 className="modal__title">{pending.title}</h2>
      <p className="modal__text">{pending.message}</p>
      <div className="modal__actions">
        <button type="button" className="btn" onClick={() => pending.resolve(false)} data-testid="confirm-cancel">
          {pending.cancelLabel ?? 'Cancel'}
        </button>
        <button
          type="button"
          className="btn btn--danger"
          data-autofocus
          onClick={() => pending.resolve(true)}
          data-testid="confirm-ok"
        >
          {pending.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
