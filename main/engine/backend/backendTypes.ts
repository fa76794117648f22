/** The tfjs backends Deepwire can run on, best first, named as `DEEPWIRE_BACKEND` accepts them. */
export const BACKEND_CHOICES = ['gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** The name tfjs registers each backend under (`tf.getBackend()`); gpu and node share one. */
export type TfjsBackendName = 'tensorflow' | 'wasm' | 'cpu';

/** One backend that selection tried, and in plain words why it was or was not used. */
export interface BackendAttempt {
  /** The npm package (or `cpu` for the pure-JS backend bundled with @tensorflow/tfjs). */
  name: string;
  ok: boolean;
  reason: string;
}

/** What `selectBackend` chose and why; `deepwire doctor` prints it, training events carry it. */
export interface BackendReport {
  backend: TfjsBackendName;
  /** The package the backend comes from. */
  package: string;
  /** What the maths actually runs on, e.g. `CPU (WebAssembly SIMD, 1 thread)`. */
  device: string;
  /** Every backend tried, best first, ending with the one used. */
  tried: BackendAttempt[];
  /** The `DEEPWIRE_BACKEND` value that forced the choice, if any. */
  forcedBy?: string;
  /** Gradient kernels Deepwire registered because the backend lacks them or has a slow one. */
  trainingKernels: string[];
}

/** Error codes of backend selection (STYLE.md 11: a code, a plain message, and what to do). */
export type BackendErrorCode = 'BACKEND_UNKNOWN' | 'BACKEND_UNAVAILABLE' | 'NO_BACKEND';

/** A backend could not be chosen; `hint` says what the user can do about it. */
export class BackendError extends Error {
  constructor(
    readonly code: BackendErrorCode,
    message: string,
    readonly hint: string,
    readonly tried: BackendAttempt[] = [],
  ) {
    super(message);
    this.name = 'BackendError';
  }
}
