import { useMemo } from 'react';
import { newProject, parseProject, serializeProject } from '../../../shared/project';
import { IMPORT_UPLOAD_LIMIT } from '../../../shared/protocol/imports';
import { pickFiles } from '../engine/browserFiles';
import { useEngine } from '../engine/EngineProvider';
import { useEditor } from '../store';
import { askConfirm } from './confirm';
import { useImportStatus } from './importStatus';

/** A file name for a project name: "Tiny CNN" → "tiny-cnn.deepwire.json". */
export function fileNameFor(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'untitled'}.deepwire.json`;
}

const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** Asks before throwing away unsaved changes; true when there are none or the user agrees. */
async function confirmDiscard(): Promise<boolean> {
  if (!useEditor.getState().dirty) return true;
  return askConfirm({
    title: 'Discard unsaved changes?',
    message: `“${useEditor.getState().project.name}” has changes that are not saved. They will be lost.`,
    confirmLabel: 'Discard changes',
    cancelLabel: 'Keep editing',
  });
}

/**
 * Opens a project's text: a readable message (and the canvas untouched) when it is not a project
 * or has errors. `path` null for a template, so Save asks where instead of overwriting it; `asNew`
 * for a template too: each opening is a new project, with an identity (and runs) of its own.
 */
export function openProjectText(
  text: string,
  path: string | null,
  label: string,
  options: { asNew?: boolean } = {},
): boolean {
  performance.mark('deepwire:open');
  const store = useEditor.getState();
  const r = parseProject(text);
  if (!r.ok) {
    store.showOpenError({
      title: `“${label}” cannot be opened`,
      details: r.errors.slice(0, 8).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
    });
    return false;
  }
  store.loadProject(r.project, path, options);
  return true;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** New / Open / Save / Save As / open a template, through the app's EngineClient. */
export function useProjectActions() {
  const client = useEngine();
  return useMemo(() => {
    const save = async (asNew: boolean) => {
      const { project, filePath, markSaved, showOpenError } = useEditor.getState();
      try {
        const r = await client.saveProjectFile(
          asNew ? null : filePath,
          serializeProject(project),
          fileNameFor(project.name),
        );
        if (r) markSaved(r.path);
        return !!r;
      } catch (err) {
        showOpenError({ title: 'The project could not be saved', details: [errorText(err)] });
        return false;
      }
    };
    return {
      newProject: async () => {
        if (await confirmDiscard()) useEditor.getState().loadProject(newProject(), null, { asNew: true });
      },
      open: async () => {
        if (!(await confirmDiscard())) return;
        try {
          const file = await client.openProjectFile();
          if (file) openProjectText(file.text, file.path, baseName(file.path));
        } catch (err) {
          useEditor.getState().showOpenError({ title: 'The file could not be opened', details: [errorText(err)] });
        }
      },
      openTemplate: async (id: string, title: string) => {
        if (!(await confirmDiscard())) return false;
        try {
          const file = await client.loadTemplate(id);
          return openProjectText(file.text, null, title, { asNew: true });
        } catch (err) {
          useEditor
            .getState()
            .showOpenError({ title: `The template “${title}” could not be opened`, details: [errorText(err)] });
          return false;
        }
      },
      /**
       * File → Import…: the user picks a model (and its companion files); the engine imports and
       * checks it, and the new project opens on the canvas with its weights.
       */
      importModel: async () => {
        if (!(await confirmDiscard())) return;
        const files = await pickFiles('.onnx,.keras,.h5,.hdf5,.json,.bin,.data');
        if (!files) return;
        const status = useImportStatus.getState();
        const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
        if (bytes > IMPORT_UPLOAD_LIMIT) {
          status.set({
            state: 'failed',
            title: `${files[0].name} is too large to import from the app (${Math.round(bytes / 2 ** 20)} MB)`,
            details: [`Use the command line: deepwire import ${files[0].name} --out DIR, then open the project.`],
          });
          return;
        }
        status.set({ state: 'running', title: `Importing ${files.map((f) => f.name).join(', ')}…`, details: [] });
        try {
          const r = await client.importModel({ files });
          if (!openProjectText(r.text, r.path, baseName(r.path))) return status.set(null);
          status.set({
            state: 'done',
            title: `Imported ${baseName(r.path)}`,
            details: [
              `Equal to the original within ${r.maxRelativeError.toExponential(1)} on a random batch (${r.runtime}).`,
              ...r.notes,
            ],
          });
        } catch (err) {
          status.set({
            state: 'failed',
            title: 'The model could not be imported',
            details: [errorText(err), (err as { hint?: string } | null)?.hint].filter((d): d is string => !!d),
          });
        }
      },
      save: () => save(false),
      saveAs: () => save(true),
    };
  }, [client]);
}

export type ProjectActions = ReturnType<typeof useProjectActions>;
