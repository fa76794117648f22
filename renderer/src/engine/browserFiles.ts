/**
 * Opening and saving files with only what a browser offers: an <input type=file> to open, and the
 * File System Access API (Chromium) or a download to save.
 */

interface WritableFileHandle {
  name: string;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}
type SaveFilePicker = (options: {
  suggestedName?: string;
  types?: { description: string; accept: Record<string, string[]> }[];
}) => Promise<WritableFileHandle>;

/** Asks for one file; resolves null when the user cancels. */
export function pickTextFile(accept = '.json,application/json'): Promise<{ name: string; text: string } | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      file.text().then(
        (text) => resolve({ name: file.name, text }),
        () => resolve(null),
      );
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

/** Asks for one or more files (a model and the files beside it), read as bytes; null when cancelled. */
export function pickFiles(accept: string): Promise<{ name: string; bytes: Uint8Array }[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = accept;
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      if (files.length === 0) return resolve(null);
      Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))).then(
        resolve,
        () => resolve(null),
      );
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

/** Files saved through the File System Access API, by name, so Save writes to the same file again. */
const handles = new Map<string, WritableFileHandle>();

function savePicker(): SaveFilePicker | undefined {
  return (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
}

/** Triggers a download of `text` as `name` (the fallback where the File System Access API is missing). */
export function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Saves `text`: to the file it came from when the browser let us keep a handle, else asks where
 * (Save As), else downloads it. Resolves to the name written, or null when the user cancelled.
 */
export async function saveTextFile(
  path: string | null,
  text: string,
  suggestedName: string,
): Promise<{ path: string } | null> {
  const picker = savePicker();
  if (!picker) {
    const name = path ?? suggestedName;
    downloadText(name, text);
    return { path: name };
  }
  let handle = path ? handles.get(path) : undefined;
  if (!handle) {
    try {
      handle = await picker({
        suggestedName: path ?? suggestedName,
        types: [{ description: 'Deepwire project', accept: { 'application/json': ['.json'] } }],
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') return null;
      throw err;
    }
    handles.set(handle.name, handle);
  }
  const writable = await handle.createWritable();
  await writable.write(text);
  await writable.close();
  return { path: handle.name };
}
