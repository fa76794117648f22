/**
 * Which kind of process this is, in words for the backend report: the desktop app's trainer runs in
 * an Electron utility process (Node inside Electron, with `process.parentPort`), the CLI's and the
 * served app's in a Node child process. Both load N-API addons such as @tensorflow/tfjs-node; the
 * N-API version is what a prebuilt addon needs.
 */
export function trainerProcessKind(
  versions: Partial<Record<string, string>> = process.versions,
  hasParentPort = (process as unknown as { parentPort?: unknown }).parentPort !== undefined,
): string {
  const napi = versions.napi ? `, N-API ${versions.napi}` : '';
  if (versions.electron) {
    return `Electron ${versions.electron} ${hasParentPort ? 'utility process' : 'process'} (Node ${versions.node}${napi})`;
  }
  return `Node ${versions.node} child process${napi.replace(', ', ' (')}${napi ? ')' : ''}`;
}
