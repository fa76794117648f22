import { memo, useRef, useState, type MouseEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { formatCount } from '../../summary/format';
import { useEditor } from '../../store';
import type { GroupFlowNode } from './groupFlow';
import './groups.css';

const open = (groupId: string, collapsed: boolean) => useEditor.getState().setGroupCollapsed(groupId, collapsed);
/** A toggle's click is not also a click on the node (which would select all its layers). */
const toggle = (groupId: string, collapsed: boolean) => (e: MouseEvent) => {
  e.stopPropagation();
  open(groupId, collapsed);
};

/** A group's name; double-click to rename it (Enter keeps, Escape cancels). */
function GroupLabel({ groupId, label, className }: { groupId: string; label: string; className: string }) {
  const [editing, setEditing] = useState(false);
  // Escape ends editing; a blur that the browser may send as the field goes must not then rename.
  const cancelled = useRef(false);
  if (editing) {
    const done = (value: string | null) => {
      if (value === null) cancelled.current = true;
      setEditing(false);
      if (value !== null && !cancelled.current) useEditor.getState().renameGroup(groupId, value.trim());
    };
    return (
      <input
        className="group-node__rename nodrag"
        aria-label="Group name"
        defaultValue={label}
        autoFocus
        onFocus={(e) => e.target.select()}
        onBlur={(e) => done(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          else if (e.key === 'Escape') done(null);
        }}
        data-testid={`rename-${groupId}`}
      />
    );
  }
  return (
    <span
      className={className}
      title="Double-click to rename"
      onDoubleClick={(e) => {
        e.stopPropagation();
        cancelled.current = false;
        setEditing(true);
      }}
    >
      {label}
    </span>
  );
}

/** A collapsed group: one node with its name, size and input → output shape; Open shows its layers in place. */
function GroupNodeView({ data, selected }: NodeProps<GroupFlowNode>) {
  return (
    <div
      className={`group-node${selected ? ' is-selected' : ''}`}
      data-testid={`group-${data.groupId}`}
      onDoubleClick={() => open(data.groupId, false)}
      title={`${data.label}: ${data.layers} layers. Double-click or press Open to show them.`}
    >
      <Handle id="in-0" type="target" position={Position.Top} />
      <div className="group-node__header">
        <GroupLabel groupId={data.groupId} label={data.label} className="group-node__label" />
        <button
          type="button"
          className="group-node__toggle nodrag"
          onClick={toggle(data.groupId, false)}
          aria-label={`Open group ${data.label}`}
          data-testid={`expand-${data.groupId}`}
        >
          ▸ Open
        </button>
      </div>
      <div className="group-node__body">
        <div className="group-node__counts">
          {data.layers} layers · {formatCount(data.params)} params
        </div>
        <div className="group-node__shapes" title={`${data.inShape} → ${data.outShape}`}>
          {data.inShape} → {data.outShape}
        </div>
      </div>
      <Handle id="out" type="source" position={Position.Bottom} />
    </div>
  );
}

/** An open group: a labelled frame behind its layers; its bar drags the whole group, Collapse folds it. */
function GroupFrameView({ data, selected }: NodeProps<GroupFlowNode>) {
  return (
    <div className={`group-frame${selected ? ' is-selected' : ''}`} data-testid={`frame-${data.groupId}`}>
      <div className="group-frame__bar">
        <GroupLabel groupId={data.groupId} label={data.label} className="group-frame__label" />
        <span className="group-frame__counts">
          {data.layers} layers · {formatCount(data.params)} params
        </span>
        <button
          type="button"
          className="group-node__toggle nodrag"
          onClick={toggle(data.groupId, true)}
          aria-label={`Collapse group ${data.label}`}
          data-testid={`collapse-${data.groupId}`}
        >
          ▾ Collapse
        </button>
      </div>
    </div>
  );
}

export const GroupNode = memo(GroupNodeView);
export const GroupFrame = memo(GroupFrameView);
