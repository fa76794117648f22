import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, openDataSource } from './index';

const dir = mkdtempSync(join(tmpdir(), 'deepwire-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: string | Buffer) => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};

describe('openDataSource', () => {
  it('tells the format from the extension, a folder, or the first bytes', async () => {
    mkdirSync(join(dir, 'pictures'));
    expect(await detectFormat(join(dir, 'pictures'))).toBe('images');
    for (const [name, format] of [
      ['a.csv', 'csv'],
      ['a.TSV', 'csv'],
      ['a.npy', 'npy'],
      ['a.npz', 'npz'],
      ['a.fits', 'fits'],
      ['a.fit.gz', 'fits'],
      ['a.h5', 'hdf5'],
      ['a.hdf5', 'hdf5'],
    ]) {
      expect(await detectFormat(file(name, ''))).toBe(format);
    }
    expect(await detectFormat(file('noext1', Buffer.from('\x93NUMPY\x01\x00', 'latin1')))).toBe('npy');
    expect(await detectFormat(file('noext2', Buffer.from('\x89HDF\r\n\x1a\n', 'latin1')))).toBe('hdf5');
    expect(await detectFormat(file('noext3', 'SIMPLE  =                    T'))).toBe('fits');
    expect(await detectFormat(file('noext4', 'a,b\n1,2\n'))).toBe('csv');
  });

  it('says what is wrong with a path it cannot use', async () => {
    await expect(openDataSource(join(dir, 'missing.csv'))).rejects.toMatchObject({
      name: 'DataError',
      code: 'not-found',
    });
    await expect(openDataSource(file('cat.jpg', 'x'))).rejects.toMatchObject({
      code: 'unknown-format',
      hint: expect.stringContaining('one sub-folder of pictures per class'),
    });
    await expect(openDataSource(file('text.npy', 'hello'))).rejects.toMatchObject({
      code: 'bad-header',
      message: expect.stringContaining('is not a NumPy .npy file'),
    });
  });
});
