// Says loudly, at the end of `npm test`, when the desktop app's end-to-end journeys did not run
// (issue 15, item 3): a quiet "skipped" in a long list is how a broken desktop shell goes unseen.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Electron's executable, or why there is none (the electron package throws when its download was skipped). */
export function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `the electron package points to ${String(path)}, which does not exist` };
  } catch (error) {
    return { missing: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

/** The Electron project's tests in a Playwright JSON report: how many ran, how many were skipped and why. */
export function electronJourneys(report) {
  const tests = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) if (t.projectName === 'electron') tests.push(t);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  const skipped = tests.filter((t) => t.status === 'skipped');
  const reasons = [
    ...new Set(
      skipped.flatMap((t) => (t.annotations ?? []).filter((a) => a.type === 'skip').map((a) => a.description)),
    ),
  ];
  return { total: tests.length, ran: tests.length - skipped.length, skipped: skipped.length, reasons };
}

/**
 * The banner to print, or null when the journeys ran. `report` is Playwright's JSON (undefined when
 * the end-to-end step did not run), `binary` what electronBinary() found.
 */
export function electronNotice(report, binary) {
  const journeys = report ? electronJourneys(report) : undefined;
  if (journeys && journeys.total > 0 && journeys.skipped === 0) return null;
  if (!journeys && 'path' in binary) return null;
  const why =
    journeys?.reasons[0] ??
    ('missing' in binary
      ? `Electron's binary is not installed here (${binary.missing})`
      : 'the end-to-end step did not run');
  const what =
    journeys && journeys.total > 0
      ? `${journeys.skipped} of ${journeys.total} Electron desktop journeys`
      : 'The Electron desktop journeys';
  const bar = '!'.repeat(100);
  return [
    bar,
    `!! ${what} did NOT run: ${why}`,
    '!! The desktop shell was checked only by main/electron/transports.test.ts and electronShell.test.ts, against a',
    '!! stand-in for Electron. To run the real journeys: npm install electron (with its binary), then npm test again.',
    bar,
  ].join('\n');
}
