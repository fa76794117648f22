import { getViewportForBounds, type InternalNode, type Rect, type Viewport } from '@xyflow/react';
import { NODE_WIDTH } from './layout';

/** Room kept right of each node while a run shows activation thumbnails beside the nodes. */
export const THUMB_ROOM = 120;
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

/**
 * Automatic fits (opening a project, the panel below opening or resizing, thumbnails appearing)
 * never zoom out past this: below it a node's text is too small to read from the back of a room.
 * The Fit button still shows the whole graph at any zoom.
 */
export const READABLE_FIT_ZOOM = 0.6;
/** Room above the top node when a graph is shown from its top. */
const TOP_MARGIN = 24;

/** The horizontal span of the topmost node (where a reader starts: the Input), or null for none. */
export function topNodeSpan(nodes: Iterable<InternalNode>): { x: number; width: number } | null {
  let top: { x: number; y: number; width: number } | null = null;
  for (const n of nodes) {
    const p = n.internals.positionAbsolute;
    if (!top || p.y < top.y) top = { x: p.x, y: p.y, width: n.measured.width ?? NODE_WIDTH };
  }
  return top && { x: top.x, width: top.width };
}

/**
 * The viewport an automatic fit uses: the whole box when it fits at READABLE_FIT_ZOOM or more;
 * otherwise the box's top at that zoom, centred on the box when it is narrow enough and on the top
 * node when not, and the user scrolls down for the rest.
 */
export function readableViewport(
  b: Rect,
  size: { width: number; height: number },
  top: { x: number; width: number } | null,
): Viewport {
  const fitted = fittedViewport(b, size);
  if (fitted.zoom >= READABLE_FIT_ZOOM) return fitted;
  const zoom = READABLE_FIT_ZOOM;
  const centre = b.width * zoom <= size.width || !top ? b.x + b.width / 2 : top.x + top.width / 2;
  return { x: size.width / 2 - centre * zoom, y: TOP_MARGIN - b.y * zoom, zoom };
}

/** Whether the view is (still) at `v`, give or take a rounding: the user has not panned or zoomed. */
export const isAtViewport = ([tx, ty, zoom]: readonly [number, number, number], v: Viewport | null) =>
  !!v && Math.abs(tx - v.x) < 1 && Math.abs(ty - v.y) < 1 && Math.abs(zoom - v.zoom) < 1e-3;
