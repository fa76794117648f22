import { useEffect, useRef, type ReactNode } from 'react';

/** Open dialogs, innermost last: only the innermost takes Escape and Tab. */
const openDialogs: HTMLElement[] = [];

/** The dialog keys go to: the last opened of those with no other open dialog inside them. */
const innermost = () => openDialogs.filter((d) => !openDialogs.some((o) => o !== d && d.contains(o))).at(-1);

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: an overlay, Escape and a click outside close it, focus moves in on open and
 * back where it was on close, and Tab cycles inside it. (Tab used to walk out to the page behind,
 * after which Escape no longer reached the dialog: issue 14.7.)
 */
export function Modal({
  title,
  onClose,
  children,
  className,
  testId,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('[data-autofocus], button, [href], input, select');
    first?.focus();
    // On the document, so Escape closes the dialog wherever focus is.
    const me = box.current;
    if (me) openDialogs.push(me);
    const onKey = (e: KeyboardEvent) => {
      if (!me || innermost() !== me) return;
      if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = [...me.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (!items.length) return;
      const at = items.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (at <= 0 ? items.length - 1 : at - 1) : at === items.length - 1 || at < 0 ? 0 : at + 1;
      e.preventDefault();
      items[next].focus();
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      const at = me ? openDialogs.indexOf(me) : -1;
      if (at >= 0) openDialogs.splice(at, 1);
      before?.focus?.();
    };
  }, []);
  return (
    <div className="modal__overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        className={`modal ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
      >
        {children}
      </div>
    </div>
  );
}
