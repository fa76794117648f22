import { useEffect } from 'react';

const FOCUSABLE =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex="0"]';

/**
 * The editor's regions in the order F6 visits them (Shift+F6 goes back), as in browsers and IDEs:
 * a keyboard user crosses the window in five presses instead of tabbing through every control
 * (issue 14, defect 7). Each region names where the focus lands inside it: selectors tried in turn
 * (separated by |), the first match of the first that matches.
 */
export const REGIONS: readonly { name: string; region: string; focus: string }[] = [
  { name: 'toolbar', region: '[data-testid="toolbar"]', focus: 'button:not([disabled]), input' },
  { name: 'layers', region: '[data-testid="palette"]', focus: 'input[type="search"]' },
  {
    name: 'canvas',
    region: '[data-testid="canvas"]',
    focus: '.react-flow__node.selected | .react-flow__node[tabindex="0"] | .react-flow__pane',
  },
  {
    name: 'side panel',
    region: '[data-testid="right-panel"]',
    focus: `[role="tab"][aria-selected="true"] | ${FOCUSABLE}`,
  },
  {
    name: 'bottom panel',
    region: '[data-testid="bottom-panel"]',
    focus: `[role="tab"][aria-selected="true"] | ${FOCUSABLE}`,
  },
];

/** The index of the region that holds `el`, or -1. */
export function regionOf(el: Element | null, root: ParentNode = document): number {
  if (!el) return -1;
  return REGIONS.findIndex((r) => root.querySelector(r.region)?.contains(el));
}

/**
 * Moves the focus to the next (or previous) region that is on screen and has somewhere to land.
 * Returns the region's name, or null when none could take the focus.
 */
export function focusRegion(step: 1 | -1, root: ParentNode = document): string | null {
  const from = regionOf(root instanceof Document ? root.activeElement : document.activeElement, root);
  for (let i = 1; i <= REGIONS.length; i++) {
    const r = REGIONS[(from + step * i + REGIONS.length * 2) % REGIONS.length];
    const region = root.querySelector<HTMLElement>(r.region);
    const target = r.focus
      .split('|')
      .map((sel) => region?.querySelector<HTMLElement>(sel.trim()))
      .find((el) => !!el);
    if (!target) continue;
    // The pane of an empty canvas is not focusable by itself; give it a place in the order.
    if (!target.hasAttribute('tabindex') && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) {
      target.tabIndex = -1;
    }
    target.focus();
    if (document.activeElement === target) return r.name;
  }
  return null;
}

/** F6 / Shift+F6 cycle the regions; also from inside a field (F6 types nothing). Not under a dialog. */
export function useRegionKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F6' || e.defaultPrevented || document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      focusRegion(e.shiftKey ? -1 : 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
