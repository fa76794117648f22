import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDataSource } from './index';
import { pythonData } from './test/pythonData';

const py = pythonData('fits');
afterAll(() => rmSync(py.dir, { recursive: true, force: true }));
const at = (name: string) => join(py.dir, name);

describe.skipIf(py.skip)('FITS, written by astropy', () => {
  it.each(['bitpix8', 'bitpix16', 'bitpix32', 'bitpix64', 'bitpixm32', 'bitpixm64'])(
    '%s: a cube of 4 images of 3×2',
    async (name) => {
      const s = await openDataSource(at(`${name}.fits`));
      const d = s.description;
      expect(d.format).toBe('fits');
      expect(d.dtype).toBe(`BITPIX ${name.replace('bitpix', '').replace('m', '-')}`);
      expect(d.examples).toBe(4);
      expect(d.inputShape).toEqual([3, 2, 1]);
      expect(Array.from((await s.readRange(0, 4)).x)).toEqual(py.expected[`${name}.fits`].values);
      expect(Array.from((await s.readRange(3, 4)).x)).toEqual(py.expected[`${name}.fits`].values.slice(18));
      await s.close();
    },
  );

  it('applies BSCALE and BZERO, and reads unsigned 16-bit data (BZERO 32768)', async () => {
    const scaled = await openDataSource(at('scaled.fits'));
    expect(scaled.description.dtype).toBe('BITPIX 16 (BSCALE 0.5, BZERO 100)');
    expect(Array.from((await scaled.readRange(0, 4)).x)).toEqual(py.expected['scaled.fits'].values);
    const u16 = await openDataSource(at('uint16.fits'));
    const values = Array.from((await u16.readRange(0, 4)).x);
    expect(values).toEqual(py.expected['uint16.fits'].values);
    expect(Math.max(...values)).toBe(57500);
  });

  it('cut-outs in an image extension, labelled by a string column of a table in another HDU', async () => {
    for (const name of ['cutouts.fits', 'cutouts.fits.gz']) {
      const s = await openDataSource(at(name), { hdu: 'CUTOUTS', labelHdu: 'META', target: 'CLASS' });
      const d = s.description;
      expect(d).toMatchObject({
        examples: 6,
        inputShape: [8, 8, 1],
        task: 'classification',
        target: 'CLASS',
        dtype: 'BITPIX -32',
      });
      expect(d.classes).toEqual([
        { name: 'GALAXY', count: 2 },
        { name: 'QSO', count: 1 },
        { name: 'STAR', count: 3 },
      ]);
      const r = await s.readRange(0, 6);
      expect(Array.from(r.y)).toEqual(py.expected['cutouts.fits'].labels);
      expect(Array.from(r.x)).toEqual(py.expected['cutouts.fits'].values);
    }
    // Without options: the first HDU with data, labels from the table with one row per cut-out, its last column.
    const auto = await openDataSource(at('cutouts.fits'));
    expect(auto.description).toMatchObject({ examples: 6, target: 'CLASS' });
  });

  it('a binary table as a table: numbers, vectors, TZERO unsigned, 64-bit, strings; the same column choices as CSV', async () => {
    const s = await openDataSource(at('cutouts.fits'), { hdu: 2 });
    const d = s.description;
    expect(d.target).toBe('CLASS');
    expect(d.task).toBe('classification');
    expect(d.columns?.map((c) => [c.name, c.type])).toEqual([
      ['ID', 'number'],
      ['MAG', 'number'],
      ['FLUX', 'number'],
      ['FLAGS', 'number'],
      ['NAME', 'text'],
      ['CLASS', 'category'],
    ]);
    expect(d.columns?.find((c) => c.name === 'FLUX')?.width).toBe(3);
    expect(d.columns?.find((c) => c.name === 'MAG')?.missing).toBe(1);
    // NAME is text (every value different): left out. FLUX is 3 values wide.
    expect(d.features?.map((f) => f.name)).toEqual(['ID', 'MAG', 'FLUX', 'FLAGS']);
    expect(d.inputShape).toEqual([6]);
    const t = py.expected.table;
    const r = await s.readRange(0, 6);
    const row = (i: number) => Array.from(r.x.subarray(i * 6, i * 6 + 6));
    // The missing MAG stays NaN: the loader fills it with the training split's mean.
    expect(row(2)).toEqual([t.ID[2], NaN, ...t.FLUX.slice(6, 9), t.FLAGS[2]].map(Math.fround));
    expect(row(3)[5]).toBe(65535);
    expect(d.problems.map((p) => p.code)).toEqual(['missing-values']);
    // A number target: regression; the row without a magnitude is left out.
    const mag = await openDataSource(at('cutouts.fits'), { hdu: 'META', target: 'MAG', features: ['FLAGS', 'CLASS'] });
    expect(mag.description).toMatchObject({ task: 'regression', examples: 5, inputShape: [4], targetNames: ['MAG'] });
    const m = await mag.readRange(2, 4);
    expect(Array.from(m.y)).toEqual([20, 17.75]);
    expect(Array.from(m.x)).toEqual([65535, 0, 1, 0, 2, 1, 0, 0]);
  });

  it('names bad input: a cut-off file, one class, an HDU that is not there, a file that is not FITS', async () => {
    await expect(openDataSource(at('cutouts_cut.fits'), { hdu: 1 })).rejects.toMatchObject({
      code: 'truncated',
      message: 'cutouts_cut.fits is cut off inside the header of HDU 2.',
    });
    await expect(openDataSource(at('cutouts_cutdata.fits'), { hdu: 1 })).rejects.toMatchObject({
      code: 'truncated',
      message: expect.stringMatching(
        /cutouts_cutdata\.fits is cut off: HDU 1 \(CUTOUTS\) needs 1536 bytes of data but the file ends \d+ bytes short/,
      ),
    });
    const one = await openDataSource(at('oneclass.fits'));
    expect(one.description.problems.find((p) => p.code === 'one-class')?.severity).toBe('error');
    await expect(openDataSource(at('cutouts.fits'), { hdu: 'SPECTRA' })).rejects.toMatchObject({
      code: 'no-such-array',
      hint: 'Its HDUs are: HDU 0 no data; HDU 1 (CUTOUTS) image 6×8×8; HDU 2 (META) table of 6 rows.',
    });
    writeFileSync(at('fake.fits'), 'SIMPLE = maybe'.padEnd(2880));
    await expect(openDataSource(at('fake.fits'))).rejects.toMatchObject({ code: 'bad-header' });
  });
});
