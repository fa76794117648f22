import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackendError } from './backendTypes';
import { formatBackendReport } from './formatBackendReport';
import { selectBackend } from './selectBackend';

/** An importer on a machine without the native packages and with a broken CUDA install. */
function importer(gpuError: string) {
  return async (name: string): Promise<unknown> => {
    if (name === '@tensorflow/tfjs-node-gpu') throw new Error(gpuError);
    if (name === '@tensorflow/tfjs-node')
      throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
    return import(name);
  };
}

describe('selectBackend', () => {
  it('falls back to wasm and says why each better backend was not used', async () => {
    const report = await selectBackend({
      env: {},
      importModule: importer('libcudart.so.11.0: cannot open shared object file'),
    });
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.device).toBe('CPU (WebAssembly SIMD, 1 thread)');
    expect(report.tried).toEqual([
      {
        name: '@tensorflow/tfjs-node-gpu',
        ok: false,
        reason: 'native library missing: libcudart.so.11.0 not found: install CUDA 11.2 and cuDNN 8.1',
      },
      { name: '@tensorflow/tfjs-node', ok: false, reason: 'not installed: npm install @tensorflow/tfjs-node' },
      { name: '@tensorflow/tfjs-backend-wasm', ok: true, reason: 'best available' },
    ]);
    expect(report.trainingKernels).toEqual(
      expect.arrayContaining([
        'Conv2DBackpropFilter',
        'DepthwiseConv2dNativeBackpropFilter',
        'DepthwiseConv2dNativeBackpropInput',
        'UnsortedSegmentSum',
        'MaxPoolGrad',
      ]),
    );
    const text = formatBackendReport(report);
    expect(text).toContain('Device:   CPU (WebAssembly SIMD, 1 thread)');
    expect(text).toContain('libcudart.so.11.0 not found');
  });

  it('takes the backend DEEPWIRE_BACKEND forces, by short or tfjs name', async () => {
    expect((await selectBackend({ env: { DEEPWIRE_BACKEND: 'cpu' } })).backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    const wasm = await selectBackend({ env: { DEEPWIRE_BACKEND: '@tensorflow/tfjs-backend-wasm' } });
    expect(wasm).toMatchObject({ backend: 'wasm', forcedBy: '@tensorflow/tfjs-backend-wasm' });
    expect(wasm.tried).toHaveLength(1);
  });

  it('refuses a forced backend that cannot load, saying why', async () => {
    const attempt = selectBackend({
      env: { DEEPWIRE_BACKEND: 'gpu' },
      importModule: importer('libcudnn.so.8: cannot open shared object file'),
    });
    await expect(attempt).rejects.toThrow(BackendError);
    await expect(attempt).rejects.toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      message: expect.stringContaining('libcudnn.so.8 not found'),
    });
  });

  it('refuses a DEEPWIRE_BACKEND that names nothing', async () => {
    await expect(selectBackend({ env: { DEEPWIRE_BACKEND: 'tpu' } })).rejects.toMatchObject({
      code: 'BACKEND_UNKNOWN',
    });
  });
});

describe('withoutDuplicateKernelWarnings', () => {
  it('drops only TF.js duplicate-kernel warnings while loading, and restores console.warn', async () => {
    const seen: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void seen.push(args);
    try {
      const { withoutDuplicateKernelWarnings } = await import('./selectBackend');
      const result = await withoutDuplicateKernelWarnings(async () => {
        console.warn("The kernel 'Conv2D' for backend 'tensorflow' is already registered");
        console.warn('something else went wrong');
        return 7;
      });
      expect(result).toBe(7);
      console.warn("The kernel 'Conv2D' for backend 'tensorflow' is already registered");
    } finally {
      console.warn = original;
    }
    expect(seen).toEqual([
      ['something else went wrong'],
      // Outside the load the warning is not ours to hide.
      ["The kernel 'Conv2D' for backend 'tensorflow' is already registered"],
    ]);
  });
});
