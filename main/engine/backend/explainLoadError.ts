/**
 * Turns the error thrown while loading an optional TF.js backend package into one plain sentence a
 * non-programmer can act on. Pure: no tfjs or Node imports, so it is table-tested on message text.
 */

/**
 * CUDA and cuDNN libraries that `@tensorflow/tfjs-node-gpu` 4.x (libtensorflow 2.9) links against.
 * The dynamic loader names the first one it cannot find; we name the toolkit that ships it.
 */
const CUDA_HINT = 'install CUDA 11.2 and cuDNN 8.1';
const CUDA_LIBRARY =
  /\b(libcu(?:dart|blas|blasLt|fft|rand|solver|sparse|pti|dnn)[\w.]*\.so[\w.]*|cu(?:dart|blas|dnn)64_[\w.]+\.dll)/;
const MISSING_SHARED_OBJECT = /([\w.+-]+\.(?:so[\w.]*|dylib|dll))\s*:\s*cannot open shared object file/;

/** Read an unknown thrown value's `code` and `message` without trusting its type. */
function describe(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    return { code: String((error as { code?: unknown }).code ?? ''), message: error.message };
  }
  return { code: '', message: String(error) };
}

/** True when the package itself is absent, as opposed to present but broken. */
export function isNotInstalled(error: unknown, packageName: string): boolean {
  const { code, message } = describe(error);
  const notFound =
    code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (?:package|module)/.test(message);
  // "Cannot find module '…/tfjs_binding.node'" comes from an installed package whose native half is
  // missing; only a miss on the package's own name means it is not installed.
  return notFound && message.includes(packageName) && !/\.node['"]/.test(message);
}

/**
 * Why a backend package could not be used, in plain words, ending with what to do.
 *
 * @param packageName - the npm package that failed to load, e.g. `@tensorflow/tfjs-node-gpu`
 * @param error - whatever its dynamic import (or backend initialisation) threw
 */
export function explainLoadError(packageName: string, error: unknown): string {
  const { message } = describe(error);
  if (isNotInstalled(error, packageName)) return `not installed: npm install ${packageName}`;

  const cuda = CUDA_LIBRARY.exec(message);
  if (cuda) return `native library missing: ${cuda[1]} not found: ${CUDA_HINT}`;

  const sharedObject = MISSING_SHARED_OBJECT.exec(message);
  if (sharedObject) {
    return `native library missing: ${sharedObject[1]} not found: reinstall ${packageName} (npm rebuild ${packageName})`;
  }
  if (/tfjs_binding\.node|napi-v\d/.test(message)) {
    return `native library missing: the compiled binding of ${packageName} was not downloaded: run npm rebuild ${packageName}`;
  }
  if (/The specified module could not be found/i.test(message)) {
    return `native library missing: Windows could not load ${packageName}'s DLLs: install the Microsoft Visual C++ Redistributable, then npm rebuild ${packageName}`;
  }
  const firstLine = message.split('\n')[0].trim() || 'unknown error';
  return `failed to load: ${firstLine}`;
}
