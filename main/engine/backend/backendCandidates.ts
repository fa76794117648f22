import * as tf from '@tensorflow/tfjs';
import type * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import { type BackendChoice, type TfjsBackendName } from './backendTypes';
import { locateWasmFiles } from './locateWasmFiles';

/** Loads a module by name; injectable so tests can pretend packages are missing or broken. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/** One way to run tfjs: the package that provides it and how to bring it up. */
export interface BackendCandidate {
  choice: BackendChoice;
  package: string;
  backend: TfjsBackendName;
  /** Loads and activates the backend; resolves to a device description or throws why it cannot. */
  activate(importModule: ModuleImporter): Promise<string>;
}

/** Switch tfjs to `name`, turning tfjs's `false` (it only logs the cause) into an error. */
async function activateRegistered(name: TfjsBackendName, packageName: string): Promise<void> {
  if (!tf.findBackendFactory(name)) {
    // The package loaded but registered its backend with another copy of tfjs-core: npm installed
    // a nested @tensorflow/tfjs because the versions differ.
    throw new Error(`installed, but built for a different @tensorflow/tfjs: install ${packageName}@${tf.version.tfjs}`);
  }
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend did not initialise (see the warning above)`);
}

/** libtensorflow through tfjs-node(-gpu): both register the backend `tensorflow`. */
function nativeCandidate(choice: 'gpu' | 'node', packageName: string): BackendCandidate {
  return {
    choice,
    package: packageName,
    backend: 'tensorflow',
    async activate(importModule) {
      await importModule(packageName);
      await activateRegistered('tensorflow', packageName);
      const usingGpu = (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice;
      if (usingGpu) return 'GPU (CUDA, libtensorflow)';
      return choice === 'gpu' ? 'CPU (libtensorflow; tfjs-node-gpu found no CUDA GPU)' : 'CPU (libtensorflow, native)';
    },
  };
}

const wasmCandidate: BackendCandidate = {
  choice: 'wasm',
  package: '@tensorflow/tfjs-backend-wasm',
  backend: 'wasm',
  async activate(importModule) {
    const wasm = (await importModule('@tensorflow/tfjs-backend-wasm')) as typeof tfWasm;
    // setWasmPaths throws once the backend exists, so only the first selection in a process sets it.
    if (!tf.engine().registry.wasm) {
      wasm.setWasmPaths(locateWasmFiles());
      // The threaded build spawns pthread workers from a script URL that Node cannot load, and the
      // trainer shares its cores with the UI; one thread is the predictable choice.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    }
    await activateRegistered('wasm', '@tensorflow/tfjs-backend-wasm');
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    return `CPU (WebAssembly${simd ? ' SIMD' : ', no SIMD'}, 1 thread)`;
  },
};

const cpuCandidate: BackendCandidate = {
  choice: 'cpu',
  package: '@tensorflow/tfjs',
  backend: 'cpu',
  async activate() {
    await activateRegistered('cpu', '@tensorflow/tfjs');
    // The cpu backend prints a banner telling Node users to install tfjs-node on first use; the
    // backend report already says that, so the banner would only repeat it inside training logs.
    (tf.backend() as { firstUse?: boolean }).firstUse = false;
    return 'CPU (plain JavaScript)';
  },
};

/** Every backend Deepwire knows, best first. */
export const BACKEND_CANDIDATES: readonly BackendCandidate[] = [
  nativeCandidate('gpu', '@tensorflow/tfjs-node-gpu'),
  nativeCandidate('node', '@tensorflow/tfjs-node'),
  wasmCandidate,
  cpuCandidate,
];
