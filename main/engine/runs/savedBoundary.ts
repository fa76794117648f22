import { checkTrainerEvent, type TrainerEvent } from '../../../shared/protocol/trainerEvents';

/**
 * A run's last decision boundary (a network on two inputs) kept in its folder as boundary.json, so
 * a run reopened from the runs list shows the boundary it ended with. JSON has no bytes: each
 * Uint8Array is written as an array of numbers and turned back into bytes when read.
 */

type BoundaryEvent = Extract<TrainerEvent, { type: 'boundary' }>;

/** In the run folder (RUN_FILES.boundary). */
export const BOUNDARY_FILE = 'boundary.json';

/** The boundary as compact JSON text (bytes as number arrays). */
export function boundaryJson(event: BoundaryEvent): string {
  return JSON.stringify(event, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value));
}

const bytes = (v: unknown) => (Array.isArray(v) ? Uint8Array.from(v as number[]) : v);

/** The boundary read back from boundary.json's parsed JSON, or undefined when it is not one. */
export function boundaryFromJson(json: unknown): BoundaryEvent | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const raw = json as { output?: Record<string, unknown>; neurons?: unknown };
  const withBytes = {
    ...raw,
    output: raw.output && {
      ...raw.output,
      data: bytes(raw.output.data),
      ...(raw.output.confidence === undefined ? {} : { confidence: bytes(raw.output.confidence) }),
    },
    neurons: Array.isArray(raw.neurons)
      ? raw.neurons.map((n: Record<string, unknown>) => ({ ...n, data: bytes(n?.data) }))
      : raw.neurons,
  };
  const checked = checkTrainerEvent(withBytes);
  return checked.ok && checked.event.type === 'boundary' ? checked.event : undefined;
}
