import { useEffect, useState } from 'react';
import type { DataFileListing } from '../../../../shared/protocol/client';
import { useEngine } from '../../engine/EngineProvider';
import { detectTransport } from '../../engine/hostClient';

/** `path` relative to the project file's folder when it lies inside it ("/" between parts), else as is. */
export function relativeToProject(projectPath: string | null, path: string): string {
  if (!projectPath) return path;
  const norm = (p: string) => p.replace(/\\/g, '/');
  const dir = norm(projectPath).replace(/\/[^/]*$/, '');
  const p = norm(path);
  return dir && p.startsWith(`${dir}/`) ? p.slice(dir.length + 1) : path;
}

const formatBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`;

/** The browser shell: folders and data files under the served folder, opened one level at a time. */
function ServedFolder({ onChoose }: { onChoose(path: string): void }) {
  const client = useEngine();
  const [dir, setDir] = useState('');
  const [listing, setListing] = useState<DataFileListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.listDataFiles(dir || undefined).then(
      (l) => live && (setListing(l), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [client, dir]);
  if (error) return <p className="dw-error">{error}</p>;
  if (!listing) return <p className="dw-muted">Looking in the served folder…</p>;
  return (
    <div className="dw-files" data-testid="data-files">
      <div className="dw-files__where">
        <span className="dw-mono" title={listing.root}>
          {listing.dir ? `${listing.dir}/` : 'served folder'}
        </span>
        {listing.parent !== undefined && (
          <button type="button" className="dw-button dw-button--small" onClick={() => setDir(listing.parent!)}>
            Up
          </button>
        )}
        {listing.dir && (
          <button
            type="button"
            className="dw-button dw-button--small"
            title="A folder with one sub-folder of pictures per class"
            data-testid="use-folder"
            onClick={() => onChoose(listing.dir)}
          >
            Use this folder
          </button>
        )}
      </div>
      <ul className="dw-files__list">
        {listing.entries.map((e) => (
          <li key={e.path}>
            <button
              type="button"
              className="dw-files__entry"
              data-testid={`data-entry-${e.name}`}
              onClick={() => (e.kind === 'folder' ? setDir(e.path) : onChoose(e.path))}
            >
              <span aria-hidden="true">{e.kind === 'folder' ? '▸' : '·'}</span> {e.name}
              {e.kind === 'folder' ? '/' : ''}
              {e.bytes !== undefined && <span className="dw-muted"> {formatBytes(e.bytes)}</span>}
            </button>
          </li>
        ))}
        {listing.entries.length === 0 && <li className="dw-muted">No data files or folders here.</li>}
      </ul>
      {listing.truncated && <p className="dw-muted">Only the first 500 entries are listed.</p>}
    </div>
  );
}

/**
 * Where the user's data comes from: the desktop app's native chooser (a file, or a folder of
 * pictures), or in the browser shell a path typed in plus the data under the served folder (a
 * browser cannot hand a path over).
 */
export function DataChooser({
  projectPath,
  current,
  onChoose,
  onCancel,
}: {
  projectPath: string | null;
  current?: string;
  onChoose(file: string): void;
  onCancel?(): void;
}) {
  const client = useEngine();
  const [typed, setTyped] = useState(current ?? '');
  const native = detectTransport() === 'electron';
  const choose = async (kind: 'file' | 'folder') => {
    const path = await client.chooseDataPath(kind);
    if (path) onChoose(relativeToProject(projectPath, path));
  };
  return (
    <div className="dw-chooser" data-testid="data-chooser">
      {native ? (
        <div className="dw-chooser__row">
          <button
            type="button"
            className="dw-button"
            data-testid="choose-data-file"
            onClick={() => void choose('file')}
          >
            Choose a file…
          </button>
          <button
            type="button"
            className="dw-button"
            data-testid="choose-data-folder"
            title="A folder with one sub-folder of pictures per class"
            onClick={() => void choose('folder')}
          >
            Choose a folder of images…
          </button>
        </div>
      ) : (
        <>
          <form
            className="dw-chooser__row"
            onSubmit={(e) => {
              e.preventDefault();
              if (typed.trim()) onChoose(typed.trim());
            }}
          >
            <input
              className="dw-input dw-mono"
              value={typed}
              placeholder="data/my-table.csv or data/pictures"
              aria-label="Path of the data, relative to the served folder"
              data-testid="data-path"
              onChange={(e) => setTyped(e.target.value)}
            />
            <button type="submit" className="dw-button" data-testid="data-path-use" disabled={!typed.trim()}>
              Use
            </button>
          </form>
          {/* The chooser lists paths from the served folder; the project reads them from its own folder. */}
          <ServedFolder onChoose={(path) => onChoose(relativeToProject(projectPath, path))} />
        </>
      )}
      <p className="dw-doc">
        A table (CSV/TSV, one example per row, a header), a folder with one sub-folder of pictures per class, NumPy
        (.npy, .npz), FITS or HDF5.
      </p>
      {onCancel && (
        <button type="button" className="dw-button dw-button--small" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
