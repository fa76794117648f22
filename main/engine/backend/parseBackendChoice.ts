import { BACKEND_CHOICES, BackendError, type BackendChoice } from './backendTypes';

/** Spellings `DEEPWIRE_BACKEND` accepts besides the choices themselves: package and tfjs names. */
const ALIASES: Record<string, readonly BackendChoice[]> = {
  cuda: ['gpu'],
  'tfjs-node-gpu': ['gpu'],
  '@tensorflow/tfjs-node-gpu': ['gpu'],
  'tfjs-node': ['node'],
  '@tensorflow/tfjs-node': ['node'],
  // tfjs calls both native packages' backend `tensorflow`; take whichever of them works.
  tensorflow: ['gpu', 'node'],
  'tfjs-backend-wasm': ['wasm'],
  '@tensorflow/tfjs-backend-wasm': ['wasm'],
  js: ['cpu'],
};

/**
 * The backends a `DEEPWIRE_BACKEND` value allows, or undefined when unset (try them all).
 *
 * @throws BackendError `BACKEND_UNKNOWN` for a value that names no backend.
 */
export function parseBackendChoice(value: string | undefined): readonly BackendChoice[] | undefined {
  const wanted = value?.trim().toLowerCase();
  if (!wanted) return undefined;
  if ((BACKEND_CHOICES as readonly string[]).includes(wanted)) return [wanted as BackendChoice];
  const alias = ALIASES[wanted];
  if (alias) return alias;
  throw new BackendError(
    'BACKEND_UNKNOWN',
    `DEEPWIRE_BACKEND=${value} does not name a backend Deepwire knows.`,
    `Use one of ${BACKEND_CHOICES.join(', ')} (or tensorflow for either native one), or unset it to pick the best automatically.`,
  );
}
