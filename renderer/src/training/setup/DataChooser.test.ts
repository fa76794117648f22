import { describe, expect, it } from 'vitest';
import { relativeToProject } from './DataChooser';

describe('relativeToProject', () => {
  it('names data inside the project folder relative to the project file, anything else as chosen', () => {
    expect(relativeToProject('/home/ann/stars/p.deepwire.json', '/home/ann/stars/data/cat.fits')).toBe('data/cat.fits');
    expect(relativeToProject('C:\\Users\\ann\\p.deepwire.json', 'C:\\Users\\ann\\pics')).toBe('pics');
    expect(relativeToProject('/home/ann/stars/p.deepwire.json', '/home/ann/starsX/a.csv')).toBe(
      '/home/ann/starsX/a.csv',
    );
    expect(relativeToProject(null, '/data/a.csv')).toBe('/data/a.csv');
  });
});
