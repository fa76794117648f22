import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tinyOnnx } from '../engine/import/onnx/test/tinyOnnx';
import { runImport } from './import';

const dir = mkdtempSync(join(tmpdir(), 'dw-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
});
afterEach(() => vi.restoreAllMocks());

describe('deepwire import', () => {
  it('writes the project and its weights, and says how close it is to the original', async () => {
    const file = join(dir, 'tiny.onnx');
    writeFileSync(file, tinyOnnx());
    expect(await runImport([file, '--out', join(dir, 'out')])).toBe(0);
    expect(out.join('\n')).toMatch(/Imported 3 layers, 23 parameters/);
    expect(out.join('\n')).toMatch(/max relative difference \d\.\d\de[-+]\d+/);
    const project = JSON.parse(readFileSync(join(dir, 'out', 'tiny.deepwire.json'), 'utf8')) as {
      weights: string;
      graph: { nodes: { id: string; kind: string; params: Record<string, unknown> }[] };
    };
    expect(project.weights).toBe('tiny.weights/model.json');
    expect(project.graph.nodes.map((n) => `${n.id}:${n.kind}:${String(n.params.activation ?? '')}`)).toEqual([
      'input:Input:',
      'fc1:Dense:relu',
      'fc2:Dense:',
    ]);
    expect(existsSync(join(dir, 'out', 'tiny.weights', 'weights.bin'))).toBe(true);
  });

  it('an unsupported operator: exit 1 with the node named and what to do; nothing written', async () => {
    const file = join(dir, 'erf.onnx');
    writeFileSync(file, tinyOnnx('Erf'));
    expect(await runImport([file, '--out', join(dir, 'erf')])).toBe(1);
    expect(err.join('\n')).toMatch(/Erf node "\/Erf" \(node 2 of the graph in .*erf\.onnx\) cannot be imported/);
    expect(err.join('\n')).toMatch(/--partial/);
    expect(existsSync(join(dir, 'erf', 'erf.deepwire.json'))).toBe(false);
    expect(await runImport([file, '--out', join(dir, 'erf'), '--partial'])).toBe(0);
    expect(out.join('\n')).toMatch(/Imported up to Erf node/);
  });

  it('bad arguments: exit 2 with the usage', async () => {
    expect(await runImport(['model.onnx'])).toBe(2);
    expect(err[0]).toMatch(/give one model file and --out DIR/);
    expect(await runImport(['m.onnx', '--out', 'x', '--input-shape', '3,a'])).toBe(2);
    expect(err[1]).toMatch(/--input-shape takes whole numbers/);
    expect(await runImport(['run/model.safetensors'])).toBe(2);
    expect(err[2]).toMatch(/say which project they belong to with --project/);
  });
});
