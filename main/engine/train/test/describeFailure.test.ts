import { describe, expect, it } from 'vitest';
import { describeFailure, estimateTrainingBytes } from '../trainingError';

describe('describeFailure names what went wrong (issue 13, items 11 and 12)', () => {
  it('recognises the wasm backend running out of memory, with the estimated need and advice', () => {
    const error = new WebAssembly.RuntimeError('memory access out of bounds');
    const bytes = estimateTrainingBytes(138_000_000, 15_000_000, 256);
    const f = describeFailure(error, { bytes, batchSize: 256, backend: 'wasm' });
    expect(f.code).toBe('out-of-memory');
    expect(f.message).toMatch(/ran out of memory .* needs about \d+(\.\d)? GB for batches of 256/);
    expect(f.hint).toMatch(/smaller batch size \(e\.g\. 64\).*smaller input image.*native backend/);
    expect(f.hint).not.toMatch(/bug/);
  });

  it('without a context it still says out of memory, not a bug', () => {
    expect(describeFailure(new RangeError('Array buffer allocation failed'))).toMatchObject({ code: 'out-of-memory' });
  });

  it.each([
    ['ENOSPC', /is full/],
    ['EROFS', /not writable/],
    ['EACCES', /not writable/],
    ['ENOTDIR', /not a folder/],
  ])('a %s while writing the run is the runs folder’s problem, said plainly', (code, message) => {
    const error = Object.assign(new Error(`${code}: write failed`), { code, path: '/runs/x/summary.json' });
    const f = describeFailure(error);
    expect(f).toMatchObject({ code: 'runs-folder', message: expect.stringMatching(message) });
    expect(f.hint).toMatch(/DEEPWIRE_RUNS_DIR/);
    expect(`${f.message} ${f.hint}`).not.toMatch(/bug/);
  });
});
