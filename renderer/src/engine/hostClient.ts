import type { EngineClient } from '../../../shared/protocol/client';
import type { DeepwireBridge, MenuCommand } from '../../../shared/protocol/wire';
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
 * The EngineClient of the host this page runs under: IPC inside the desktop app, a WebSocket when
 * served by `deepwire serve`. Returns null for a page with no host (the Vite dev server, tests),
 * where the engine provider falls back to its in-browser client.
 */
export function createHostClient(): EngineClient | null {
  switch (detectTransport()) {
    case 'electron':
      return createIpcClient(window.deepwire as DeepwireBridge);
    case 'websocket':
      return createWsClient({
        url: serverSocketUrl(),
        createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
        files: pageFiles,
      });
    case 'none':
      return null;
  }
}

/** Native menu commands (desktop app only); returns the unsubscribe function. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.deepwire ? window.deepwire.onMenu(listener) : () => {};
}
