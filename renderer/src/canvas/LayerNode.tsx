import { memo, useEffect, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { CATEGORY_COLORS } from './categoryColors';
import type { LayerFlowNode } from './flowModel';
import { formatCount } from '../summary/format';
import { NodeActivationThumb } from '../training/activations/NodeActivationThumb';

/** Input handles spread evenly along the top edge. */
const handleLeft = (i: number, n: number) => `${((i + 1) / (n + 1)) * 100}%`;

/**
 * A layer on the canvas: a header in its category's colour with the kind, then the key params,
 * the output shape and the weight count. A node with a problem turns red and says what and why.
 */
function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const updateNodeInternals = useUpdateNodeInternals();
  const handles = data.targetHandles;
  // React Flow measures handles when a node mounts; a merge node that grows a handle when an input
  // is connected must say so. Not on mount: 180 nodes each asking would re-measure 180 times.
  const measuredHandles = useRef(handles);
  useEffect(() => {
    if (measuredHandles.current === handles) return;
    measuredHandles.current = handles;
    updateNodeInternals(id);
  }, [id, handles, updateNodeInternals]);
  const problemClass = data.severity === 'error' ? ' has-error' : data.severity === 'warning' ? ' has-warning' : '';
  return (
    <div
      className={`layer-node${selected ? ' is-selected' : ''}${problemClass}`}
      data-testid={`node-${id}`}
      data-kind={data.kind}
      style={{ '--cat': CATEGORY_COLORS[data.category] } as React.CSSProperties}
      title={data.problem ? `${data.problem}${data.hint ? `\n\n${data.hint}` : ''}` : undefined}
    >
      {Array.from({ length: handles }, (_, i) => (
        <Handle
          key={i}
          id={`in-${i}`}
          type="target"
          position={Position.Top}
          style={handles > 1 ? { left: handleLeft(i, handles) } : undefined}
          data-testid={`handle-in-${id}-${i}`}
        />
      ))}
      <div className="layer-node__header">
        <span className="layer-node__kind">{data.kind}</span>
        <span className="layer-node__id" title={id}>
          {id}
        </span>
      </div>
      <div className="layer-node__body">
        {data.describe && <div className="layer-node__describe">{data.describe}</div>}
        <div className="layer-node__meta">
          <span className="layer-node__shape" data-testid={`shape-${id}`} title={String(data.shape)}>
            {data.shape}
          </span>
          <span className="layer-node__params">
            {data.paramCount > 0 ? `${formatCount(data.paramCount)} params` : ''}
          </span>
        </div>
        {data.problem && (
          <div className="layer-node__problem" data-testid={`problem-${id}`}>
            {data.problem}
          </div>
        )}
      </div>
      {/* While a run trains: this layer's latest activations, beside the node (renderer/src/training). */}
      <NodeActivationThumb nodeId={id} />
      <Handle id="out" type="source" position={Position.Bottom} data-testid={`handle-out-${id}`} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
