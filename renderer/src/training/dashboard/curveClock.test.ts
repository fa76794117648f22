// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { cancelTick, requestTick } from './curveClock';

describe('curveClock', () => {
  it('drops its waiting timer and frame when the last requested call is cancelled', async () => {
    const raf = vi.spyOn(window, 'requestAnimationFrame');
    const called: string[] = [];
    const a = () => called.push('a');
    const b = () => called.push('b');
    requestTick(a);
    requestTick(b);
    cancelTick(a);
    await vi.waitFor(() => expect(called).toEqual(['b']), { timeout: 1000 });
    // Once everything asked for is cancelled, nothing fires later (no frame outlives the page).
    const before = raf.mock.calls.length;
    requestTick(a);
    cancelTick(a);
    await new Promise((r) => setTimeout(r, 250));
    expect(called).toEqual(['b']);
    expect(raf.mock.calls.length).toBe(before);
    raf.mockRestore();
  });
});
