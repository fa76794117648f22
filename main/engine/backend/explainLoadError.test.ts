import { describe, expect, it } from 'vitest';
import { explainLoadError, isNotInstalled } from './explainLoadError';

function thrown(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

const GPU = '@tensorflow/tfjs-node-gpu';
const NODE = '@tensorflow/tfjs-node';

describe('explainLoadError', () => {
  it.each([
    [
      'package missing (ESM)',
      NODE,
      thrown(`Cannot find package '${NODE}' imported from /x/y.ts`, 'ERR_MODULE_NOT_FOUND'),
      `not installed: npm install ${NODE}`,
    ],
    [
      'package missing (CJS)',
      GPU,
      thrown(`Cannot find module '${GPU}'\nRequire stack:\n- /x`, 'MODULE_NOT_FOUND'),
      `not installed: npm install ${GPU}`,
    ],
    [
      'CUDA runtime missing',
      GPU,
      thrown('libcudart.so.11.0: cannot open shared object file: No such file or directory'),
      'native library missing: libcudart.so.11.0 not found: install CUDA 11.2 and cuDNN 8.1',
    ],
    [
      'cuDNN missing',
      GPU,
      thrown('Could not load dynamic library libcudnn.so.8; dlerror: libcudnn.so.8: cannot open shared object file'),
      'native library missing: libcudnn.so.8 not found: install CUDA 11.2 and cuDNN 8.1',
    ],
    [
      'libtensorflow missing',
      NODE,
      thrown('libtensorflow.so.2: cannot open shared object file: No such file or directory'),
      `native library missing: libtensorflow.so.2 not found: reinstall ${NODE} (npm rebuild ${NODE})`,
    ],
    [
      'binding not downloaded',
      NODE,
      thrown(`Cannot find module '/app/node_modules/${NODE}/lib/napi-v8/tfjs_binding.node'`, 'MODULE_NOT_FOUND'),
      `native library missing: the compiled binding of ${NODE} was not downloaded: run npm rebuild ${NODE}`,
    ],
    ['anything else', NODE, thrown('Segmentation fault\nat foo'), 'failed to load: Segmentation fault'],
    ['a thrown string', NODE, 'boom', 'failed to load: boom'],
  ])('%s', (_name, pkg, error, expected) => {
    expect(explainLoadError(pkg, error)).toBe(expected);
  });

  it('does not call a missing dependency of an installed package "not installed"', () => {
    expect(
      isNotInstalled(thrown("Cannot find package 'node-fetch' imported from x", 'ERR_MODULE_NOT_FOUND'), NODE),
    ).toBe(false);
  });
});
