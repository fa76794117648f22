import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runTrain } from './train';
import { progressPrinter } from './trainProgress';

const out = mkdtempSync(join(tmpdir(), 'deepwire-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function projectFile(name: string, shape: number[], training: Record<string, unknown>): string {
  const path = join(out, `${name}.deepwire.json`);
  const project = {
    format: 'deepwire-project',
    version: 2,
    name,
    graph: {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape } },
        { id: 'h', kind: 'Dense', params: { units: 8, activation: 'tanh' } },
        { id: 'o', kind: 'Dense', params: { units: 1 } },
      ],
      edges: [
        { source: 'in', target: 'h' },
        { source: 'h', target: 'o' },
      ],
    },
    training: { dataset: { builtin: 'xor', options: { size: 200 } }, loss: 'hinge', epochs: 2, ...training },
  };
  writeFileSync(path, JSON.stringify(project));
  return path;
}

async function capture(args: string[]) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (lines.push(String(s)), true));
  try {
    return { code: await runTrain(args), text: lines.join('') };
  } finally {
    log.mockRestore();
    err.mockRestore();
    write.mockRestore();
  }
}

describe('deepwire train', () => {
  it('trains and saves a run; exit 0', async () => {
    const { code, text } = await capture([
      projectFile('ok', [2], {}),
      '--out',
      out,
      '--backend',
      'cpu',
      '--epochs',
      '1',
    ]);
    expect(code).toBe(0);
    expect(text).toMatch(/epoch 1\/1: loss/);
    expect(readdirSync(out).some((d) => d.includes('ok'))).toBe(true);
  }, 60_000);

  it('exits non-zero with a message on a dataset mismatch, a NaN loss, a bad file and bad arguments', async () => {
    const mismatch = await capture([projectFile('mismatch', [3], {}), '--out', out, '--backend', 'cpu']);
    expect(mismatch.code).toBe(1);
    expect(mismatch.text).toMatch(/expects examples of shape \[3\]/);
    const nan = await capture([
      projectFile('nan', [2], { loss: 'meanSquaredError', optimizer: { kind: 'sgd', learningRate: 1e9 } }),
      '--out',
      out,
      '--backend',
      'cpu',
    ]);
    expect(nan.code).toBe(1);
    expect(nan.text).toMatch(/loss became/);
    expect((await capture([join(out, 'missing.json')])).code).toBe(2);
    expect((await capture(['--epochs', 'x', 'a.json'])).code).toBe(2);
  }, 60_000);

  it('prints plain lines without a TTY and a bar on one', () => {
    const plain: string[] = [];
    const bar: string[] = [];
    const batch = {
      type: 'batch',
      runId: 'r',
      epoch: 0,
      batch: 4,
      batchesPerEpoch: 10,
      metrics: { loss: 0.5 },
    } as const;
    progressPrinter({ isTTY: false, write: (s: string) => plain.push(s) })(batch);
    progressPrinter({ isTTY: true, write: (s: string) => bar.push(s) })(batch);
    expect(plain).toEqual([]);
    expect(bar[0]).toMatch(/epoch 1 \[█+·+\] 50%/);
  });
});
