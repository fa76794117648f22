import { useId, useState, type KeyboardEvent } from 'react';
import { nodeIdProblem } from '../../../shared/graph';
import { useEditor } from '../store';

/**
 * The selected layer's id, editable. The check runs as the user types (an invalid id is red with
 * the reason and never written); a valid one is written on Enter or on leaving the field, as one
 * undo step, so typing "hidden" is not six renames. Escape puts the current id back.
 */
export function NodeIdField({ id }: { id: string }) {
  const fieldId = useId();
  const renameNode = useEditor((s) => s.renameNode);
  const [draft, setDraft] = useState(id);
  // The id can change under the field (undo, another layer selected): show the new one. Set during
  // render rather than by remounting, so the field keeps focus after Enter renames the node.
  const [shownId, setShownId] = useState(id);
  if (shownId !== id) {
    setShownId(id);
    setDraft(id);
  }
  // A string or null, so moving a node (a new graph) does not re-render the field.
  const error = useEditor((s) => nodeIdProblem(s.project.graph, id, draft));

  const commit = () => {
    if (error || draft === id) return;
    renameNode(id, draft);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      // Only the field's own draft: the keypress should not also close or deselect anything.
      e.stopPropagation();
      setDraft(id);
    }
  };

  return (
    <div className="field inspector__name" data-testid="field-id">
      <label className="field__label" htmlFor={fieldId}>
        Name
      </label>
      <div className="field__control">
        <input
          id={fieldId}
          className={`field__input field__input--mono${error ? ' is-invalid' : ''}`}
          value={draft}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-error` : undefined}
          data-testid="inspector-id"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={commit}
        />
        {error && (
          <span className="field__error" id={`${fieldId}-error`} role="alert" data-testid="inspector-id-error">
            {error}
          </span>
        )}
      </div>
      {!error && <p className="field__doc">What the summary and the saved file call this layer; Enter renames it.</p>}
    </div>
  );
}
