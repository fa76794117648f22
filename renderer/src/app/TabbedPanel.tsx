import { useState, type ReactNode } from 'react';

/** A panel a shell can add to the layout (the training dashboard, an activation viewer). */
export interface PanelTab {
  id: string;
  title: string;
  render(): ReactNode;
}

/** Tabs over panels; with one tab it is just a titled panel. Inactive tabs are not rendered. */
export function TabbedPanel({ tabs, className, testId, collapsible }: {
  tabs: PanelTab[];
  className?: string;
  testId?: string;
  collapsible?: boolean;
}) {
  const [active, setActive] = useState(tabs[0]?.id);
  const [open, setOpen] = useState(true);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  return (
    <section className={`panel ${className ?? ''}${open ? '' : ' is-collapsed'}`} data-testid={testId}>
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
        <div className="panel__body" role="tabpanel">
          {current.render()}
        </div>
      )}
    </section>
  );
}
