import { Menu, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { MenuCommand } from '../../shared/protocol/wire';

export interface MenuActions {
  send(command: MenuCommand): void;
  recent: readonly string[];
  openRecent(path: string): void;
  clearRecent(): void;
  devTools: boolean;
}

/**
 * The native menu. File and Edit items become commands for the page (it owns the project and its
 * undo history). Shortcuts the page already handles (Ctrl+O/S/Z/Y) are shown but not registered
 * (registerAccelerator: false), so a key press is handled once, by the page.
 */
export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const command = (
    label: string,
    cmd: MenuCommand,
    accelerator?: string,
    pageHandlesKey = true,
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator, registerAccelerator: !pageHandlesKey } : {}),
    click: () => actions.send(cmd),
  });
  const recentItems: MenuItemConstructorOptions[] = actions.recent.length
    ? [
        ...actions.recent.map((path) => ({
          label: basename(path),
          sublabel: path,
          click: () => actions.openRecent(path),
        })),
        { type: 'separator' },
        { label: 'Clear Recent', click: actions.clearRecent },
      ]
    : [{ label: 'No recent projects', enabled: false }];

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        command('New Project', { command: 'new' }, 'CmdOrCtrl+N', false),
        command('Open…', { command: 'open' }, 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: recentItems },
        command('Import Model…', { command: 'import' }, 'CmdOrCtrl+I'),
        { type: 'separator' },
        command('Save', { command: 'save' }, 'CmdOrCtrl+S'),
        command('Save As…', { command: 'saveAs' }, 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        command('Undo', { command: 'undo' }, 'CmdOrCtrl+Z'),
        command('Redo', { command: 'redo' }, isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(actions.devTools
          ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]
          : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
