/**
 * How often anything that follows the curves (charts, the progress numbers) is brought up to date.
 * A small model streams a batch every few milliseconds; redrawing each frame repainted and
 * committed the page 60 times a second for changes no one can follow. Ten times a second still
 * reads as live.
 */
export const CURVE_INTERVAL_MS = 100;

/**
 * One clock for every chart and counter: their updates land in the same animation frame, so the
 * page is painted and committed once per tick rather than once per chart.
 */
const pending = new Set<() => void>();
let frame = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let last = -Infinity;

function flush(): void {
  frame = 0;
  last = performance.now();
  const due = [...pending];
  pending.clear();
  for (const fn of due) fn();
}

/** Calls `fn` on the next tick (once, however often it is requested before then). */
export function requestTick(fn: () => void): void {
  pending.add(fn);
  if (frame || timer) return;
  const wait = last + CURVE_INTERVAL_MS - performance.now();
  if (wait <= 0) frame = requestAnimationFrame(flush);
  else
    timer = setTimeout(() => {
      timer = undefined;
      frame = requestAnimationFrame(flush);
    }, wait);
}

/**
 * Forgets a requested call (its component went away). With nothing left to call, the waiting timer
 * and frame go too: no empty frame is requested, and no timer outlives the page (or a test's page).
 */
export function cancelTick(fn: () => void): void {
  pending.delete(fn);
  if (pending.size > 0) return;
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (frame) cancelAnimationFrame(frame);
  frame = 0;
}
