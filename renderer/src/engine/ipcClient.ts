import type { EngineClient } from '../../../shared/protocol/client';
import { readTrainerEvent } from '../../../shared/protocol/trainerEvents';
import type { DeepwireBridge } from '../../../shared/protocol/wire';
import { clientFromInvoke, type Invoke } from './clientFromInvoke';
import { EngineCallError } from './engineCallError';

/**
 * The EngineClient inside the desktop app: every call goes through the preload's one named API,
 * `window.deepwire` (the page never sees ipcRenderer). Bytes travel natively in Electron's
 * structured clone, so no framing is needed here. Events are checked against the trainer protocol. The IPC link cannot drop, hence no onConnection.
 */
export function createIpcClient(bridge: DeepwireBridge): EngineClient {
  const invoke: Invoke = async (method, args) => {
    const outcome = await bridge.call(method, args as unknown[]);
    if (!outcome.ok) throw new EngineCallError(outcome.error);
    return outcome.value as never;
  };
  return {
    ...clientFromInvoke(invoke),
    // Checked against the trainer protocol where it enters the page: a bad event is logged, dropped.
    onEvent: (listener) =>
      bridge.onEvent((raw) => {
        const event = readTrainerEvent(raw, 'the engine over Electron IPC');
        if (event) listener(event);
      }),
  };
}
