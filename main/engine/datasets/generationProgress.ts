import { AsyncLocalStorage } from 'node:async_hooks';

/** Told how far a dataset's generation is: examples done of the total. */
export type ProgressSink = (done: number, total: number) => void;

const sinks = new AsyncLocalStorage<ProgressSink>();

/**
 * Runs `load` with `sink` told the progress of any dataset generated inside it (issue 14.6: "Generating
 * 2,000 light curves… 40%"). Carried by the async context, so no generator has to pass it along.
 */
export function withGenerationProgress<T>(sink: ProgressSink, load: () => Promise<T>): Promise<T> {
  return sinks.run(sink, load);
}

/** The sink of the load in progress, if someone is listening. */
export function generationProgress(): ProgressSink | undefined {
  return sinks.getStore();
}
