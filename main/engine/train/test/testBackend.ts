import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../backend';
import { registerTrainingKernels } from '../../kernels/register';

/**
 * The backend engine tests train on: wasm with Deepwire's training kernels (as the app uses), or
 * the cpu backend (with the fast kernels too) where wasm cannot load. DEEPWIRE_BACKEND overrides.
 */
export async function useTestBackend(): Promise<string> {
  try {
    const report = await selectBackend({ env: { DEEPWIRE_BACKEND: process.env.DEEPWIRE_BACKEND ?? 'wasm' } });
    return report.backend;
  } catch {
    await tf.setBackend('cpu');
    registerTrainingKernels('cpu');
    return 'cpu';
  }
}
