import { app, dialog, type BrowserWindow } from 'electron';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ProjectFileRef } from '../../shared/protocol/client';
import { writeFileAtomic } from '../engine/files/atomicWrite';
import type { FileDialogs } from '../host/host';
import { HostError } from '../host/hostError';
import type { RecentFiles } from './recentFiles';

/** The data formats Deepwire reads (a folder of images is chosen as a folder). */
const DATA_FILTERS = [
  {
    name: 'Data (tables, NumPy, FITS, HDF5)',
    extensions: ['csv', 'tsv', 'txt', 'npy', 'npz', 'fits', 'fit', 'fts', 'gz', 'h5', 'hdf5'],
  },
  { name: 'All files', extensions: ['*'] },
];

const FILTERS = [
  { name: 'Deepwire project', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * Native open/save dialogs. The page may only write to a path the user picked in a dialog (or
 * opened) in this session: a compromised page cannot use Save to overwrite arbitrary files.
 */
export function electronFileDialogs(
  window: () => BrowserWindow | null,
  recent: RecentFiles,
  onRecentChanged: () => void,
): FileDialogs & {
  openPath(path: string): Promise<ProjectFileRef>;
} {
  const granted = new Set<string>();
  const remember = (path: string) => {
    granted.add(path);
    recent.add(path);
    app.addRecentDocument(path);
    onRecentChanged();
  };

  const openPath = async (path: string): Promise<ProjectFileRef> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      recent.remove(path);
      onRecentChanged();
      throw new HostError(
        'not-found',
        `${basename(path)} could not be opened (${(error as Error).message}).`,
        'It may have been moved or deleted.',
      );
    }
    remember(path);
    return { path, text };
  };

  return {
    openPath,
    async openProjectFile() {
      const win = window();
      const options = { title: 'Open a Deepwire project', filters: FILTERS, properties: ['openFile' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = result.filePaths[0];
      if (result.canceled || !path) return null;
      return openPath(path);
    },
    async chooseDataPath(kind) {
      const win = window();
      const options =
        kind === 'folder'
          ? {
              title: 'Choose a folder with one sub-folder of pictures per class',
              properties: ['openDirectory' as const],
            }
          : { title: 'Choose a data file', filters: DATA_FILTERS, properties: ['openFile' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseExportFolder(suggestedName) {
      const win = window();
      const options = {
        title: 'Export to a new folder',
        defaultPath: suggestedName,
        buttonLabel: 'Export here',
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async saveProjectFile(path, text, suggestedName) {
      let target = path && granted.has(path) ? path : null;
      if (!target) {
        const win = window();
        const options = { title: 'Save the Deepwire project', defaultPath: path ?? suggestedName, filters: FILTERS };
        const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        if (result.canceled || !result.filePath) return null;
        target = result.filePath;
      }
      // Never straight over the user's file: a full disk or a crash mid-write used to leave it cut
      // short (issue 13, item 4).
      await writeFileAtomic(target, text);
      remember(target);
      return { path: target };
    },
  };
}
