import { describe, expect, it } from 'vitest';
import { electronJourneys, electronNotice } from './electronNotice.mjs';

const test = (projectName: string, status: string, reason?: string) => ({
  projectName,
  status,
  annotations: reason ? [{ type: 'skip', description: reason }] : [],
});
const report = (...tests: unknown[]) => ({ suites: [{ suites: [{ specs: [{ tests }] }] }] });
const noBinary = { missing: 'Electron failed to install correctly' };

describe('the notice that the Electron journeys did not run', () => {
  it('counts the electron project’s journeys and why they were skipped', () => {
    const r = report(
      test('served', 'expected'),
      test('electron', 'skipped', 'no binary'),
      test('electron', 'skipped', 'no binary'),
    );
    expect(electronJourneys(r)).toEqual({ total: 2, ran: 0, skipped: 2, reasons: ['no binary'] });
  });

  it('is loud when they were skipped, naming how many and why', () => {
    const text = electronNotice(
      report(test('electron', 'skipped', 'Electron is not installed here'), test('electron', 'skipped')),
      noBinary,
    );
    expect(text).toMatch(/^!{100}\n!! 2 of 2 Electron desktop journeys did NOT run: Electron is not installed here\n/);
    expect(text).toContain('npm install electron');
  });

  it('speaks also when the end-to-end step did not run and there is no binary', () => {
    expect(electronNotice(undefined, noBinary)).toMatch(
      /The Electron desktop journeys did NOT run: Electron's binary is not installed here \(Electron failed/,
    );
  });

  it('stays quiet when they ran', () => {
    expect(electronNotice(report(test('electron', 'expected')), noBinary)).toBeNull();
    expect(electronNotice(undefined, { path: '/usr/bin/electron' })).toBeNull();
  });
});
