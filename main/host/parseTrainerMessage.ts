import type { TrainerEvent } from '../../shared/protocol/trainer';

/** Event tags the host understands; anything else from a trainer is dropped with a warning. */
const EVENT_TYPES = new Set<TrainerEvent['type']>([
  'ready',
  'started',
  'batch',
  'epoch',
  'activations',
  'evaluation',
  'prediction',
  'finished',
  'failed',
  'log',
]);

/** Bytes that crossed a JSON channel arrive as an array or an index-keyed object; make them bytes again. */
function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Uint8Array.from(data as number[]);
  if (data && typeof data === 'object') return Uint8Array.from(Object.values(data as Record<string, number>));
  return new Uint8Array(0);
}

/**
 * Checks a message where it enters the host from a trainer process: it must be an object with a
 * known `type` (and a string `runId` where the event has one). Activation bytes are normalised to
 * Uint8Array whatever IPC serialization carried them. Returns undefined for anything else.
 */
export function parseTrainerMessage(message: unknown): TrainerEvent | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as { type?: unknown; runId?: unknown };
  if (typeof m.type !== 'string' || !EVENT_TYPES.has(m.type as TrainerEvent['type'])) {
    console.warn('deepwire host: ignoring an unknown message from a trainer:', String(m.type));
    return undefined;
  }
  const event = message as TrainerEvent;
  if (event.type !== 'ready' && event.type !== 'log' && typeof m.runId !== 'string') return undefined;
  if (event.type === 'activations') {
    return {
      ...event,
      layers: event.layers.map((l) => ({ ...l, data: toBytes(l.data) })),
      ...(event.filters ? { filters: { ...event.filters, data: toBytes(event.filters.data) } } : {}),
    };
  }
  return event;
}
