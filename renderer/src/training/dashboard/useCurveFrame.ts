import { useEffect, useRef, useState } from 'react';
import { cancelTick, requestTick } from './curveClock';
import { onCurves } from '../runs/runsStore';

/**
 * Calls `draw` on the next curve tick after any of `runIds`' curves grew (and once when the run ids
 * change). The callback may change between renders; the latest one is called.
 */
export function useCurveFrames(runIds: readonly string[], draw: () => void): void {
  const latest = useRef(draw);
  useEffect(() => {
    latest.current = draw;
  });
  const key = runIds.join('\u0000');
  useEffect(() => {
    const ids = new Set(key ? key.split('\u0000') : []);
    const run = () => latest.current();
    const off = onCurves((id) => ids.has(id) && requestTick(run));
    requestTick(run);
    return () => {
      off();
      cancelTick(run);
    };
  }, [key]);
}

/**
 * A counter that moves on the curve tick after the run's curves grew: for text that follows the
 * batches (progress, latest loss) without re-rendering React on every event.
 */
export function useCurveTick(runId: string | null): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!runId) return;
    const bump = () => setTick((t) => t + 1);
    const off = onCurves((id) => id === runId && requestTick(bump));
    return () => {
      off();
      cancelTick(bump);
    };
  }, [runId]);
  return tick;
}
