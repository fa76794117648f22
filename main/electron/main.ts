/**
 * The desktop shell: one BrowserWindow over the host. Bundled by scripts/build-main.mjs to
 * dist/main/electron.cjs (package.json "main"), next to preload.cjs and trainer.cjs.
 *
 * Security (a product standard): the page is sandboxed, has no Node, has context isolation, loads
 * only from app://deepwire/ under a strict CSP, cannot navigate or open windows, gets no permissions,
 * and reaches the host only through the preload's `window.deepwire` — whose every call is checked
 * for its sender and then validated by the host like any other call.
 */
import { app, BrowserWindow, ipcMain, Menu, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { join } from 'node:path';
import { IPC_CHANNELS } from '../../shared/protocol/ipc';
import type { MenuCommand } from '../../shared/protocol/wire';
import { engineCatalog } from '../host/engineCatalog';
import { Host } from '../host/host';
import { defaultRunsRoot, fileRunStore } from '../host/runStore';
import { desktopBackendFile, TrainerBackend } from '../host/trainerBackend';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './appProtocol';
import { electronFileDialogs } from './fileDialogs';
import { buildMenu } from './menu';
import { RecentFiles } from './recentFiles';
import { recoveryFile } from './recoveryFile';
import { utilityTrainerLauncher } from './utilityTrainer';

registerAppScheme();
app.enableSandbox();
// A user-data folder of its own (the recovery copy, recent files) when asked: the end-to-end
// journeys start each app fresh, so one journey's unsaved work is never offered to the next.
if (process.env.DEEPWIRE_USER_DATA) app.setPath('userData', process.env.DEEPWIRE_USER_DATA);

const appRoot = app.getAppPath();
let window: BrowserWindow | null = null;

function sendMenu(command: MenuCommand): void {
  window?.webContents.send(IPC_CHANNELS.menu, command);
}

const recent = new RecentFiles(join(app.getPath('userData'), 'recent-projects.json'));
const files = electronFileDialogs(() => window, recent, refreshMenu);

// The backend report comes from a probe in a utility process like the trainers' (backendProbe.cjs):
// TF.js, possibly its native GPU addon, never loads in this main process.
const trainerBackend = new TrainerBackend(
  utilityTrainerLauncher(join(__dirname, 'backendProbe.cjs')),
  desktopBackendFile(defaultRunsRoot()),
);
const host = new Host({
  catalog: engineCatalog(join(appRoot, 'templates'), trainerBackend),
  runs: fileRunStore(defaultRunsRoot()),
  launchTrainer: utilityTrainerLauncher(join(__dirname, 'trainer.cjs')),
  files,
  // File → Import… writes projects where the user finds them (a packaged app's cwd may be "/").
  importsRoot: join(app.getPath('documents'), 'Deepwire', 'imported'),
});

function refreshMenu(): void {
  Menu.setApplicationMenu(
    buildMenu({
      send: sendMenu,
      recent: recent.list(),
      openRecent: (path) => {
        files.openPath(path).then(
          (file) => sendMenu({ command: 'openFile', file }),
          (error: Error) => console.error(error.message),
        );
      },
      clearRecent: () => {
        recent.clear();
        app.clearRecentDocuments();
        refreshMenu();
      },
      devTools: !app.isPackaged,
    }),
  );
}

/** Only the app's own page may call the host. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return event.sender === window?.webContents && url.startsWith(`${APP_ORIGIN}/`);
}

ipcMain.handle(IPC_CHANNELS.call, (event, method: unknown, args: unknown) => {
  if (!fromOurPage(event)) {
    return { ok: false, error: { code: 'bad-request', message: 'Calls are only accepted from the Deepwire window.' } };
  }
  return host.call(method, args);
});

// The open project's unsaved edits, kept for the next start (issue 13, item 5). One fixed file in
// the user-data folder; the page sends only its text, so it cannot name a path to write.
const recovery = recoveryFile(join(app.getPath('userData'), 'recovery', 'unsaved-project.json'));
const refused = () => Promise.reject(new Error('Only the Deepwire window may keep unsaved work.'));
ipcMain.handle(IPC_CHANNELS.recoveryRead, (event) => (fromOurPage(event) ? recovery.read() : refused()));
ipcMain.handle(IPC_CHANNELS.recoveryWrite, (event, text: unknown) =>
  fromOurPage(event) ? recovery.write(text) : refused(),
);
ipcMain.handle(IPC_CHANNELS.recoveryClear, (event) => (fromOurPage(event) ? recovery.clear() : refused()));

host.subscribe((event) => {
  if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, event);
});

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Deepwire',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const contents = window.webContents;
  window.once('ready-to-show', () => window?.show());
  // A reload (or a renderer crash and reload) gets the state of the runs that are training.
  contents.on('did-finish-load', () => host.replay((event) => contents.send(IPC_CHANNELS.event, event)));
  contents.on('render-process-gone', (_event, details) =>
    console.error(`Deepwire: the window's page stopped (${details.reason}).`),
  );
  window.on('closed', () => (window = null));
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));

let shutDown = false;
app.on('before-quit', (event) => {
  if (shutDown) return;
  event.preventDefault();
  host.shutdown().finally(() => {
    shutDown = true;
    app.quit();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (!window) createWindow();
});

app.on('second-instance', () => {
  if (window?.isMinimized()) window.restore();
  window?.focus();
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    serveRenderer(join(appRoot, 'dist', 'renderer'));
    refreshMenu();
    createWindow();
  });
}
