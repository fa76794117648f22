import { useEffect, useRef, useState } from 'react';
import { onCurves } from './runsStore';

/**
 * Calls `draw` at most once per animation frame after any of `runIds`' curves grew (and once when
 * the run ids change). The callback may change between renders; the latest one is called.
 */
export function useCurveFrames(runIds: readonly string[], draw: () => void): void {
  const latest = useRef(draw);
  useEffect(() => {
    latest.current = draw;
  });
  const key = runIds.join('\u0000');
  useEffect(() => {
    const ids = new Set(key ? key.split('\u0000') : []);
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        latest.current();
      });
    };
    const off = onCurves((id) => ids.has(id) && schedule());
    schedule();
    return () => {
      off();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [key]);
}

/**
 * A counter that moves when the run's curves grew, at most every `intervalMs`: for text that
 * follows the batches (progress, latest loss) without re-rendering React on every event.
 */
export function useCurveTick(runId: string | null, intervalMs = 100): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!runId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const off = onCurves((id) => {
      if (id !== runId || timer) return;
      const wait = Math.max(0, last + intervalMs - performance.now());
      timer = setTimeout(() => {
        timer = undefined;
        last = performance.now();
        setTick((t) => t + 1);
      }, wait);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [runId, intervalMs]);
  return tick;
}
