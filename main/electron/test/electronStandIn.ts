/**
 * A faithful in-process stand-in for the parts of Electron the desktop shell uses, for tests on
 * machines without the Electron binary (issue 15, item 3). What crosses a process boundary in
 * Electron crosses it here as a structured clone (so a function or a class instance fails as it
 * would there, and Uint8Array survives); the page sees only what the preload exposed through
 * contextBridge, copied the way contextBridge copies it; ipcRenderer.invoke reaches the handler
 * ipcMain registered with an event naming the window's contents and frame; utilityProcess.fork
 * starts a real Node child whose `process.parentPort` is simulated (parentPortTrainer.ts).
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

const clone = <T>(value: T): T => structuredClone(value);

/** What contextBridge does to a value handed from the preload to the page (and back, for callbacks). */
function bridged(value: unknown): unknown {
  if (typeof value === 'function') {
    return (...args: unknown[]) => {
      // The page's callbacks reach the preload as functions whose arguments are cloned back.
      const result = (value as (...a: unknown[]) => unknown)(
        ...args.map((a) =>
          typeof a === 'function'
            ? (...b: unknown[]) => (a as (...c: unknown[]) => unknown)(...b.map(clone))
            : clone(a),
        ),
      );
      return result instanceof Promise ? result.then(clone) : bridged(result);
    };
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bridged(v)]));
  return clone(value);
}

export const PAGE_URL = 'app://deepwire/index.html';

export function createElectronStandIn(options: {
  appPath: string;
  userData: string;
  /** The source each bundled utility-process entry is built from, by file name (trainer.cjs → trainerMain.ts). */
  entries: Record<string, string>;
}) {
  const handlers = new Map<string, Handler>();
  const rendererListeners = new Map<string, Set<RendererListener>>();
  /** What the preload exposed: the page's `window`. */
  const page: Record<string, unknown> = {};
  const appEvents = new EventEmitter();
  const windows: BrowserWindow[] = [];

  class WebContents extends EventEmitter {
    /** main → page: cloned, delivered asynchronously as IPC is. */
    send(channel: string, ...args: unknown[]) {
      const payload = clone(args);
      setImmediate(() => {
        for (const l of rendererListeners.get(channel) ?? []) l({ senderId: 0 }, ...payload);
      });
    }
    setWindowOpenHandler() {}
  }

  class BrowserWindow extends EventEmitter {
    readonly webContents = new WebContents();
    url?: string;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    async loadURL(url: string) {
      this.url = url;
      setImmediate(() => this.webContents.emit('did-finish-load'));
    }
    isDestroyed() {
      return false;
    }
    show() {}
  }

  const electron = {
    app: {
      enableSandbox() {},
      getAppPath: () => options.appPath,
      getPath: () => options.userData,
      setPath() {},
      isPackaged: false,
      on: (event: string, listener: (...a: unknown[]) => void) => appEvents.on(event, listener),
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      addRecentDocument() {},
      clearRecentDocuments() {},
      quit() {},
    },
    BrowserWindow,
    ipcMain: {
      handle(channel: string, handler: Handler) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, handler);
      },
    },
    ipcRenderer: {
      async invoke(channel: string, ...args: unknown[]) {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        const event = { sender: windows[0]?.webContents, senderFrame: { url: PAGE_URL } };
        try {
          return clone(await handler(event, ...clone(args)));
        } catch (error) {
          throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
        }
      },
      on(channel: string, listener: RendererListener) {
        if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
        rendererListeners.get(channel)!.add(listener);
      },
      removeListener(channel: string, listener: RendererListener) {
        rendererListeners.get(channel)?.delete(listener);
      },
    },
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        if (key in page)
          throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        page[key] = bridged(api);
      },
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu() {} },
    protocol: { registerSchemesAsPrivileged() {}, handle() {} },
    net: { fetch: () => Promise.reject(new Error('no network in tests')) },
    session: { defaultSession: { setPermissionRequestHandler() {} } },
    dialog: {},
    utilityProcess: {
      /** A Node child running the entry's source (the app bundles trainer.cjs) with a simulated parentPort. */
      fork(entry: string, _args: string[], _opts: Record<string, unknown>) {
        const source = options.entries[basename(entry)];
        if (!source) throw new Error(`utilityProcess.fork: no source for ${entry}`);
        const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'parentPortTrainer.ts'), [], {
          execArgv: ['--import', tsxLoader()],
          env: { ...process.env, DEEPWIRE_TRAINER_ENTRY: pathToFileURL(source).href },
          serialization: 'advanced',
          stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
        });
        const proc = new EventEmitter() as EventEmitter & Record<string, unknown>;
        Object.assign(proc, {
          pid: child.pid,
          stderr: child.stderr,
          // Like Electron's, a message to a process that has gone is dropped, not an EPIPE error.
          postMessage: (message: unknown) => {
            if (child.connected) child.send(message as never, (error) => void error);
          },
          kill: () => child.kill('SIGKILL'),
        });
        child.on('message', (m) => proc.emit('message', m));
        // utilityProcess reports the exit code only.
        child.once('exit', (code) => proc.emit('exit', code ?? 1));
        return proc;
      },
    },
  };

  return {
    electron,
    /** The page's window: what the preload exposed, nothing else. */
    page,
    windows,
    /** Emits an app event (before-quit) with a preventable event. */
    emitApp: (name: string) => appEvents.emit(name, { preventDefault() {} }),
  };
}

function tsxLoader(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(manifest), 'dist', 'loader.mjs')).href;
}
