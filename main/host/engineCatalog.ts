import type { BackendInfo } from '../../shared/protocol/client';
import { listDatasets, previewDataset } from '../engine/datasets';
import type { HostCatalog } from './host';
import type { TrainerBackend } from './trainerBackend';
import { listTemplates, loadTemplate } from './templates';

/** The seed dataset previews are generated with, so the same preview shows every time. */
const PREVIEW_SEED = 42;

/**
 * The catalog backed by the real engine: templates from `templatesDir`, the built-in datasets, and
 * the backend report, which `trainerBackend` asks of a probe process started like the trainers
 * (once, then kept): TF.js never loads in the host, which may be Electron's main process, and the
 * report is what training really gets there, not what the host process could load.
 */
export function engineCatalog(templatesDir: string, trainerBackend: TrainerBackend): HostCatalog {
  return {
    listTemplates: () => listTemplates(templatesDir),
    loadTemplate: (id) => loadTemplate(templatesDir, id),
    listDatasets: async () => listDatasets(),
    previewDataset: (id, count) => previewDataset(id, { seed: PREVIEW_SEED }, count),
    describeData: async (path, dataset, inputShape) => {
      // The readers load sharp and h5wasm: only when someone has data to look at.
      const { openDataSource } = await import('../engine/data/index');
      const { previewData } = await import('../engine/data/previewData');
      const { file: _file, ...options } = dataset;
      const source = await openDataSource(path, options, { inputShape });
      try {
        return await previewData(source);
      } finally {
        await source.close();
      }
    },
    backendInfo: (): Promise<BackendInfo> => trainerBackend.info(),
  };
}
