import { describe, expect, it } from 'vitest';
import { permute } from './tensorMath';

describe('permute', () => {
  it('transposes like numpy', () => {
    expect([...permute([1, 2, 3, 4, 5, 6], [2, 3], [1, 0])]).toEqual([1, 4, 2, 5, 3, 6]);
    const d = Float32Array.from({ length: 24 }, (_, i) => i);
    const p = permute(d, [2, 3, 4], [2, 0, 1]); // out[k, i, j] = in[i, j, k]
    for (const [i, j, k] of [
      [1, 2, 1],
      [0, 1, 3],
      [1, 0, 0],
    ])
      expect(p[k * 6 + i * 3 + j]).toBe(d[i * 12 + j * 4 + k]);
  });
});
