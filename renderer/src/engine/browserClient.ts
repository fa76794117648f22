import type { EngineClient, TemplateEntry } from '../../../shared/protocol/client';
import { pickTextFile, saveTextFile } from './browserFiles';
import { bundledTemplates, describeTemplate, type TemplateSource } from './templates';

/** What training methods say in a plain browser, where there is no trainer process to talk to. */
export const TRAINING_UNAVAILABLE = 'Training needs the Deepwire app or `deepwire serve`.';

const unavailable = (): Promise<never> => Promise.reject(new Error(TRAINING_UNAVAILABLE));

/**
 * The EngineClient of the renderer on its own (a static build opened in a browser, or the dev
 * server): templates bundled at build time, files through the browser, no training.
 */
export function createBrowserClient(templates: TemplateSource = bundledTemplates()): EngineClient {
  const load = async (id: string): Promise<string> => {
    const get = templates[id];
    if (!get) throw new Error(`There is no template "${id}".`);
    return get();
  };
  return {
    async listTemplates() {
      const ids = Object.keys(templates).sort();
      return Promise.all(
        ids.map(async (id): Promise<TemplateEntry> => {
          try {
            return describeTemplate(id, await load(id));
          } catch (err) {
            return { id, ok: false, title: id, error: (err as Error).message };
          }
        }),
      );
    },
    async loadTemplate(id) {
      return { path: id, text: await load(id) };
    },
    async openProjectFile() {
      const file = await pickTextFile();
      return file && { path: file.name, text: file.text };
    },
    saveProjectFile: (path, text, suggestedName) => saveTextFile(path, text, suggestedName),
    listDatasets: async () => [],
    previewDataset: unavailable,
    describeData: unavailable,
    listDataFiles: unavailable,
    chooseDataPath: unavailable,
    backendInfo: unavailable,
    startRun: unavailable,
    stopRun: unavailable,
    requestActivations: unavailable,
    tryInput: unavailable,
    listRuns: async () => [],
    getRun: unavailable,
    exportModel: unavailable,
    chooseExportFolder: unavailable,
    importModel: unavailable,
    onEvent: () => () => {},
  };
}
