import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withProjectId } from '../../../shared/project';
import { tinyCnn } from '../testing/fixtures';
import {
  createRecoveryKeeper,
  localRecoveryStorage,
  parseRecovery,
  recoveryKey,
  recoveryText,
  type RecoveryStorage,
} from './recovery';

/** A storage that records every call, in order. */
function recordingStorage() {
  const calls: string[] = [];
  let text: string | null = null;
  const storage: RecoveryStorage = {
    read: async () => text,
    write: async (t) => {
      calls.push(`write ${(JSON.parse(t) as { project: string }).project.length > 0 ? nameOf(t) : ''}`);
      text = t;
    },
    clear: async () => {
      calls.push('clear');
      text = null;
    },
  };
  return { storage, calls, stored: () => text };
}
const nameOf = (t: string) => (JSON.parse((JSON.parse(t) as { project: string }).project) as { name: string }).name;

const project = (name: string) => ({ ...withProjectId(tinyCnn(), 'p-1'), name });
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('recovery keeper (issue 13, item 5)', () => {
  it('writes one copy after the edits pause, with the newest project', async () => {
    const { storage, calls, stored } = recordingStorage();
    const keeper = createRecoveryKeeper({ storage, delayMs: 500, maxWaitMs: 10_000 });
    keeper.update({ project: project('a'), filePath: null, dirty: true });
    await vi.advanceTimersByTimeAsync(300);
    keeper.update({ project: project('ab'), filePath: null, dirty: true });
    await vi.advanceTimersByTimeAsync(300);
    keeper.update({ project: project('abc'), filePath: 'abc.deepwire.json', dirty: true });
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['write abc']);
    const back = parseRecovery(stored()!);
    expect(back).toMatchObject({ ok: true, filePath: 'abc.deepwire.json', project: { name: 'abc', id: 'p-1' } });
  });

  it('under a stream of edits, still writes at least every maxWaitMs', async () => {
    const { storage, calls } = recordingStorage();
    const keeper = createRecoveryKeeper({ storage, delayMs: 500, maxWaitMs: 2000 });
    for (let i = 0; i < 12; i++) {
      keeper.update({ project: project(`v${i}`), filePath: null, dirty: true });
      await vi.advanceTimersByTimeAsync(200);
    }
    // Edits 200 ms apart never leave the 500 ms pause: the copy made at the 2 s mark has the edit
    // of 1.8 s (v9); the next two wait for the pause after the last one.
    expect(calls).toEqual(['write v9']);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toEqual(['write v9', 'write v11']);
  });

  it('clears the copy once the work is saved, and drops a write still waiting', async () => {
    const { storage, calls, stored } = recordingStorage();
    const keeper = createRecoveryKeeper({ storage, delayMs: 500 });
    keeper.update({ project: project('a'), filePath: null, dirty: true });
    await vi.advanceTimersByTimeAsync(600);
    keeper.update({ project: project('b'), filePath: null, dirty: true });
    // Saved before the debounce ran out: the waiting copy of "b" is never written.
    keeper.update({ project: project('b'), filePath: 'b.deepwire.json', dirty: false });
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toEqual(['write a', 'clear']);
    expect(stored()).toBeNull();
    // A clean project again (another save) does not clear again and again.
    keeper.update({ project: project('b'), filePath: 'b.deepwire.json', dirty: false });
    await settle();
    expect(calls).toEqual(['write a', 'clear']);
  });

  it('flush writes the waiting copy at once (the page is going away); clear and dispose stop it', async () => {
    const { storage, calls } = recordingStorage();
    const keeper = createRecoveryKeeper({ storage, delayMs: 60_000 });
    keeper.update({ project: project('late'), filePath: null, dirty: true });
    await keeper.flush();
    expect(calls).toEqual(['write late']);
    keeper.update({ project: project('discarded'), filePath: null, dirty: true });
    await keeper.clear();
    keeper.update({ project: project('after dispose'), filePath: null, dirty: true });
    keeper.dispose();
    await vi.advanceTimersByTimeAsync(120_000);
    await keeper.flush();
    expect(calls).toEqual(['write late', 'clear']);
  });

  it('says once, in words, when the copy cannot be kept', async () => {
    const errors: string[] = [];
    const storage: RecoveryStorage = {
      read: async () => null,
      write: async () => {
        throw new Error('The quota has been exceeded.');
      },
      clear: async () => {},
    };
    const keeper = createRecoveryKeeper({ storage, delayMs: 10, onError: (m) => errors.push(m) });
    for (const name of ['a', 'b']) {
      keeper.update({ project: project(name), filePath: null, dirty: true });
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(errors).toEqual(['The quota has been exceeded.']);
  });
});

describe('parseRecovery', () => {
  const good = recoveryText(project('Tiny CNN'), null, new Date('2026-11-29T10:14:00Z'));

  it('reads back what recoveryText wrote', () => {
    const r = parseRecovery(good);
    expect(r).toMatchObject({ ok: true, filePath: null, project: { name: 'Tiny CNN', id: 'p-1' } });
    expect(r.ok && r.savedAt.toISOString()).toBe('2026-11-29T10:14:00.000Z');
  });

  it.each([
    ['cut short', good.slice(0, good.length / 2), /not complete JSON/],
    ['not a recovery copy', '{"format":"deepwire-project","version":1}', /not a Deepwire recovery copy/],
    ['null', 'null', /not a Deepwire recovery copy/],
    ['a future version', good.replace('"version":1', '"version":9'), /version 9/],
    ['no time', good.replace(/"savedAt":"[^"]*"/, '"savedAt":"yesterday"'), /missing its time/],
    [
      'a project with errors',
      JSON.stringify({ ...JSON.parse(good), project: '{"format":"deepwire-project"}' }),
      /project has errors/,
    ],
  ])('ignores a corrupt copy (%s) with the reason', (_case, text, reason) => {
    const r = parseRecovery(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});

describe('localRecoveryStorage', () => {
  it('keeps one copy per server origin', async () => {
    const map = new Map<string, string>();
    const fake = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    } as unknown as Storage;
    const a = localRecoveryStorage('http://127.0.0.1:4792', () => fake);
    const b = localRecoveryStorage('http://127.0.0.1:4793', () => fake);
    await a.write('work on a');
    expect(await b.read()).toBeNull();
    expect(map.get(recoveryKey('http://127.0.0.1:4792'))).toBe('work on a');
    await a.clear();
    expect(await a.read()).toBeNull();
  });

  it('rejects with a plain reason where the browser gives no storage', async () => {
    await expect(localRecoveryStorage('http://x', () => undefined).write('t')).rejects.toThrow(/no local storage/);
  });
});
