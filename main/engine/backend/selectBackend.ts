import { registerTrainingKernels } from '../kernels/register';
import { BACKEND_CANDIDATES, type BackendCandidate, type ModuleImporter } from './backendCandidates';
import { BackendError, type BackendAttempt, type BackendReport } from './backendTypes';
import { explainLoadError } from './explainLoadError';
import { parseBackendChoice } from './parseBackendChoice';

/** Knobs for tests; production callers pass nothing. */
export interface SelectBackendOptions {
  /** Where `DEEPWIRE_BACKEND` is read from; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** How optional packages are loaded; defaults to a dynamic `import()`. */
  importModule?: ModuleImporter;
  /** The candidates, best first; defaults to gpu, node, wasm, cpu. */
  candidates?: readonly BackendCandidate[];
}

const dynamicImport: ModuleImporter = (specifier) => import(specifier);

const DUPLICATE_KERNEL = /^The kernel '[^']+' for backend '[^']+' is already registered$/;

/**
 * Runs `load` with TF.js's "kernel … is already registered" warnings dropped: tfjs-node-gpu and
 * tfjs-node register the same 150 kernels of the `tensorflow` backend before finding out whether
 * their native library is there, so trying one after the other printed 155 such lines in every
 * trainer and in `deepwire doctor`. Every other warning passes through.
 */
export async function withoutDuplicateKernelWarnings<T>(load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === 'string' && DUPLICATE_KERNEL.test(args[0])) return;
    warn(...args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}

/**
 * Loads the best tfjs backend that works on this machine, makes it the active one, registers the
 * training kernels it lacks, and reports what it chose and why each better one was not used.
 *
 * `DEEPWIRE_BACKEND` (gpu | node | wasm | cpu, or tensorflow / a package name) forces one.
 *
 * @throws BackendError `BACKEND_UNKNOWN` for an unrecognised `DEEPWIRE_BACKEND`,
 *   `BACKEND_UNAVAILABLE` when the forced backend cannot load, `NO_BACKEND` if nothing loads.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendReport> {
  const env = options.env ?? process.env;
  const importModule = options.importModule ?? dynamicImport;
  const forcedBy = env.DEEPWIRE_BACKEND?.trim() || undefined;
  const allowed = parseBackendChoice(forcedBy);
  const candidates = (options.candidates ?? BACKEND_CANDIDATES).filter((c) => !allowed || allowed.includes(c.choice));

  const tried: BackendAttempt[] = [];
  for (const candidate of candidates) {
    try {
      const device = await withoutDuplicateKernelWarnings(() => candidate.activate(importModule));
      tried.push({
        name: candidate.package,
        ok: true,
        reason: forcedBy ? `forced by DEEPWIRE_BACKEND=${forcedBy}` : 'best available',
      });
      const trainingKernels = registerTrainingKernels(candidate.backend);
      return { backend: candidate.backend, package: candidate.package, device, tried, forcedBy, trainingKernels };
    } catch (error) {
      tried.push({ name: candidate.package, ok: false, reason: explainLoadError(candidate.package, error) });
    }
  }

  if (forcedBy) {
    const why = tried.map((t) => `${t.name}: ${t.reason}`).join('; ');
    throw new BackendError(
      'BACKEND_UNAVAILABLE',
      `DEEPWIRE_BACKEND=${forcedBy} asks for a backend that cannot be used here (${why}).`,
      'Fix what it says, or unset DEEPWIRE_BACKEND so Deepwire picks the best backend that works.',
      tried,
    );
  }
  throw new BackendError(
    'NO_BACKEND',
    'No TensorFlow.js backend could be loaded, not even the plain JavaScript one.',
    'Reinstall Deepwire (npm install) so that @tensorflow/tfjs is present.',
    tried,
  );
}
