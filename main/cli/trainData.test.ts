import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runTrain } from './train';

const out = mkdtempSync(join(tmpdir(), 'deepwire-cli-data-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** A project trained on XOR whose network takes 3 numbers and says one of 2 classes. */
function projectFile(): string {
  const path = join(out, 'p.deepwire.json');
  const project = {
    format: 'deepwire-project',
    version: 2,
    name: 'CSV via CLI',
    graph: {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [3] } },
        { id: 'h', kind: 'Dense', params: { units: 8, activation: 'relu' } },
        { id: 'o', kind: 'Dense', params: { units: 2, activation: 'softmax' } },
      ],
      edges: [
        { source: 'in', target: 'h' },
        { source: 'h', target: 'o' },
      ],
    },
    training: { dataset: { builtin: 'xor' }, epochs: 2, batchSize: 8 },
  };
  writeFileSync(path, JSON.stringify(project));
  return path;
}

/** 60 rows: two numbers, a label in the middle column, and a column the target option skips. */
function csvFile(): string {
  const path = join(out, 'points.csv');
  const rows = ['a,label,b,size'];
  for (let i = 0; i < 60; i++) rows.push(`${i % 7},${i % 2 ? 'odd' : 'even'},${(i * 3) % 5},${i}`);
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

async function capture(args: string[]) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (lines.push(String(s)), true));
  try {
    return { code: await runTrain(args), text: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
    write.mockRestore();
  }
}

describe('deepwire train --data', () => {
  it('trains the project on a CSV file named on the command line, with the target column chosen', async () => {
    const { code, text } = await capture([
      projectFile(),
      '--data',
      csvFile(),
      '--target',
      'label',
      '--out',
      out,
      '--backend',
      'cpu',
    ]);
    expect(text).toMatch(/Done after 2 epochs/);
    expect(code).toBe(0);
    const runDir = readdirSync(out, { withFileTypes: true }).find((e) => e.isDirectory())!.name;
    const record = JSON.parse(readFileSync(join(out, runDir, 'data.json'), 'utf8'));
    expect(record).toMatchObject({
      path: join(out, 'points.csv'),
      target: 'label',
      classes: [{ name: 'even' }, { name: 'odd' }],
    });
    // The run's project says what it was trained on.
    const project = JSON.parse(readFileSync(join(out, runDir, 'project.deepwire.json'), 'utf8'));
    expect(project.training.dataset).toEqual({ file: join(out, 'points.csv'), target: 'label' });
  }, 120_000);

  it('refuses --target without --data, and a --data path that is not there', async () => {
    expect((await capture([projectFile(), '--target', 'label'])).code).toBe(2);
    const missing = await capture([projectFile(), '--data', join(out, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.text).toMatch(/there is no file or folder/);
  });
});
