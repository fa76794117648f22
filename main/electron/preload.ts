/**
 * The desktop app's preload: exposes ONE small typed API to the page as `window.deepwire`
 * (STYLE.md 2) — call a host method, listen to events, listen to menu commands. The page never
 * gets ipcRenderer itself; the recovery file of unsaved work is reached through three fixed calls. Runs sandboxed, so it imports nothing but electron and type-only modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS } from '../../shared/protocol/ipc';
import type { CallOutcome, DeepwireBridge } from '../../shared/protocol/wire';

function listen<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const bridge: DeepwireBridge = {
  call: (method, args) => ipcRenderer.invoke(IPC_CHANNELS.call, method, args) as Promise<CallOutcome>,
  // Passed on as they come: the page checks them against the protocol (the preload stays tiny).
  onEvent: (listener) => listen<unknown>(IPC_CHANNELS.event, listener),
  onMenu: (listener) => listen<unknown>(IPC_CHANNELS.menu, listener),
  // The unsaved-work recovery file: the page sends text, never a path (the main process owns it).
  recovery: {
    read: () => ipcRenderer.invoke(IPC_CHANNELS.recoveryRead) as Promise<string | null>,
    write: (text) => ipcRenderer.invoke(IPC_CHANNELS.recoveryWrite, text) as Promise<void>,
    clear: () => ipcRenderer.invoke(IPC_CHANNELS.recoveryClear) as Promise<void>,
  },
};

contextBridge.exposeInMainWorld('deepwire', bridge);
