/**
 * IPC channel names between the Electron preload and main process. In their own module so the
 * sandboxed preload bundle stays tiny (no zod, no schemas).
 */
export const IPC_CHANNELS = {
  call: 'deepwire:call',
  event: 'deepwire:event',
  menu: 'deepwire:menu',
  /** The unsaved-work recovery file (issue 13, item 5): read, write (text), clear. */
  recoveryRead: 'deepwire:recovery-read',
  recoveryWrite: 'deepwire:recovery-write',
  recoveryClear: 'deepwire:recovery-clear',
} as const;
