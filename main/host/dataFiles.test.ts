import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDataFiles, resolveDataPath } from './dataFiles';
import { Host } from './host';
import { fakeCatalog } from './test/hostFixtures';
import { fileRunStore } from './runStore';

let root = '';
let outside = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dw-served-'));
  outside = await mkdtemp(join(tmpdir(), 'dw-outside-'));
  await mkdir(join(root, 'data', 'pets', 'cat'), { recursive: true });
  await writeFile(join(root, 'data', 'iris.csv'), 'a,b\n1,x\n');
  await writeFile(join(root, 'data', 'notes.docx'), 'not data');
  await mkdir(join(root, 'node_modules'));
  await writeFile(join(outside, 'secret.csv'), 'a\n1\n');
  await symlink(outside, join(root, 'data', 'escape'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('listDataFiles', () => {
  it('lists folders and data files under the served folder, nothing else', async () => {
    const top = await listDataFiles(root);
    expect(top).toMatchObject({ dir: '', entries: [{ name: 'data', path: 'data', kind: 'folder' }] });
    expect(top.parent).toBeUndefined();
    const data = await listDataFiles(root, 'data');
    expect(data.parent).toBe('');
    // The symbolic link leading out of the folder is not offered; neither is a Word file.
    expect(data.entries.map((e) => [e.name, e.kind])).toEqual([
      ['pets', 'folder'],
      ['iris.csv', 'file'],
    ]);
  });

  it('refuses to look outside the served folder', async () => {
    await expect(listDataFiles(root, '..')).rejects.toMatchObject({ code: 'bad-request' });
    await expect(listDataFiles(root, outside)).rejects.toMatchObject({ code: 'bad-request' });
    await expect(listDataFiles(root, 'data/escape')).rejects.toMatchObject({ code: 'bad-request' });
    await expect(listDataFiles(root, 'missing')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('resolveDataPath', () => {
  it('reads a relative file next to the project file', () => {
    const project = join(root, 'projects', 'p.deepwire.json');
    expect(resolveDataPath('../data/iris.csv', project, root, true).path).toBe(join(root, 'data', 'iris.csv'));
    // The browser names only the file: the served folder is the base.
    expect(resolveDataPath('data/iris.csv', 'p.deepwire.json', root, true).path).toBe(join(root, 'data', 'iris.csv'));
  });

  it('confines the browser shell to the served folder (.., absolute paths, links) but not the desktop app', () => {
    for (const file of ['../x.csv', join(outside, 'secret.csv'), 'data/escape/secret.csv'])
      expect(() => resolveDataPath(file, undefined, root, true)).toThrow(/outside the folder Deepwire serves/);
    expect(resolveDataPath(join(outside, 'secret.csv'), undefined, root, false).path).toBe(join(outside, 'secret.csv'));
  });
});

describe('Host.describeData', () => {
  it('resolves the data against the served folder and refuses a way out', async () => {
    const host = new Host({
      catalog: fakeCatalog,
      runs: fileRunStore(join(outside, 'runs')),
      launchTrainer: () => {
        throw new Error('no trainers here');
      },
      projectRoot: root,
      confineToProjectRoot: true,
    });
    const ok = await host.call('describeData', [{ file: 'data/iris.csv', target: 'b' }]);
    expect(ok).toMatchObject({
      ok: true,
      value: { description: { path: join(root, 'data', 'iris.csv'), target: 'b' } },
    });
    const out = await host.call('describeData', [{ file: '../../etc/passwd' }]);
    expect(out).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await host.call('chooseDataPath', ['file'])).toMatchObject({ ok: false, error: { code: 'shell-only' } });
    expect(await host.call('listDataFiles', ['data'])).toMatchObject({ ok: true, value: { dir: 'data' } });
  });
});
