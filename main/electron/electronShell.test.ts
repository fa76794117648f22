/**
 * The desktop shell without an Electron binary: `electron` is replaced by a recording stub, so
 * these tests check what main.ts and preload.ts ask of Electron — the window's security settings,
 * the CSP, the one preload API, who may call the host — not Electron itself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const rec = vi.hoisted(() => ({
  schemes: [] as unknown[],
  windows: [] as { options: Record<string, unknown>; url?: string; sent: unknown[][]; webContents?: unknown }[],
  fetched: [] as string[],
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  protocolHandler: undefined as undefined | ((req: { url: string }) => Promise<Response>),
  sandbox: false,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(readonly options: Record<string, unknown>) {
      const entry = { options, sent: [] as unknown[][] } as (typeof rec.windows)[number];
      rec.windows.push(entry);
      this.webContents = {
        send: (...a: unknown[]) => entry.sent.push(a),
        on: () => {},
        setWindowOpenHandler: () => {},
      };
      entry.webContents = this.webContents;
      this.loadURL = async (url: string) => void (entry.url = url);
    }
    loadURL: (url: string) => Promise<void>;
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
  }
  const userData = mkdtempSync(join(tmpdir(), 'deepwire-electron-'));
  return {
    app: {
      enableSandbox: () => (rec.sandbox = true),
      getAppPath: () => process.cwd(),
      getPath: () => userData,
      isPackaged: false,
      on: () => {},
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      addRecentDocument: () => {},
      clearRecentDocuments: () => {},
      quit: () => {},
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => rec.handlers.set(channel, fn) },
    ipcRenderer: { invoke: async (...a: unknown[]) => rec.invoked.push(a), on: () => {}, removeListener: () => {} },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => rec.exposed.set(key, api) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => rec.schemes.push(...s),
      handle: (_scheme: string, fn: typeof rec.protocolHandler) => (rec.protocolHandler = fn),
    },
    net: {
      fetch: async (url: string) =>
        rec.fetched.push(url) &&
        new Response('<html><head></head></html>', { headers: { 'content-type': 'text/html' } }),
    },
    session: { defaultSession: { setPermissionRequestHandler: () => {} } },
    dialog: {},
    utilityProcess: { fork: () => ({}) },
  };
});

beforeAll(async () => {
  await import('./main');
  await import('./preload');
  await new Promise((r) => setTimeout(r, 0)); // whenReady().then(...)
});

describe('desktop shell', () => {
  it('opens one sandboxed, isolated window without Node, from app://deepwire/', () => {
    expect(rec.sandbox).toBe(true);
    expect(rec.windows).toHaveLength(1);
    const prefs = rec.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(rec.windows[0].url).toBe('app://deepwire/index.html');
    expect(rec.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the page with a strict CSP and nothing outside the renderer folder', async () => {
    const ok = await rec.protocolHandler!({ url: 'app://deepwire/index.html' });
    const csp = ok.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|ws:/);
    rec.fetched.length = 0;
    await rec.protocolHandler!({ url: 'app://deepwire/%2e%2e/%2e%2e/package.json' });
    await rec.protocolHandler!({ url: 'app://deepwire/assets/..%2f..%2f..%2fpackage.json' });
    for (const url of rec.fetched) expect(url).toContain('/dist/renderer/');
    expect((await rec.protocolHandler!({ url: 'app://elsewhere/index.html' })).status).toBe(404);
  });

  it('answers calls from its own page only, validated by the host', async () => {
    const handle = rec.handlers.get('deepwire:call')!;
    const ours = { sender: rec.windows[0].webContents, senderFrame: { url: 'app://deepwire/index.html' } };
    expect(
      await handle({ sender: {}, senderFrame: { url: 'https://evil.example/' } }, 'listDatasets', []),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await handle({ ...ours, senderFrame: { url: 'https://evil.example/' } }, 'listDatasets', [])).toMatchObject({
      ok: false,
    });
    expect(await handle(ours, 'nope', [])).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await handle(ours, 'listDatasets', [])).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ id: 'mnist' })]),
    });
  });

  it('exposes exactly one small API to the page', async () => {
    const api = rec.exposed.get('deepwire') as Record<string, (...a: unknown[]) => unknown>;
    expect([...rec.exposed.keys()]).toEqual(['deepwire']);
    expect(Object.keys(api).sort()).toEqual(['call', 'onEvent', 'onMenu', 'recovery']);
    await api.call('listTemplates', []);
    expect(rec.invoked).toEqual([['deepwire:call', 'listTemplates', []]]);
    expect(typeof api.onEvent(() => {})).toBe('function');
  });

  it('keeps unsaved work in one recovery file for its own page only (issue 13, item 5)', async () => {
    const ours = { sender: rec.windows[0].webContents, senderFrame: { url: 'app://deepwire/index.html' } };
    const other = { sender: {}, senderFrame: { url: 'https://evil.example/' } };
    const read = rec.handlers.get('deepwire:recovery-read')!;
    const write = rec.handlers.get('deepwire:recovery-write')!;
    const clear = rec.handlers.get('deepwire:recovery-clear')!;
    expect(await read(ours)).toBeNull();
    await write(ours, '{"kept":true}');
    expect(await read(ours)).toBe('{"kept":true}');
    await expect(write(other, 'overwritten')).rejects.toThrow(/Only the Deepwire window/);
    await expect(read(other)).rejects.toThrow(/Only the Deepwire window/);
    expect(await read(ours)).toBe('{"kept":true}');
    await clear(ours);
    expect(await read(ours)).toBeNull();
    // The preload's three calls go to those channels, with the text and nothing else.
    const api = rec.exposed.get('deepwire') as { recovery: { write(t: string): Promise<void> } };
    rec.invoked.length = 0;
    await api.recovery.write('text');
    expect(rec.invoked).toEqual([['deepwire:recovery-write', 'text']]);
  });
});
