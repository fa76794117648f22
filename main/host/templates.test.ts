import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostError } from './hostError';
import { listTemplates, loadTemplate } from './templates';

const templatesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

describe('listTemplates / loadTemplate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deepwire-templates-'));
    await copyFile(join(templatesDir, 'lenet5.deepwire.json'), join(dir, 'lenet5.deepwire.json'));
    await copyFile(join(templatesDir, 'perceptron.deepwire.json'), join(dir, 'perceptron.deepwire.json'));
    await writeFile(
      join(dir, 'broken.deepwire.json'),
      '{ "format": "deepwire-project", "version": 1, "graph": { "nodes": [ ',
    );
    await writeFile(
      join(dir, 'future.deepwire.json'),
      JSON.stringify({ format: 'deepwire-project', version: 99, graph: { nodes: [] } }),
    );
    await writeFile(
      join(dir, 'bad-graph.deepwire.json'),
      JSON.stringify({
        format: 'deepwire-project',
        version: 2,
        name: 'Bad',
        graph: { nodes: [{ id: 'x', kind: 'Warp', params: {} }] },
      }),
    );
    await writeFile(join(dir, 'notes.txt'), 'not a template');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives a broken file an error entry and still loads the others', async () => {
    const entries = await listTemplates(dir);
    expect(entries.map((e) => [e.id, e.ok])).toEqual([
      ['bad-graph.deepwire.json', false],
      ['broken.deepwire.json', false],
      ['future.deepwire.json', false],
      ['lenet5.deepwire.json', true],
      ['perceptron.deepwire.json', true],
    ]);
    const byId = Object.fromEntries(entries.map((e) => [e.id, e]));
    expect(byId['broken.deepwire.json'].error).toMatch(/not valid JSON/);
    expect(byId['broken.deepwire.json'].title).toBe('broken');
    expect(byId['future.deepwire.json'].error).toMatch(/newer Deepwire/);
    expect(byId['bad-graph.deepwire.json'].error).toMatch(/"Warp", which Deepwire does not know/);
    expect(byId['lenet5.deepwire.json']).toEqual({
      id: 'lenet5.deepwire.json',
      ok: true,
      title: 'LeNet-5',
      summary: expect.stringContaining('LeCun'),
      citation: expect.stringContaining('Gradient-based learning'),
      category: 'Classic CNNs',
      params: 61706,
      inputShape: [28, 28, 1],
      dataset: 'mnist',
    });
  });

  it('lists every shipped template without an error', async () => {
    const entries = await listTemplates(templatesDir);
    expect(entries.filter((e) => !e.ok)).toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(26);
  });

  it('loads a template by its file name and refuses anything else', async () => {
    const ref = await loadTemplate(dir, 'perceptron.deepwire.json');
    expect(ref.path).toBe(join(dir, 'perceptron.deepwire.json'));
    expect(JSON.parse(ref.text).template.title).toBe('Perceptron');
    await expect(loadTemplate(dir, 'missing.deepwire.json')).rejects.toMatchObject({ code: 'not-found' });
    await expect(loadTemplate(dir, '../package.json')).rejects.toBeInstanceOf(HostError);
    await expect(loadTemplate(dir, '../x.deepwire.json')).rejects.toMatchObject({ code: 'bad-request' });
  });
});
