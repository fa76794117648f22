import { useEffect, useState } from 'react';
import type { DataPreview, EngineClient } from '../../../../shared/protocol/client';
import type { FileDatasetRef } from '../../../../shared/project/schema';
import type { DatasetRef } from '../../../../shared/training/options';
import { useEngine } from '../../engine/EngineProvider';

/** What the engine said about the user's data: its preview, or why it cannot be read. */
export interface FileDataState {
  /** The dataset names a file (false for built-in datasets: the rest is then empty). */
  isFile: boolean;
  loading: boolean;
  preview?: DataPreview;
  error?: { message: string; hint?: string };
}

const NOT_FILE: FileDataState = { isFile: false, loading: false };

/** Answers per client and question, so the panel, the checks and the preview share one read. */
const answers = new WeakMap<EngineClient, Map<string, Promise<DataPreview>>>();

function describe(client: EngineClient, ref: FileDatasetRef, projectPath?: string, inputShape?: number[]) {
  const key = JSON.stringify([ref, projectPath ?? null, inputShape ?? null]);
  let byKey = answers.get(client);
  if (!byKey) answers.set(client, (byKey = new Map()));
  let p = byKey.get(key);
  if (!p) {
    p = client.describeData(ref, projectPath, inputShape);
    byKey.set(key, p);
    // A failure is asked again next time (the file may have been fixed).
    p.catch(() => byKey.delete(key));
  }
  return { key, promise: p };
}

/** Forgets what the engine said about the data, so it is read again (after the file changed). */
export function forgetFileData(client: EngineClient): void {
  answers.delete(client);
}

/**
 * The user's data as the engine reads it for this project: asked when the dataset, the project's
 * place or the network's Input shape (which sizes images) changes.
 */
export function useFileData(
  dataset: DatasetRef | undefined,
  projectPath: string | null,
  inputShape: number[] | undefined,
): FileDataState {
  const client = useEngine();
  const ref = dataset && 'file' in dataset && typeof dataset.file === 'string' ? (dataset as FileDatasetRef) : null;
  const refKey = ref ? JSON.stringify(ref) : '';
  const shapeKey = inputShape ? inputShape.join(',') : '';
  const [state, setState] = useState<{ key: string; preview?: DataPreview; error?: FileDataState['error'] } | null>(
    null,
  );
  useEffect(() => {
    if (!refKey) return;
    let live = true;
    const { key, promise } = describe(
      client,
      JSON.parse(refKey) as FileDatasetRef,
      projectPath ?? undefined,
      shapeKey ? shapeKey.split(',').map(Number) : undefined,
    );
    promise.then(
      (preview) => live && setState({ key, preview }),
      (err: Error & { hint?: string }) => live && setState({ key, error: { message: err.message, hint: err.hint } }),
    );
    return () => {
      live = false;
    };
  }, [client, refKey, projectPath, shapeKey]);
  if (!ref) return NOT_FILE;
  const key = JSON.stringify([ref, projectPath ?? null, inputShape ?? null]);
  if (state?.key !== key) return { isFile: true, loading: true };
  return { isFile: true, loading: false, preview: state.preview, error: state.error };
}
