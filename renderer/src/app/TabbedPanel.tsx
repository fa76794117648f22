import { useRef, useState, type ReactNode } from 'react';
import { isNumber, readStored, writeStored } from './storedValue';
import { PanelResizeHandle } from './PanelResizeHandle';

/** A panel a shell can add to the layout (the training dashboard, an activation viewer). */
export interface PanelTab {
  id: string;
  title: string;
  render(): ReactNode;
}

/**
 * Tabs over panels; with one tab it is just a titled panel. Inactive tabs are not rendered.
 * `resizeKey` gives a bottom panel a grip on its top edge; the height the user leaves each tab at is
 * kept under that key (the summary and the training dashboard want different room).
 */
export function TabbedPanel({
  tabs,
  className,
  testId,
  collapsible,
  resizeKey,
  request,
}: {
  tabs: PanelTab[];
  className?: string;
  testId?: string;
  collapsible?: boolean;
  resizeKey?: string;
  /** Shows tab `id` (a toolbar command asking for a panel); a new `seq` asks again. */
  request?: { id: string; seq: number };
}) {
  const [active, setActive] = useState(tabs[0]?.id);
  const [open, setOpen] = useState(true);
  // A new request switches tabs while rendering (React's "adjusting state when a prop changes").
  const [seen, setSeen] = useState(request);
  if (request !== seen) {
    setSeen(request);
    if (request) {
      setActive(request.id);
      setOpen(true);
    }
  }
  const [heights, setHeights] = useState<Record<string, number | undefined>>(() =>
    resizeKey ? Object.fromEntries(tabs.map((t) => [t.id, readStored(`${resizeKey}:${t.id}`, isNumber)])) : {},
  );
  const body = useRef<HTMLDivElement>(null);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  const height = current ? heights[current.id] : undefined;
  const resize = (h: number | null) => {
    if (!resizeKey || !current) return;
    writeStored(`${resizeKey}:${current.id}`, h ?? undefined);
    setHeights((all) => ({ ...all, [current.id]: h ?? undefined }));
    // The handle may have set a height directly while dragging; the state decides from here.
    if (body.current) body.current.style.height = h === null ? '' : `${h}px`;
  };
  return (
    <section className={`panel ${className ?? ''}${open ? '' : ' is-collapsed'}`} data-testid={testId}>
      {resizeKey && open && (
        <PanelResizeHandle
          measure={() => body.current?.getBoundingClientRect().height ?? 0}
          preview={(h) => {
            if (body.current) body.current.style.height = `${h}px`;
          }}
          onChange={resize}
          testId={testId ? `${testId}-resize` : undefined}
        />
      )}
      <div className="panel__tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === current?.id}
            className="panel__tab"
            onClick={() => {
              setActive(t.id);
              setOpen(true);
            }}
            data-testid={`tab-${t.id}`}
          >
            {t.title}
          </button>
        ))}
        {collapsible && (
          <button
            type="button"
            className="panel__toggle"
            aria-expanded={open}
            aria-label={open ? 'Hide panel' : 'Show panel'}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '▾' : '▴'}
          </button>
        )}
      </div>
      {open && current && (
        <div ref={body} className="panel__body" role="tabpanel" style={height !== undefined ? { height } : undefined}>
          {current.render()}
        </div>
      )}
    </section>
  );
}
