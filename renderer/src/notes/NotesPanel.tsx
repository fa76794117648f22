import { useEditor } from '../store';
import { parseNote } from '../../../shared/project/noteRefs';
import { useFocusNode } from '../summary/useFocusNode';
import './notes.css';

/** One note: its text, with each node reference a link that selects and centres that layer. */
function Note({ note, ids, focus }: { note: string; ids: Set<string>; focus(id: string): void }) {
  return (
    <>
      {parseNote(note).map((seg, i) =>
        seg.node === undefined ? (
          <span key={i}>{seg.text}</span>
        ) : (
          <button
            key={i}
            type="button"
            className="note-ref"
            disabled={!ids.has(seg.node)}
            title={ids.has(seg.node) ? `Select ${seg.node} on the canvas` : `There is no layer "${seg.node}" any more`}
            data-testid={`note-ref-${seg.node}`}
            onClick={() => focus(seg.node!)}
          >
            {seg.text}
          </button>
        ),
      )}
    </>
  );
}

/**
 * The open project's notes: a template's summary, teaching notes (whose layer references select and
 * centre that layer on the canvas), where it departs from the paper, and its citation; a project's
 * own description. They come from the project file, so they stay after editing and saving.
 */
export function NotesPanel() {
  const template = useEditor((s) => s.project.template);
  const description = useEditor((s) => s.project.description);
  const nodes = useEditor((s) => s.project.graph.nodes);
  const focus = useFocusNode();
  const ids = new Set(nodes.map((n) => n.id));
  const deviations = (template?.deviations as string[] | undefined) ?? [];
  if (!template && !description) {
    return (
      <div className="notes" data-testid="notes-panel">
        <p className="notes__empty">
          This project has no notes. Templates carry their summary, teaching notes and citation here: open one with
          Templates.
        </p>
      </div>
    );
  }
  return (
    <div className="notes" data-testid="notes-panel">
      {template && <h3 className="notes__title">{template.title}</h3>}
      {template?.summary && <p className="notes__summary">{template.summary}</p>}
      {description && description !== template?.summary && <p className="notes__summary">{description}</p>}
      {template && template.teachingNotes.length > 0 && (
        <section>
          <h4 className="notes__heading">What to look at</h4>
          <ul className="notes__list" data-testid="teaching-notes">
            {template.teachingNotes.map((note) => (
              <li key={note}>
                <Note note={note} ids={ids} focus={focus} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {deviations.length > 0 && (
        <details className="notes__deviations">
          <summary>Where this template departs from the paper ({deviations.length})</summary>
          <ul className="notes__list">
            {deviations.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </details>
      )}
      {template?.citation && (
        <p className="notes__citation" data-testid="notes-citation">
          {template.citation}
        </p>
      )}
    </div>
  );
}
