import * as tf from '@tensorflow/tfjs';
import { BackendError, formatBackendReport, selectBackend } from '../engine/backend';

/**
 * `deepwire doctor [--json]`: load the best backend this machine has and say which one it is, and
 * why each better one was not used, so a user can see what to install for faster training.
 *
 * @returns the process exit code: 0 when a backend loaded, 1 when a forced one could not.
 */
export async function runDoctor(args: string[]): Promise<number> {
  const json = args.includes('--json');
  try {
    const report = await selectBackend();
    console.log(json ? JSON.stringify(report, null, 2) : formatBackendReport(report, tf.version.tfjs));
    return 0;
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    if (json) {
      console.log(
        JSON.stringify(
          { error: { code: error.code, message: error.message, hint: error.hint }, tried: error.tried },
          null,
          2,
        ),
      );
    } else {
      console.error(`${error.message}\n${error.hint}`);
    }
    return 1;
  }
}
