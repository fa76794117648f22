import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog: an overlay, Escape and a click outside close it, focus moves in on open and
 * back where it was on close.
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
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('[data-autofocus], button, [href], input, select');
    first?.focus();
    return () => before?.focus?.();
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
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}
