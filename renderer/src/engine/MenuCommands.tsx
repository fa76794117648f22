import { useEffect } from 'react';
import type { MenuCommand } from '../../../shared/protocol/wire';
import { askConfirm } from '../project/confirm';
import { openProjectText, useProjectActions } from '../project/useProjectActions';
import { useEditor } from '../store';
import { onMenuCommand } from './hostClient';

/** Undo/Redo from the menu act on a focused text field like the keyboard would, else on the graph. */
function undoRedo(redo: boolean): void {
  const el = document.activeElement;
  if (el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) {
    document.execCommand(redo ? 'redo' : 'undo');
    return;
  }
  const store = useEditor.getState();
  if (redo) store.redo();
  else store.undo();
}

async function openRecent(file: { path: string; text: string }): Promise<void> {
  const { dirty, project } = useEditor.getState();
  if (
    dirty &&
    !(await askConfirm({
      title: 'Discard unsaved changes?',
      message: `“${project.name}” has changes that are not saved. They will be lost.`,
      confirmLabel: 'Discard changes',
      cancelLabel: 'Keep editing',
    }))
  ) {
    return;
  }
  openProjectText(file.text, file.path, file.path.split(/[/\\]/).pop() ?? file.path);
}

/**
 * Carries the desktop app's native menu (File, Edit) into the editor. Renders nothing; does
 * nothing outside Electron. Place it inside the EngineProvider.
 */
export function MenuCommands(): null {
  const actions = useProjectActions();
  useEffect(
    () =>
      onMenuCommand((message: MenuCommand) => {
        switch (message.command) {
          case 'new':
            return void actions.newProject();
          case 'open':
            return void actions.open();
          case 'save':
            return void actions.save();
          case 'saveAs':
            return void actions.saveAs();
          case 'import':
            return void actions.importModel();
          case 'undo':
            return undoRedo(false);
          case 'redo':
            return undoRedo(true);
          case 'openFile':
            return void openRecent(message.file);
          default: {
            const unknown: never = message;
            throw new Error(`Unknown menu command ${JSON.stringify(unknown)}`);
          }
        }
      }),
    [actions],
  );
  return null;
}
