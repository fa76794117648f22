import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Python, which has numpy, astropy and h5py (the first python3 on PATH may not). */
export const PYTHON = process.env.DEEPWIRE_PYTHON ?? '/usr/bin/python3';

/** Files written by writeData.py, the values the writing library reads back, or why there are none. */
export interface PythonData {
  dir: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the manifest's shape differs per file
  expected: Record<string, any>;
  /** Set when Python or the module is missing: the tests of this kind skip, saying this. */
  skip?: string;
}

/**
 * Run writeData.py for one kind of data (npy, fits, hdf5) into a fresh temporary folder.
 * Skips (with the reason printed) only when Python or the module is missing.
 */
export function pythonData(kind: 'npy' | 'fits' | 'hdf5'): PythonData {
  const dir = mkdtempSync(join(tmpdir(), `deepwire-${kind}-`));
  if (!existsSync(PYTHON)) return skipped(dir, `${PYTHON} is not installed`);
  const r = spawnSync(PYTHON, [join(import.meta.dirname, 'writeData.py'), kind, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`writeData.py ${kind} failed:\n${r.stderr}`);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  if (expected.missing) return skipped(dir, `the Python module ${expected.missing} is not installed for ${PYTHON}`);
  return { dir, expected };
}

function skipped(dir: string, why: string): PythonData {
  console.log(`skipping the tests on files written by Python: ${why}`);
  return { dir, expected: {}, skip: why };
}
