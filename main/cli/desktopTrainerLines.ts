import type { TrainerBackendReport } from '../../shared/protocol/backendProbe';

/**
 * `deepwire doctor`'s lines about the desktop app's trainer: the backend it reported when the app
 * last asked (its trainer runs in Electron's utilityProcess, which this terminal cannot start), and
 * why each better backend was not used there.
 */
export function desktopTrainerLines(report: TrainerBackendReport | undefined): string[] {
  if (!report) {
    return ['Desktop:  no report yet (the desktop app writes one when its Train panel first opens).'];
  }
  const lines = [
    `Desktop:  the app's trainer got ${report.backend} (${report.package}): ${report.device}`,
    `          process: ${report.runsIn}; asked ${report.probedAt.replace('T', ' ').slice(0, 16)} UTC`,
  ];
  for (const t of report.tried.filter((a) => !a.ok)) lines.push(`          not ${t.name}: ${t.reason}`);
  return lines;
}
