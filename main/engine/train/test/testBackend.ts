import { selectBackend } from '../../backend';

/**
 * The backend engine tests train on: wasm with Deepwire's training kernels, as the app uses where no
 * native backend is installed; DEEPWIRE_BACKEND names another. A test that asks for a backend and
 * does not get it fails with the reason, rather than passing on another backend unnoticed; set
 * DEEPWIRE_BACKEND=cpu to run the engine tests on the pure-JS backend on purpose.
 */
export async function useTestBackend(): Promise<string> {
  const wanted = process.env.DEEPWIRE_BACKEND?.trim() || 'wasm';
  try {
    const report = await selectBackend({ env: { DEEPWIRE_BACKEND: wanted } });
    return report.backend;
  } catch (error) {
    throw new Error(
      `The engine tests train on ${wanted}, which did not load: ${(error as Error).message} ` +
        'Set DEEPWIRE_BACKEND=cpu to run them on the pure-JS backend instead.',
      { cause: error },
    );
  }
}
