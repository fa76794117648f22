import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../datasets';
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

  it.each([
    ['too-large', 'dataset-too-large'],
    ['bad-option', 'dataset-options'],
    ['unknown-dataset', 'dataset-missing'],
    ['data-missing', 'dataset-missing'],
  ] as const)('a dataset error %s is reported as %s, not always as missing (issue 13, item 15)', (from, to) => {
    const f = describeFailure(new DatasetError(from, 'What went wrong.', 'What to do.'));
    expect(f).toEqual({ code: to, message: 'What went wrong.', hint: 'What to do.' });
  });
});
