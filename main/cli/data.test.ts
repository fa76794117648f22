import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(__dirname, '../../bin/deepwire.mjs');
const fixtures = join(__dirname, '../engine/data/fixtures');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'data', ...args], { encoding: 'utf8' });

describe('deepwire data inspect', () => {
  it('prints the exact JSON contract and exits 0 for readable data, warnings and all', () => {
    const r = run('inspect', join(fixtures, 'readings.tsv'), '--json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual([
      'format',
      'examples',
      'inputShape',
      'task',
      'classes',
      'target',
      'features',
      'problems',
    ]);
    expect(json).toMatchObject({
      format: 'csv',
      examples: 4,
      inputShape: [2],
      task: 'regression',
      classes: null,
      target: 'y',
      features: [
        { name: 'x1', type: 'number' },
        { name: 'x2', type: 'number' },
      ],
    });
    expect(json.problems.map((p: { code: string }) => p.code)).toEqual([
      'ragged-row',
      'text-in-number-column',
      'missing-target',
    ]);
  });

  it('takes --target and prints a summary for people', () => {
    const r = run('inspect', join(fixtures, 'pets.csv'), '--target', 'indoor');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Task: classification of 'indoor' into 2 classes");
    expect(r.stdout).toMatch(/colour +category +5 values +\(1 missing\)/);
    expect(r.stdout).toContain('Left out: name (text), notes (text)');
  });

  it('exits 2 for data it cannot read and for wrong arguments, saying why', () => {
    const missing = run('inspect', join(fixtures, 'nope.csv'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Deepwire cannot find');
    const column = run('inspect', join(fixtures, 'pets.csv'), '--target', 'size');
    expect(column.status).toBe(2);
    expect(column.stderr).toContain("pets.csv has no column 'size'");
    expect(run('inspect').status).toBe(2);
    expect(run('look', 'x').status).toBe(2);
    expect(run('inspect', 'x', '--format', 'xlsx').stderr).toContain(
      '--format must be one of csv, images, npy, npz, fits, hdf5',
    );
  });
});
