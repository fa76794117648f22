import type { DatasetInfo } from '../../../../shared/protocol/client';
import { epochSeconds, LONG_EPOCH_SECONDS, roughDuration, type TrainingSpeed } from '../../../../shared/protocol/speed';
import type { TrainingConfig } from '../../../../shared/training/options';

/** What the Train panel says before Train about the time an epoch will take (issue 14.6). */
export interface EpochEstimate {
  seconds: number;
  /** "About 3 min per epoch on this computer (wasm · CPU, 1 thread)" */
  text: string;
  /** How it was worked out, for the line's tooltip. */
  detail: string;
  /** An epoch this long deserves a second thought before Train. */
  long: boolean;
}

/** Training examples of a built-in dataset with the project's options (validation and test held out). */
export function trainExamples(training: TrainingConfig | undefined, dataset: DatasetInfo | null): number | undefined {
  const ref = training?.dataset;
  if (!dataset || !ref || !('builtin' in ref)) return undefined;
  const options = (ref.options ?? {}) as { size?: unknown; validationFraction?: unknown; testFraction?: unknown };
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  const size = num(options.size, dataset.defaultSize);
  const held = num(options.validationFraction, 0.1) + num(options.testFraction, 0.1);
  return Math.max(1, Math.round(size * (1 - held)));
}

const digits = (v: number) => (v >= 100 ? String(Math.round(v)) : v.toPrecision(2));
const compact = (n: number) =>
  n >= 1e9 ? `${digits(n / 1e9)} G` : n >= 1e6 ? `${digits(n / 1e6)} M` : Math.round(n).toLocaleString('en-US');

/**
 * Seconds per epoch from the network's multiply-accumulates per example, the training examples, and
 * this computer's measured speed; undefined without all three.
 */
export function estimateEpoch(
  macs: number,
  examples: number | undefined,
  epochs: number,
  speed: TrainingSpeed | undefined,
): EpochEstimate | undefined {
  if (!speed || !examples || !(macs > 0)) return undefined;
  const seconds = epochSeconds(macs, examples, speed);
  const long = seconds >= LONG_EPOCH_SECONDS;
  const where = `on this computer (${speed.backend} · ${speed.device})`;
  const text = `${capitalise(roughDuration(seconds))} per epoch ${where}${long ? `: ${epochs} epochs would take ${roughDuration(seconds * epochs)}` : ''}.`;
  const how = speed.source === 'runs' ? 'measured in earlier runs' : 'measured by a short calibration';
  const detail =
    `${compact(macs)} multiply-adds per example × ${examples.toLocaleString('en-US')} training examples ÷ ` +
    `${compact(speed.macsPerSecond)} per second (${how}, ${speed.measuredAt.slice(0, 10)}). Layers without multiply-adds (normalisation, pooling) and memory make it a rough guide.`;
  return { seconds, text, detail, long };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
