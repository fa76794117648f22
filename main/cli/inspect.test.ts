import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(__dirname, '../../bin/deepwire.mjs');
const dir = mkdtempSync(join(tmpdir(), 'deepwire-inspect-'));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'inspect', ...args], { encoding: 'utf8' });
const file = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};

const project = (nodes: unknown[], edges: unknown[]) => ({
  format: 'deepwire-project',
  version: 2,
  name: 'T',
  graph: { nodes, edges },
});
const mlp = project(
  [
    { id: 'in', kind: 'Input', params: { shape: [784] } },
    { id: 'h', kind: 'Dense', params: { units: 128, activation: 'relu' } },
    { id: 'out', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
  ],
  [
    { source: 'in', target: 'h' },
    { source: 'h', target: 'out' },
  ],
);

describe('deepwire inspect', () => {
  it('prints the exact JSON contract and exits 0 for a valid project', () => {
    const r = run(file('mlp.json', mlp), '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      valid: true,
      errors: [],
      nodes: [
        { id: 'in', kind: 'Input', outputShape: [null, 784], params: 0 },
        { id: 'h', kind: 'Dense', outputShape: [null, 128], params: 100480 },
        { id: 'out', kind: 'Dense', outputShape: [null, 10], params: 1290 },
      ],
      totalParams: 101770,
      trainableParams: 101770,
      nonTrainableParams: 0,
    });
  });

  it('prints a Keras-style table', () => {
    const r = run(file('mlp2.json', mlp));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/h\s+Dense\s+\(None, 128\)\s+100,480/);
    expect(r.stdout).toMatch(/Total params: 101,770/);
  });

  it('exits 1 with node-anchored errors for an invalid project', () => {
    const bad = project(
      [
        { id: 'in', kind: 'Input', params: { shape: [4] } },
        { id: 'd', kind: 'Dense', params: { units: -1 } },
      ],
      [{ source: 'in', target: 'd' }],
    );
    const r = run(file('invalid.json', bad), '--json');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(false);
    expect(out.errors[0]).toMatchObject({ nodeId: 'd', message: expect.stringMatching(/units must be at least 1/) });
  });

  it.each([
    ['a missing file', join(dir, 'nope.json'), /does not exist/],
    ['a file that is not JSON', file('x.json', 'hello'), /not valid JSON/],
    ['a file that is not a project', file('y.json', { a: 1 }), /not a Deepwire project/],
  ])('exits 2 for %s', (_, path, message) => {
    const r = run(path);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
