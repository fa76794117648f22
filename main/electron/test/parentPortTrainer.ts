/**
 * Runs the trainer's entry as Electron's utilityProcess would: with `process.parentPort` (messages
 * in as `{data}`, out through `postMessage`), here made of a Node child's IPC channel, so the
 * trainer's parentPort path runs in tests without Electron (issue 15, item 3).
 */
export {};

type PortListener = (event: { data: unknown }) => void;
const listeners: PortListener[] = [];
Object.defineProperty(process, 'parentPort', {
  value: {
    on(event: string, listener: PortListener) {
      if (event === 'message') listeners.push(listener);
    },
    postMessage(message: unknown) {
      process.send?.(message);
    },
  },
});
process.on('message', (data) => {
  for (const listener of listeners) listener({ data });
});
const entry = process.env.DEEPWIRE_TRAINER_ENTRY;
if (!entry) throw new Error('DEEPWIRE_TRAINER_ENTRY names the trainer entry to run');
await import(entry);
