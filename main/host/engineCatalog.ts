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
    backendInfo: () =>
      (backend ??= (async () => {
        const { selectBackend } = await import('../engine/backend');
        const report = await selectBackend();
        return { backend: report.backend, device: report.device, tried: report.tried };
      })()),
  };
}
