import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { FitViewOptions, InternalNode, Viewport } from '@xyflow/react';
import { READABLE_FIT_ZOOM, graphBounds, isAtViewport, isInView, readableViewport, topNodeSpan } from './viewFit';

/** The parts of React Flow the automatic fit uses (injected, so the hook is tested without a canvas). */
export interface FitApi {
  fitView(options: FitViewOptions): Promise<boolean>;
  getZoom(): number;
  setViewport(viewport: Viewport, options?: { duration?: number }): unknown;
  /** React Flow's store: the measured nodes, the view transform and the canvas size. */
  flowState(): {
    nodeLookup: Map<string, InternalNode>;
    transform: [number, number, number];
    width: number;
    height: number;
  };
}

export const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1 };

/**
 * The canvas's automatic view: fits a newly opened project (a graph too tall to read fitted opens
 * at its top at a readable zoom), keeps the graph in view when the canvas changes size, and makes
 * room for activation thumbnails when they appear. A view the user panned or zoomed is left alone
 * (only re-centred when the canvas resizes).
 *
 * `loadSeq` counts project loads; `hasNodes` (a stable function) says whether there is anything to fit.
 */
export function useAutoFit(
  box: RefObject<HTMLElement | null>,
  api: FitApi,
  loadSeq: number,
  thumbs: boolean,
  hasNodes: () => boolean,
): void {
  // The last viewport an automatic fit chose. While the view is still there (the user has not
  // panned or zoomed), the next automatic fit may replace it even when the graph was not wholly in
  // view: a tall graph shown from its top is refitted when the panel below it opens.
  const autoView = useRef<Viewport | null>(null);
  const autoFit = useCallback(
    (size: { width: number; height: number }, withThumbs: boolean, duration?: number) => {
      const { nodeLookup } = api.flowState();
      const b = graphBounds(nodeLookup.values(), withThumbs);
      if (!b) return;
      autoView.current = readableViewport(b, size, topNodeSpan(nodeLookup.values()));
      void api.setViewport(autoView.current, duration ? { duration } : undefined);
    },
    [api],
  );

  // A newly opened project is fitted once React Flow has measured its nodes (fitView waits for that).
  useEffect(() => {
    // Not React Flow's `fitView` prop: on an empty canvas it would wait for the first node the
    // user drops and then jump the view to it.
    if (!hasNodes()) return;
    let live = true;
    void api.fitView(FIT_VIEW_OPTIONS).then(() => {
      if (!live) return;
      const { width, height, transform } = api.flowState();
      autoView.current = { x: transform[0], y: transform[1], zoom: transform[2] };
      if (api.getZoom() < READABLE_FIT_ZOOM) autoFit({ width, height }, false);
      performance.mark('deepwire:rendered');
    });
    return () => {
      live = false;
    };
  }, [loadSeq, api, autoFit, hasNodes]);

  // Keep the graph in view when the canvas changes size (the bottom panel opened, resized or
  // closed): a graph that was wholly visible, or that an automatic fit showed, is fitted again
  // (never below the readable zoom); one the user is exploring keeps its centre where it was.
  const thumbsRef = useRef(thumbs);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let last = { width: el.clientWidth, height: el.clientHeight };
    let frame = 0;
    const observer = new ResizeObserver(() => {
      const before = last;
      const now = { width: el.clientWidth, height: el.clientHeight };
      if (now.width === before.width && now.height === before.height) return;
      last = now;
      const { transform, nodeLookup } = api.flowState();
      const b = graphBounds(nodeLookup.values(), thumbsRef.current);
      if (!b || !before.width || !before.height) return;
      const refit = isInView(b, transform, before) || isAtViewport(transform, autoView.current);
      cancelAnimationFrame(frame);
      // After React Flow has taken the new size (its own observer runs in the same round).
      frame = requestAnimationFrame(() => {
        if (refit) autoFit(now, thumbsRef.current);
        else
          void api.setViewport({
            x: transform[0] + (now.width - before.width) / 2,
            y: transform[1] + (now.height - before.height) / 2,
            zoom: transform[2],
          });
      });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [box, api, autoFit]);

  // Thumbnails appearing beside the nodes widen the graph: refit when it was in view or auto-fitted.
  useEffect(() => {
    const had = thumbsRef.current;
    thumbsRef.current = thumbs;
    if (!thumbs || had) return;
    const { transform, nodeLookup, width, height } = api.flowState();
    const without = graphBounds(nodeLookup.values(), false);
    const withThumbs = graphBounds(nodeLookup.values(), true);
    const size = { width, height };
    if (!without || !withThumbs || isInView(withThumbs, transform, size)) return;
    if (isInView(without, transform, size) || isAtViewport(transform, autoView.current)) autoFit(size, true, 200);
  }, [thumbs, api, autoFit]);
}
