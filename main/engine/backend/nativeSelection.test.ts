import * as tf from '@tensorflow/tfjs';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { selectBackend } from './selectBackend';
import { trainerProcessKind } from './trainerProcessKind';

/**
 * A fake @tensorflow/tfjs-node(-gpu): importing it registers a `tensorflow` backend, as the real
 * N-API addon does (here a cpu backend underneath, flagged as using a GPU or not). No libtensorflow
 * can be downloaded here, so this is how the selection of the native path is tested.
 */
function fakeNative(options: { gpuPackageWorks: boolean; usingGpu: boolean; nodePackageWorks?: boolean }) {
  return async (name: string): Promise<unknown> => {
    const register = () => {
      tf.registerBackend('tensorflow', () =>
        Object.assign(new MathBackendCPU(), { isUsingGpuDevice: options.usingGpu }),
      );
      return {};
    };
    if (name === '@tensorflow/tfjs-node-gpu') {
      if (options.gpuPackageWorks) return register();
      throw new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
    }
    if (name === '@tensorflow/tfjs-node') {
      if (options.nodePackageWorks) return register();
      throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
    }
    return import(name);
  };
}

afterEach(async () => {
  if (tf.findBackend('tensorflow') || tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
  await tf.setBackend('cpu');
});

describe('selecting the native backend (with a fake N-API module)', () => {
  it('takes tfjs-node-gpu when it loads and finds a GPU', async () => {
    const r = await selectBackend({ env: {}, importModule: fakeNative({ gpuPackageWorks: true, usingGpu: true }) });
    expect(r).toMatchObject({
      backend: 'tensorflow',
      package: '@tensorflow/tfjs-node-gpu',
      device: 'GPU (CUDA, libtensorflow)',
    });
    expect(tf.getBackend()).toBe('tensorflow');
    expect(r.tried).toEqual([{ name: '@tensorflow/tfjs-node-gpu', ok: true, reason: 'best available' }]);
  });

  it('says when tfjs-node-gpu loads but finds no CUDA GPU', async () => {
    const r = await selectBackend({ env: {}, importModule: fakeNative({ gpuPackageWorks: true, usingGpu: false }) });
    expect(r.device).toBe('CPU (libtensorflow; tfjs-node-gpu found no CUDA GPU)');
  });

  it('falls from a broken CUDA install to tfjs-node on the CPU, saying why', async () => {
    const r = await selectBackend({
      env: {},
      importModule: fakeNative({ gpuPackageWorks: false, usingGpu: false, nodePackageWorks: true }),
    });
    expect(r).toMatchObject({
      backend: 'tensorflow',
      package: '@tensorflow/tfjs-node',
      device: 'CPU (libtensorflow, native)',
    });
    expect(r.tried[0]).toMatchObject({
      name: '@tensorflow/tfjs-node-gpu',
      ok: false,
      reason: expect.stringContaining('libcudart.so.11.0'),
    });
  });

  it('DEEPWIRE_BACKEND=node skips the GPU package', async () => {
    const r = await selectBackend({
      env: { DEEPWIRE_BACKEND: 'node' },
      importModule: fakeNative({ gpuPackageWorks: true, usingGpu: true, nodePackageWorks: true }),
    });
    expect(r).toMatchObject({ package: '@tensorflow/tfjs-node', forcedBy: 'node' });
    expect(r.tried).toHaveLength(1);
  });
});

describe('the process a trainer runs in, as the report says it', () => {
  it('names an Electron utility process and a Node child with their N-API versions', () => {
    expect(trainerProcessKind({ electron: '31.1.0', node: '20.14.0', napi: '9' }, true)).toBe(
      'Electron 31.1.0 utility process (Node 20.14.0, N-API 9)',
    );
    expect(trainerProcessKind({ node: '20.20.2', napi: '9' }, false)).toBe('Node 20.20.2 child process (N-API 9)');
    expect(trainerProcessKind({ node: '20.20.2' }, false)).toBe('Node 20.20.2 child process');
  });
});
