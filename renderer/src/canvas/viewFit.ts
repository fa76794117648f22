import { getViewportForBounds, type InternalNode, type Rect, type Viewport } from '@xyflow/react';
import { NODE_WIDTH } from './layout';

/** Room kept right of each node while a run shows activation thumbnails beside the nodes. */
export const THUMB_ROOM = 120;
/** Below this zoom a node's text cannot be read; fits never go smaller than that unless they must. */
const FIT_PADDING = 0.15;
const FIT_MAX_ZOOM = 1;
const MIN_ZOOM = 0.03;

/** The graph's box in flow coordinates, widened on the right for activation thumbnails. */
export function graphBounds(nodes: Iterable<InternalNode>, thumbs: boolean): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    const p = n.internals.positionAbsolute;
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + (n.measured.width ?? NODE_WIDTH) + (thumbs ? THUMB_ROOM : 0));
    y1 = Math.max(y1, p.y + (n.measured.height ?? 60));
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** Whether the whole box is on screen in a view of `size` at `transform` ([x, y, zoom]). */
export function isInView(
  b: Rect,
  [tx, ty, zoom]: readonly [number, number, number],
  size: { width: number; height: number },
) {
  const slack = 2;
  return (
    b.x * zoom + tx >= -slack &&
    b.y * zoom + ty >= -slack &&
    (b.x + b.width) * zoom + tx <= size.width + slack &&
    (b.y + b.height) * zoom + ty <= size.height + slack
  );
}

/** The viewport that shows the whole box, never zoomed in past 100% (what opening a project does). */
export function fittedViewport(b: Rect, size: { width: number; height: number }): Viewport {
  return getViewportForBounds(b, size.width, size.height, MIN_ZOOM, FIT_MAX_ZOOM, FIT_PADDING);
}
