import type { EngineClient } from '../../../shared/protocol/client';
import { menuCommandSchema, type DeepwireBridge, type MenuCommand } from '../../../shared/protocol/wire';
import { createIpcClient } from './ipcClient';
import { pickTextFile, saveTextFile } from './browserFiles';
// The DOM types its handlers with MessageEvent/CloseEvent; WebSocketLike only reads `data`/`code`.
import { createWsClient, type PageFiles, type WebSocketLike } from './wsClient';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    deepwire?: DeepwireBridge;
  }
}

/** Files in a served page stay in the browser: a picker to open, Save As / download to save. */
const pageFiles: PageFiles = {
  openProjectFile: async () => {
    const file = await pickTextFile();
    return file && { path: file.name, text: file.text };
  },
  saveProjectFile: saveTextFile,
};

/** How this page reaches an engine host, if it has one. */
export type HostTransport = 'electron' | 'websocket' | 'none';

/** Electron's preload API is present, or `deepwire serve` marked the page it served. */
export function detectTransport(): HostTransport {
  if (typeof window !== 'undefined' && window.deepwire) return 'electron';
  if (typeof document !== 'undefined' && document.querySelector('meta[name="deepwire-transport"][content="websocket"]'))
    return 'websocket';
  return 'none';
}

/** The WebSocket address of the server that served this page, with the token from the page's URL. */
export function serverSocketUrl(loc: Pick<Location, 'protocol' | 'host' | 'search'> = location): string {
  const token = new URLSearchParams(loc.search).get('token');
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/**
 * Removes `?token=` from the address bar and from history once the page has it (issue 13, item 9):
 * the server has set its cookie by then, so a reload still works, and the token no longer shows in
 * screenshots, shared links or the browser's history. Other query parameters and the hash stay.
 */
export function forgetTokenInAddress(
  loc: Pick<Location, 'href'> = location,
  hist: Pick<History, 'replaceState' | 'state'> = history,
): void {
  const url = new URL(loc.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  hist.replaceState(hist.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/**
 * The EngineClient of the host this page runs under: IPC inside the desktop app, a WebSocket when
 * served by `deepwire serve`. Returns null for a page with no host (the Vite dev server, tests),
 * where the engine provider falls back to its in-browser client.
 */
export function createHostClient(): EngineClient | null {
  switch (detectTransport()) {
    case 'electron':
      return createIpcClient(window.deepwire as DeepwireBridge);
    case 'websocket': {
      const url = serverSocketUrl();
      forgetTokenInAddress();
      return createWsClient({
        url,
        createSocket: (socketUrl) => new WebSocket(socketUrl) as unknown as WebSocketLike,
        files: pageFiles,
      });
    }
    case 'none':
      return null;
  }
}

/** Native menu commands (desktop app only), each checked where it enters; returns the unsubscribe function. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  if (!window.deepwire) return () => {};
  return window.deepwire.onMenu((raw) => {
    const parsed = menuCommandSchema.safeParse(raw);
    if (parsed.success) listener(parsed.data);
    else
      console.error(`Deepwire: ignored a menu command that breaks the protocol: ${parsed.error.issues[0]?.message}.`);
  });
}
