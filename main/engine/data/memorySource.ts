import type { DataDescription, DataSource, Examples } from './types';

/**
 * A DataSource over arrays in memory, for tests of the loader and the trainer: it reads like a file
 * reader does (by range) and records the largest range asked for, so a test can see the loader
 * never asked for the whole file at once.
 */
export function memorySource(
  description: Partial<DataDescription> & Pick<DataDescription, 'inputShape' | 'task'>,
  x: Float32Array,
  y: Float32Array,
  split?: Examples['split'],
): DataSource & { largestRead: number; reads: number } {
  const per = description.inputShape.reduce((p, d) => p * d, 1);
  const examples = x.length / per;
  const yw = description.task === 'classification' ? 1 : (description.targetNames?.length ?? 1);
  const source = {
    largestRead: 0,
    reads: 0,
    description: {
      format: 'npy',
      path: '/memory',
      bytes: x.byteLength + y.byteLength,
      examples,
      problems: [],
      ...description,
    } as DataDescription,
    async readRange(start: number, end: number): Promise<Examples> {
      if (start < 0 || end > examples || start > end) throw new RangeError(`bad range ${start}..${end}`);
      source.largestRead = Math.max(source.largestRead, end - start);
      source.reads++;
      return {
        x: x.slice(start * per, end * per),
        y: y.slice(start * yw, end * yw),
        ...(split ? { split: split.slice(start, end) } : {}),
      };
    },
    async close() {},
  };
  return source;
}
