import { useEffect, useState } from 'react';
import type { TemplateEntry } from '../../../shared/protocol/client';
import { useEngine } from '../engine/EngineProvider';
import { formatInt } from '../summary/format';
import { BROKEN_GROUP, CATEGORY_BLURBS, groupTemplates, type TemplateCategory } from './groupTemplates';
import { Modal } from './Modal';

const shapeText = (s?: (number | null)[]) => (s ? s.map((d) => d ?? '?').join(' × ') : null);

function TemplateCard({ t, onOpen }: { t: TemplateEntry; onOpen(t: TemplateEntry): void }) {
  if (!t.ok) {
    return (
      <li className="template-card is-broken" data-testid={`template-card-${t.id}`}>
        <div className="template-card__title">{t.title}</div>
        <p className="template-card__error" data-testid="template-error">
          This template cannot be opened: {t.error}
        </p>
      </li>
    );
  }
  return (
    <li className="template-card" data-testid={`template-card-${t.id}`}>
      <button type="button" className="template-card__button" onClick={() => onOpen(t)}>
        <span className="template-card__top">
          <span className="template-card__title">{t.title}</span>
          {t.params !== undefined && <span className="template-card__params">{formatInt(t.params)} params</span>}
        </span>
        {t.summary && <span className="template-card__summary">{t.summary}</span>}
        <span className="template-card__foot">
          {shapeText(t.inputShape) && <span>Input {shapeText(t.inputShape)}</span>}
          {t.dataset && <span>Data: {t.dataset}</span>}
        </span>
        {t.citation && <span className="template-card__citation">{t.citation}</span>}
      </button>
    </li>
  );
}

const blurb = (title: string) =>
  title === BROKEN_GROUP
    ? 'These files in templates/ have a problem; the reason is on each card.'
    : CATEGORY_BLURBS[title as TemplateCategory];

/**
 * The template gallery: a card per network in templates/, in sections (Basics first, simplest
 * first within each; see groupTemplates), with a broken file reported on its own card at the end.
 */
export function TemplateGallery({ onOpen, onClose }: { onOpen(t: TemplateEntry): void; onClose(): void }) {
  const client = useEngine();
  const [templates, setTemplates] = useState<TemplateEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.listTemplates().then(
      (list) => live && setTemplates(list),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [client]);
  return (
    <Modal title="Templates" onClose={onClose} className="modal--gallery" testId="template-gallery">
      <header className="gallery__header">
        <h2 className="modal__title">Open a template</h2>
        <p className="modal__text">Networks from the lecture and from science, ready to explore and train.</p>
        <button type="button" className="btn btn--ghost gallery__close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      {error && <p className="gallery__message">The templates could not be listed: {error}</p>}
      {!templates && !error && <p className="gallery__message">Loading templates…</p>}
      {templates && templates.length === 0 && <p className="gallery__message">No templates are installed.</p>}
      {templates &&
        groupTemplates(templates).map((group) => {
          const headingId = `gallery-group-${group.title.replace(/\W+/g, '-').toLowerCase()}`;
          const text = blurb(group.title);
          return (
            <section
              key={group.title}
              className="gallery__group"
              aria-labelledby={headingId}
              data-testid="template-group"
            >
              <h3 className="gallery__group-title" id={headingId}>
                {group.title}
              </h3>
              {text && <p className="gallery__group-text">{text}</p>}
              <ul className="gallery__grid">
                {group.templates.map((t) => (
                  <TemplateCard key={t.id} t={t} onOpen={onOpen} />
                ))}
              </ul>
            </section>
          );
        })}
    </Modal>
  );
}
