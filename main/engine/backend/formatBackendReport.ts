import { type BackendReport } from './backendTypes';

/**
 * The backend report as the lines `deepwire doctor` prints: what runs the maths, then each backend
 * tried, best first, with why it was or was not used.
 */
export function formatBackendReport(report: BackendReport, tfjsVersion?: string): string {
  const width = Math.max(...report.tried.map((t) => t.name.length));
  const lines = [
    `Backend:  ${report.backend} (${report.package}${tfjsVersion ? `, TensorFlow.js ${tfjsVersion}` : ''})`,
    `Device:   ${report.device}`,
    `Chosen:   ${report.forcedBy ? `forced by DEEPWIRE_BACKEND=${report.forcedBy}` : 'automatically, the best that loads'}`,
    'Tried, best first:',
    ...report.tried.map((t) => `  ${t.ok ? 'used   ' : 'skipped'}  ${t.name.padEnd(width)}  ${t.reason}`),
  ];
  if (report.trainingKernels.length > 0) {
    lines.push(`Training kernels supplied by Deepwire: ${report.trainingKernels.join(', ')}`);
  }
  return lines.join('\n');
}
