// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { InternalNode, Viewport } from '@xyflow/react';
import { useAutoFit, type FitApi } from './useAutoFit';
import { READABLE_FIT_ZOOM, THUMB_ROOM } from './viewFit';

/** A node as React Flow's lookup holds it (only what the fit reads). */
const node = (x: number, y: number) =>
  ({ internals: { positionAbsolute: { x, y } }, measured: { width: 200, height: 60 } }) as unknown as InternalNode;

/** A React Flow stand-in: a canvas of `size` showing `nodes`; fitView fits to `fitZoom`. */
function fakeFlow(nodes: InternalNode[], size: { width: number; height: number }, fitZoom: number) {
  const state = {
    nodeLookup: new Map(nodes.map((n, i) => [String(i), n])),
    transform: [0, 0, 1] as [number, number, number],
    ...size,
  };
  const setViewport = vi.fn((v: Viewport) => {
    state.transform = [v.x, v.y, v.zoom];
  });
  const api: FitApi = {
    fitView: vi.fn(async () => {
      state.transform = [10, 10, fitZoom];
      return true;
    }),
    getZoom: () => state.transform[2],
    setViewport,
    flowState: () => state,
  };
  return { api, state, setViewport };
}

let observed: (() => void) | null = null;
class FakeResizeObserver {
  constructor(cb: () => void) {
    observed = cb;
  }
  observe() {}
  disconnect() {}
}

function box(width: number, height: number) {
  const el = document.createElement('div');
  Object.defineProperty(el, 'clientWidth', { configurable: true, get: () => width });
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => height });
  return {
    ref: { current: el },
    resize(w: number, h: number) {
      [width, height] = [w, h];
      observed?.();
    },
  };
}

const yes = () => true;

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => (f(0), 1));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  observed = null;
});

describe('useAutoFit', () => {
  it('fits a newly opened graph that reads fitted, and nothing more', async () => {
    const { api, setViewport } = fakeFlow([node(0, 0), node(0, 100)], { width: 800, height: 600 }, 1);
    renderHook(() => useAutoFit(box(800, 600).ref, api, 1, false, yes));
    await waitFor(() => expect(api.fitView).toHaveBeenCalledTimes(1));
    expect(setViewport).not.toHaveBeenCalled();
  });

  it('opens a graph too tall to read fitted at its top, at the readable zoom', async () => {
    const tall = Array.from({ length: 40 }, (_, i) => node(0, i * 120));
    const { api, setViewport } = fakeFlow(tall, { width: 800, height: 600 }, 0.1);
    renderHook(() => useAutoFit(box(800, 600).ref, api, 1, false, yes));
    await waitFor(() => expect(setViewport).toHaveBeenCalled());
    const v = setViewport.mock.calls[0][0];
    expect(v.zoom).toBe(READABLE_FIT_ZOOM);
    expect(v.y).toBe(24); // the top node just below the canvas's top edge
  });

  it('does not fit an empty canvas, and fits again on the next load only', async () => {
    const { api } = fakeFlow([node(0, 0)], { width: 800, height: 600 }, 1);
    let empty = true;
    const hasNodes = () => !empty;
    const ref = box(800, 600).ref;
    const { rerender } = renderHook(({ seq }) => useAutoFit(ref, api, seq, false, hasNodes), {
      initialProps: { seq: 1 },
    });
    expect(api.fitView).not.toHaveBeenCalled();
    empty = false;
    rerender({ seq: 1 });
    expect(api.fitView).not.toHaveBeenCalled();
    rerender({ seq: 2 });
    await waitFor(() => expect(api.fitView).toHaveBeenCalledTimes(1));
  });

  it('refits a graph that was wholly in view when the canvas shrinks; re-centres one the user moved', async () => {
    const { api, state, setViewport } = fakeFlow([node(0, 0), node(0, 300)], { width: 800, height: 600 }, 1);
    const b = box(800, 600);
    renderHook(() => useAutoFit(b.ref, api, 1, false, yes));
    await waitFor(() => expect(api.fitView).toHaveBeenCalled());
    state.transform = [100, 100, 1]; // in view: 0..360 tall at y 100
    b.resize(800, 300);
    expect(setViewport).toHaveBeenCalledTimes(1);
    expect(setViewport.mock.calls[0][0].zoom).toBeLessThan(1);
    // The user pans far away (graph off screen): a resize keeps their centre.
    state.transform = [-2000, -2000, 1];
    b.resize(1000, 300);
    expect(setViewport.mock.calls[1][0]).toEqual({ x: -1900, y: -2000, zoom: 1 });
  });

  it('makes room for activation thumbnails when they appear beside a graph in view', async () => {
    // 700 wide: in view without thumbnails, not with them.
    const { api, state, setViewport } = fakeFlow([node(0, 0), node(500, 0)], { width: 800, height: 600 }, 1);
    const ref = box(800, 600).ref;
    const { rerender } = renderHook(({ thumbs }) => useAutoFit(ref, api, 1, thumbs, yes), {
      initialProps: { thumbs: false },
    });
    await waitFor(() => expect(api.fitView).toHaveBeenCalled());
    state.transform = [50, 0, 1];
    rerender({ thumbs: true });
    expect(setViewport).toHaveBeenCalledTimes(1);
    const [v, options] = setViewport.mock.calls[0] as unknown as [Viewport, { duration: number }];
    expect(options).toEqual({ duration: 200 });
    expect((700 + THUMB_ROOM) * v.zoom).toBeLessThanOrEqual(800);
  });
});
