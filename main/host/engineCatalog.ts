import type { BackendInfo } from '../../shared/protocol/client';
import { listDatasets, previewDataset } from '../engine/datasets';
import type { HostCatalog } from './host';
import { listTemplates, loadTemplate } from './templates';

/** The seed dataset previews are generated with, so the same preview shows every time. */
const PREVIEW_SEED = 42;

/**
 * The catalog backed by the real engine: templates from `templatesDir`, the built-in datasets, and
 * the backend report. The report loads tfjs, so it is computed once, on first request.
 */
export function engineCatalog(templatesDir: string): HostCatalog {
  let backend: Promise<BackendInfo> | undefined;
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
    backendInfo: () =>
      (backend ??= (async () => {
        const { selectBackend } = await import('../engine/backend');
        const report = await selectBackend();
        return { backend: report.backend, device: report.device, tried: report.tried };
      })()),
  };
}
