// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { focusRegion, regionOf } from './regionKeys';

/** Issue 14, defect 7: F6 crosses the window region by region instead of control by control. */

function layout(withSelected = false) {
  document.body.innerHTML = `
    <header data-testid="toolbar"><input aria-label="Project name"><button>New</button></header>
    <nav data-testid="palette"><input type="search" aria-label="Search layers"><button tabindex="0">Dense</button></nav>
    <div data-testid="canvas"><div class="react-flow__pane"></div>
      <div class="react-flow__node${withSelected ? ' selected' : ''}" tabindex="0" id="n1"></div></div>
    <aside data-testid="right-panel"><button disabled>Off</button><input id="first-field"></aside>
    <section data-testid="bottom-panel"><button id="tab">Model summary</button></section>`;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('focusRegion', () => {
  it('visits toolbar, layers, canvas, side panel, bottom panel and wraps around; Shift goes back', () => {
    layout();
    const visited = [1, 2, 3, 4, 5, 6].map(() => focusRegion(1));
    expect(visited).toEqual(['toolbar', 'layers', 'canvas', 'side panel', 'bottom panel', 'toolbar']);
    expect(focusRegion(-1)).toBe('bottom panel');
    expect(document.activeElement?.id).toBe('tab');
    expect(focusRegion(-1)).toBe('side panel');
    // The first control that can take the focus, not a disabled one.
    expect(document.activeElement?.id).toBe('first-field');
  });

  it('lands on the search box in the layers and on a layer on the canvas', () => {
    layout(true);
    focusRegion(1);
    focusRegion(1);
    expect((document.activeElement as HTMLInputElement).type).toBe('search');
    focusRegion(1);
    expect(document.activeElement?.id).toBe('n1');
    expect(regionOf(document.activeElement)).toBe(2);
  });

  it('skips a region that is not there', () => {
    layout();
    document.querySelector('[data-testid="right-panel"]')!.remove();
    document.getElementById('n1')!.focus();
    expect(focusRegion(1)).toBe('bottom panel');
  });
});
