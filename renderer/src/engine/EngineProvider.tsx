import { createContext, useContext, type ReactNode } from 'react';
import type { EngineClient } from '../../../shared/protocol/client';

const EngineContext = createContext<EngineClient | null>(null);

/**
 * Gives the app its EngineClient. Each shell picks the transport (browser, WebSocket to
 * `deepwire serve`, Electron IPC) in main.tsx; nothing below this provider knows which it is.
 */
export function EngineProvider({ client, children }: { client: EngineClient; children: ReactNode }) {
  return <EngineContext.Provider value={client}>{children}</EngineContext.Provider>;
}

/** The app's EngineClient. */
export function useEngine(): EngineClient {
  const client = useContext(EngineContext);
  if (!client) throw new Error('useEngine() needs an <EngineProvider> above it.');
  return client;
}
