/** Types of electronNotice.mjs (a plain Node script, run by scripts/test.mjs without a build step). */
export type ElectronBinary = { path: string } | { missing: string };
export function electronBinary(): ElectronBinary;
export function electronJourneys(report: unknown): { total: number; ran: number; skipped: number; reasons: string[] };
export function electronNotice(report: unknown, binary: ElectronBinary): string | null;
