/** Stub replaced below. */
export function registerTrainingKernels(_backendName: string): string[] {
  return [];
}
