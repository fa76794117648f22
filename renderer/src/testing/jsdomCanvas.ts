/**
 * jsdom has no canvas: its getContext reports "Not implemented" on the console and returns nothing.
 * The app already draws only where a 2-D context exists (pixels.ts `canDraw`), so in component tests
 * getContext quietly answers null instead. A setup file for every test; it does nothing outside jsdom.
 */
if (typeof HTMLCanvasElement !== 'undefined') {
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
}

/** Nor matchMedia, which uPlot reads (for the device pixel ratio) when it is imported. */
if (typeof window !== 'undefined') {
  window.matchMedia ??= ((query: string) =>
    ({
      matches: false,
      media: query,
      addEventListener() {},
      removeEventListener() {},
      addListener() {},
      removeListener() {},
    }) as unknown as MediaQueryList) as typeof window.matchMedia;
}
