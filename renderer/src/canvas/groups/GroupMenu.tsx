import { useEffect, useRef } from 'react';
import { useEditor } from '../../store';
import { runGroupCommand } from './GroupButtons';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

export interface GroupMenuAt {
  /** Where, in the canvas box. */
  x: number;
  y: number;
  /** The group right-clicked (its node or frame), or null for layers. */
  groupId: string | null;
}

/** The canvas's right-click menu: group the selection, ungroup, open or collapse a group. */
export function GroupMenu({ at, close }: { at: GroupMenuAt; close(): void }) {
  const box = useRef<HTMLDivElement>(null);
  const group = useEditor((s) => (at.groupId ? s.project.graph.groups?.find((g) => g.id === at.groupId) : undefined));
  useEffect(() => {
    box.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);
  const run = (f: () => void) => () => {
    f();
    close();
  };
  return (
    <div
      className="group-menu"
      role="menu"
      ref={box}
      style={{ left: at.x, top: at.y }}
      data-testid="group-menu"
      onContextMenu={(e) => e.preventDefault()}
    >
      {group && (
        <button
          type="button"
          role="menuitem"
          onClick={run(() => useEditor.getState().setGroupCollapsed(group.id, !group.collapsed))}
        >
          {group.collapsed ? `Open “${group.label}”` : `Collapse “${group.label}”`}
        </button>
      )}
      <button type="button" role="menuitem" onClick={run(() => runGroupCommand('group'))}>
        Group selection <kbd>{mod}G</kbd>
      </button>
      <button type="button" role="menuitem" onClick={run(() => runGroupCommand('ungroup'))}>
        Ungroup <kbd>{mod}Shift+G</kbd>
      </button>
    </div>
  );
}
