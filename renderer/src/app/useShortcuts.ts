import { useEffect } from 'react';
import { useEditor } from '../store';
import type { ProjectActions } from '../project/useProjectActions';
import { runGroupCommand } from '../canvas/groups/GroupButtons';

/** Typing in a field keeps its own keys (text undo, Backspace, copy). */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The editor's keyboard: undo/redo, copy/paste, delete, save and open, group/ungroup (G, Shift+G). Cmd on a Mac, Ctrl elsewhere.
 * Not while a dialog is open or focus is in a field.
 */
export function useShortcuts(actions: ProjectActions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isEditable(e.target) || document.querySelector('[aria-modal="true"]')) return;
      const s = useEditor.getState();
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z') {
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && key === 'y') s.redo();
      else if (mod && key === 'c') s.copySelection();
      else if (mod && key === 'v') s.paste();
      else if (mod && key === 's') void (e.shiftKey ? actions.saveAs() : actions.save());
      else if (mod && key === 'o') void actions.open();
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) s.deleteSelection();
      else if (mod && key === 'g') runGroupCommand(e.shiftKey ? 'ungroup' : 'group');
      else if (mod && key === 'a') s.select(s.project.graph.nodes.map((n) => n.id));
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}

/** Warns before the window closes with unsaved changes. */
export function useUnsavedGuard(): void {
  const dirty = useEditor((s) => s.dirty);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}
