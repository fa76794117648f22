import type { DataFingerprint } from './dataHash';
import type { SplitFractions, SplitName } from './splits';
import type { DataDescription, FileDatasetRef } from './types';

/**
 * What a run trained on, saved as `data.json` in its folder: where the data was, its size and
 * content hash, the options it was read with, what was read (columns, classes, shape) and how it
 * was split, so a later run on the same project can say when the data changed under it.
 */
export interface DataRecord extends DataFingerprint {
  /** `training.dataset.file` as the project gave it (relative to the project file, or absolute). */
  file: string;
  format: DataDescription['format'];
  /** The dataset options besides `file` (target, features, image size, arrays, HDU, fractions…). */
  options: Omit<FileDatasetRef, 'file'>;
  examples: number;
  inputShape: number[];
  task: DataDescription['task'];
  target?: string;
  classes?: { name: string; count: number }[];
  targetNames?: string[];
  features?: { name: string; type: string }[];
  columns?: { name: string; type: string }[];
  dtype?: string;
  seed: number;
  fractions: SplitFractions;
  splitColumn?: string;
  splits: Record<SplitName, number>;
  /** Read into memory once, or streamed from disk in chunks. */
  read: 'memory' | 'streamed';
}

const optionsText = (o: object) => JSON.stringify(o, Object.keys(o).sort());

/**
 * Plain sentences saying how `now` differs from the data an earlier run (`runId`) used; none when
 * it is the same data read the same way.
 */
export function describeDataChange(before: DataRecord, now: DataRecord, runId: string): string[] {
  const out: string[] = [];
  if (before.path !== now.path) {
    out.push(`This run reads ${now.path}; run ${runId} read ${before.path}.`);
  } else if (before.sha256 !== now.sha256) {
    const size =
      before.bytes === now.bytes ? `the same size (${now.bytes} bytes)` : `${now.bytes} bytes (was ${before.bytes})`;
    out.push(
      `The data changed since run ${runId}: ${now.path} has other content now (${size}, modified ${now.modified}; SHA-256 ${now.sha256.slice(0, 12)}…, was ${before.sha256.slice(0, 12)}…). Its numbers are not comparable one to one with that run's.`,
    );
  }
  if (before.path === now.path && optionsText(before.options) !== optionsText(now.options))
    out.push(
      `The data is read with other options than in run ${runId}: ${optionsText(now.options)} (was ${optionsText(before.options)}).`,
    );
  if (before.examples !== now.examples && before.sha256 === now.sha256)
    out.push(`This run uses ${now.examples} examples; run ${runId} used ${before.examples}.`);
  return out;
}

/** The record's `splits` and `fractions` in words, for the run's first log lines. */
export function describeRead(r: DataRecord): string {
  const how = r.splitColumn
    ? `split by its column "${r.splitColumn}"`
    : `split by a seeded hash of each example's position (seed ${r.seed}; ${Math.round(r.fractions.validation * 100)} % validation, ${Math.round(r.fractions.test * 100)} % test)`;
  const read = r.read === 'memory' ? 'read into memory' : 'streamed from disk in chunks through a shuffle buffer';
  return `Training on ${r.path} (${r.format}, ${r.examples.toLocaleString('en-US')} examples: ${r.splits.train.toLocaleString('en-US')} train, ${r.splits.validation.toLocaleString('en-US')} validation, ${r.splits.test.toLocaleString('en-US')} test, ${how}), ${read}. Content hash: SHA-256 ${r.sha256.slice(0, 12)}… of ${r.hashOf === 'content' ? 'every byte' : 'samples of the data (it is over 1 GiB)'}.`;
}
