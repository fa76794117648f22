import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, Position, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { ShapeFlowEdge } from './flowModel';

/**
 * The point at `t` on React Flow's bezier from a bottom handle to a top handle (its control points
 * sit half the vertical distance away, see calculateControlOffset in @xyflow/system).
 */
function pointOnEdge(sx: number, sy: number, tx: number, ty: number, t: number): [number, number] {
  const c = ty >= sy ? 0.5 * (ty - sy) : 0.25 * 25 * Math.sqrt(sy - ty);
  const [a, b, d, e] = [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3];
  return [a * sx + b * sx + d * tx + e * tx, a * sy + b * (sy + c) + d * (ty - c) + e * ty];
}

/** An edge with the shape of the tensor flowing along it, e.g. `(None, 26, 26, 32)`. */
function ShapeEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  selected,
}: EdgeProps<ShapeFlowEdge>) {
  const [path, midX, midY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const vertical = sourcePosition === Position.Bottom && targetPosition === Position.Top;
  const [labelX, labelY] =
    data && data.labelAt !== 0.5 && vertical
      ? pointOnEdge(sourceX, sourceY, targetX, targetY, data.labelAt)
      : [midX, midY];
  return (
    <>
      <BaseEdge id={id} path={path} className={selected ? 'is-selected' : undefined} />
      {data && (
        <EdgeLabelRenderer>
          <div
            className={`edge-shape${selected ? ' is-selected' : ''}${data.shape === '?' ? ' is-unknown' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-shape-${id}`}
          >
            {data.shape}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
