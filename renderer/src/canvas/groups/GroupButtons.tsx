import { useEditor } from '../../store';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

/** Runs a group command; a refusal (nothing selected, a group cut through) shows in the canvas banner. */
export function runGroupCommand(command: 'group' | 'ungroup'): void {
  const s = useEditor.getState();
  const why = command === 'group' ? s.groupSelection() : s.ungroupSelection();
  if (why) s.showRefusal(why);
  else s.clearRefusal();
}

/** Toolbar buttons: Group the selected layers, Ungroup the selected group. */
export function GroupButtons() {
  const count = useEditor((s) => s.selectedNodes.length);
  const inGroup = useEditor((s) => {
    const groups = s.project.graph.groups;
    return !!groups?.length && s.selectedNodes.some((id) => groups.some((g) => g.members.includes(id)));
  });
  return (
    <>
      <button
        type="button"
        className="toolbar__btn"
        title={`Group the selected layers into one box you can collapse (${mod}G)`}
        onClick={() => runGroupCommand('group')}
        disabled={count === 0}
        data-testid="btn-group"
      >
        Group
      </button>
      <button
        type="button"
        className="toolbar__btn"
        title={`Remove the selected group; its layers stay (${mod}Shift+G)`}
        onClick={() => runGroupCommand('ungroup')}
        disabled={!inGroup}
        data-testid="btn-ungroup"
      >
        Ungroup
      </button>
    </>
  );
}
