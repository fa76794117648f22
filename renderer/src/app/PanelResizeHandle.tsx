import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/** Room the canvas keeps above a panel dragged as tall as it goes. */
const CANVAS_MIN = 160;
const PANEL_MIN = 120;
const STEP = 24;

const clampHeight = (h: number) =>
  Math.round(Math.max(PANEL_MIN, Math.min(h, Math.max(PANEL_MIN, window.innerHeight - 48 - 36 - CANVAS_MIN))));

/**
 * The grip on a bottom panel's top edge: drag it (or focus it and press ↑/↓) to change the panel's
 * height; double-click to go back to the default. While dragging, `preview` sets the height on the
 * element directly so the panel's contents do not re-render on every pointer move; `onChange` gets
 * the final height (or null for the default).
 */
export function PanelResizeHandle({
  measure,
  preview,
  onChange,
  testId,
}: {
  /** The panel body's height now. */
  measure(): number;
  preview(height: number): void;
  onChange(height: number | null): void;
  testId?: string;
}) {
  const drag = useRef<{ y: number; h: number; id: number } | null>(null);
  const current = measure;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, h: current(), id: e.pointerId };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    preview(clampHeight(d.h + d.y - e.clientY));
  };
  const end = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    drag.current = null;
    onChange(clampHeight(d.h + d.y - e.clientY));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const delta = e.key === 'ArrowUp' ? STEP : e.key === 'ArrowDown' ? -STEP : 0;
    if (!delta) return;
    e.preventDefault();
    onChange(clampHeight(current() + delta));
  };

  return (
    <div
      className="panel__resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize panel (drag, or ↑ and ↓)"
      title="Drag to resize. Double-click for the default height."
      tabIndex={0}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onKeyDown={onKeyDown}
      onDoubleClick={() => onChange(null)}
    />
  );
}
