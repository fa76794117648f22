const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * How to move around the canvas, always in view beside the zoom buttons: the wheel scrolls (a tall
 * network reads on downwards like a page), Ctrl/⌘ + wheel or a pinch zooms, Fit shows everything.
 */
export function ZoomHint() {
  return (
    <div className="canvas__hint" data-testid="zoom-hint">
      <kbd>Scroll</kbd> moves · <kbd>{isMac ? '⌘' : 'Ctrl'} + scroll</kbd> or pinch zooms · <kbd>Fit</kbd> shows the
      whole network
    </div>
  );
}
