import { memo, type MouseEvent } from 'react';
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
        <span className="group-node__label">{data.label}</span>
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
        <span className="group-frame__label">{data.label}</span>
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
