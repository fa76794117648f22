import type { ReactNode } from 'react';
import { ImportStatus } from './ImportStatus';
import { useReactFlow } from '@xyflow/react';
import { useEditor } from '../store';
import { GroupButtons } from '../canvas/groups/GroupButtons';
import type { ProjectActions } from './useProjectActions';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

function ToolButton({
  label,
  title,
  onClick,
  disabled,
  testId,
}: {
  label: string;
  title: string;
  onClick(): void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <button
      type="button"
      className="toolbar__btn"
      title={title}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
    >
      {label}
    </button>
  );
}

/**
 * The top bar: project name and file commands, undo/redo, layout and view. `extras` is where a
 * shell adds its own commands (a Train button) on the right.
 */
export function Toolbar({
  actions,
  onTemplates,
  onNotes,
  extras,
}: {
  actions: ProjectActions;
  onTemplates(): void;
  /** Shows the project's notes (a template's summary, teaching notes, citation). */
  onNotes?(): void;
  extras?: ReactNode;
}) {
  const name = useEditor((s) => s.project.name);
  const dirty = useEditor((s) => s.dirty);
  const canUndo = useEditor((s) => s.undoStack.length > 0);
  const canRedo = useEditor((s) => s.redoStack.length > 0);
  const rename = useEditor((s) => s.renameProject);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const autoLayout = useEditor((s) => s.autoLayout);
  const { fitView } = useReactFlow();
  const fit = () => void fitView({ padding: 0.15, maxZoom: 1.25, duration: 200 });
  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="toolbar__brand" aria-hidden>
        <span className="toolbar__logo" />
        <span className="toolbar__brand-name">Deepwire</span>
      </div>
      <div className="toolbar__project">
        <input
          className="toolbar__name"
          aria-label="Project name"
          value={name}
          size={Math.max(8, Math.min(32, name.length + 1))}
          onChange={(e) => rename(e.target.value)}
          data-testid="project-name"
        />
        {dirty && <span className="toolbar__dirty" title="Unsaved changes" data-testid="dirty-indicator" />}
      </div>
      <nav className="toolbar__group" aria-label="File">
        <ToolButton label="New" title="New project" onClick={actions.newProject} testId="btn-new" />
        <ToolButton label="Open…" title={`Open a project file (${mod}O)`} onClick={actions.open} testId="btn-open" />
        <ToolButton
          label="Import…"
          title="Import a model: ONNX (from PyTorch), Keras (.keras, .h5) or TF.js (model.json with its weights)"
          onClick={actions.importModel}
          testId="btn-import"
        />
        <ToolButton label="Save" title={`Save (${mod}S)`} onClick={actions.save} testId="btn-save" />
        <ToolButton
          label="Save As…"
          title={`Save as a new file (${mod}Shift+S)`}
          onClick={actions.saveAs}
          testId="btn-save-as"
        />
        <ToolButton label="Templates" title="Open a template network" onClick={onTemplates} testId="btn-templates" />
      </nav>
      <nav className="toolbar__group" aria-label="Edit">
        <ToolButton label="Undo" title={`Undo (${mod}Z)`} onClick={undo} disabled={!canUndo} testId="btn-undo" />
        <ToolButton label="Redo" title={`Redo (${mod}Shift+Z)`} onClick={redo} disabled={!canRedo} testId="btn-redo" />
        <GroupButtons />
      </nav>
      <nav className="toolbar__group" aria-label="View">
        <ToolButton label="Tidy up" title="Lay the graph out top to bottom" onClick={autoLayout} testId="btn-layout" />
        <ToolButton label="Fit" title="Fit the whole graph in view" onClick={fit} testId="btn-fit" />
        {onNotes && (
          <ToolButton
            label="Notes"
            title="The project’s notes: a template’s summary, what to look at (links select the layer), its citation"
            onClick={onNotes}
            testId="btn-notes"
          />
        )}
      </nav>
      <div className="toolbar__spacer" />
      {extras && <div className="toolbar__extras">{extras}</div>}
      <ImportStatus />
    </header>
  );
}
