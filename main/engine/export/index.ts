import { ExportError } from './exportError';
import type { Exporter, ExportFormat } from './types';

/**
 * The exporters, one line per format, each loaded when it is used (so exporting to TF.js does not
 * load protobufjs, and the CLI starts fast). A format whose exporter is not written yet maps to
 * `undefined`; adding it is replacing that line with its `import()`.
 */
const EXPORTERS: Record<ExportFormat, (() => Promise<Exporter>) | undefined> = {
  onnx: async () => (await import('./onnx')).onnxExporter,
  tfjs: async () => (await import('./tfjs')).tfjsExporter,
  pytorch: async () => (await import('./pytorch')).pytorchExporter,
  keras: async () => (await import('./keras')).kerasExporter,
};

/** The formats this build can write. */
export function availableFormats(): ExportFormat[] {
  return (Object.keys(EXPORTERS) as ExportFormat[]).filter((f) => EXPORTERS[f] !== undefined);
}

/** The exporter of a format, or an ExportError saying it is not available. */
export async function exporterFor(format: ExportFormat): Promise<Exporter> {
  const load = EXPORTERS[format];
  if (!load)
    throw new ExportError(
      `Exporting to ${format} is not available in this version of Deepwire.`,
      `Choose one of: ${availableFormats().join(', ')}.`,
    );
  return load();
}

export * from './types';
export { ExportError } from './exportError';
export { maxRelativeError } from './compare';
