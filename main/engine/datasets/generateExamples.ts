import { DatasetError } from './errors';
import { type GeneratedData } from './definition';
import { generationProgress } from './generationProgress';
import { type Rng, exampleRng } from './rng';

/** Writes example `index` into `x` (one example) and `y` (its label or targets) using `rng`. */
export type ExampleWriter = (rng: Rng, index: number, x: Float32Array, y: Float32Array) => void;

export interface GenerateExamplesOptions {
  size: number;
  /** prod(inputShape). */
  exampleLength: number;
  /** 1 for classification, the number of targets for regression. */
  targetLength: number;
  seed: number;
  /** Per-dataset salt, so two datasets with the same seed do not share random numbers. */
  salt: number;
  signal?: AbortSignal;
}

/** How long generation may hold the event loop before letting messages through. */
const SLICE_MS = 25;

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/**
 * Runs a per-example generator over the whole set, each example with its own random stream
 * (so results do not depend on chunking or size), yielding to the event loop every ~25 ms so a
 * trainer or host process stays responsive (stop, ping) while a large science set is generated; the
 * progress goes to whoever listens (withGenerationProgress) at each of those pauses.
 */
export async function generateExamples(options: GenerateExamplesOptions, write: ExampleWriter): Promise<GeneratedData> {
  const { size, exampleLength, targetLength, seed, salt, signal } = options;
  if (signal?.aborted) throw new DatasetError('aborted', 'Dataset generation was stopped.');
  const x = new Float32Array(size * exampleLength);
  const y = new Float32Array(size * targetLength);
  const progress = generationProgress();
  let sliceStart = Date.now();
  for (let i = 0; i < size; i++) {
    write(
      exampleRng(seed, salt, i),
      i,
      x.subarray(i * exampleLength, (i + 1) * exampleLength),
      y.subarray(i * targetLength, (i + 1) * targetLength),
    );
    if (Date.now() - sliceStart > SLICE_MS) {
      progress?.(i + 1, size);
      await yieldToEventLoop();
      if (signal?.aborted) throw new DatasetError('aborted', 'Dataset generation was stopped.');
      sliceStart = Date.now();
    }
  }
  progress?.(size, size);
  return { x, y };
}
