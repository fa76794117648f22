import { readTrainerEvent, type TrainerEvent } from '../../shared/protocol/trainerEvents';

/** Bytes that crossed a JSON channel arrive as an array or an index-keyed object; make them bytes again. */
function toBytes(data: unknown): unknown {
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Uint8Array.from(data as number[]);
  if (data && typeof data === 'object') return Uint8Array.from(Object.values(data as Record<string, number>));
  return data;
}

/** Activation and boundary bytes normalised to Uint8Array whatever IPC serialization carried them. */
function withBytes(message: unknown): unknown {
  const m = message as { type?: unknown; layers?: unknown; filters?: { data?: unknown } };
  if (m && m.type === 'boundary') return boundaryBytes(message as BoundaryMessage);
  if (!m || m.type !== 'activations' || !Array.isArray(m.layers)) return message;
  return {
    ...m,
    layers: m.layers.map((l: { data?: unknown }) => (l && typeof l === 'object' ? { ...l, data: toBytes(l.data) } : l)),
    ...(m.filters && typeof m.filters === 'object' ? { filters: { ...m.filters, data: toBytes(m.filters.data) } } : {}),
  };
}

type BoundaryMessage = { output?: { data?: unknown; confidence?: unknown }; neurons?: unknown };

function boundaryBytes(m: BoundaryMessage): unknown {
  const { output, neurons } = m;
  return {
    ...m,
    ...(output && typeof output === 'object'
      ? {
          output: {
            ...output,
            data: toBytes(output.data),
            ...(output.confidence === undefined ? {} : { confidence: toBytes(output.confidence) }),
          },
        }
      : {}),
    ...(Array.isArray(neurons)
      ? {
          neurons: neurons.map((n: { data?: unknown }) =>
            n && typeof n === 'object' ? { ...n, data: toBytes(n.data) } : n,
          ),
        }
      : {}),
  };
}

/**
 * Checks a message where it enters the host from a trainer process against the trainer protocol's
 * schema (`trainerEventSchema`). Returns undefined, after logging which event and field broke the
 * contract, for anything else: a bad message is dropped, never passed on to the windows.
 */
export function parseTrainerMessage(message: unknown, log?: (text: string) => void): TrainerEvent | undefined {
  return readTrainerEvent(withBytes(message), 'a trainer process', log);
}
