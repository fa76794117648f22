import type { EngineClient, ProjectFileRef } from '../../../shared/protocol/client';
import type { TrainerEvent } from '../../../shared/protocol/trainer';
import { readTrainerEvent } from '../../../shared/protocol/trainerEvents';
import {
  decodeFrame,
  encodeFrame,
  hostMessageSchema,
  type CallMessage,
  type WireError,
} from '../../../shared/protocol/wire';
import { clientFromInvoke, type Invoke } from './clientFromInvoke';
import { EngineCallError } from './engineCallError';

/**
 * The part of a WebSocket this client uses. The browser's WebSocket fits it, and so does the `ws`
 * package's, which lets the Node tests drive this very file against the real server.
 */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** Open/save in the page itself: a file picker and a download (the server never sees the user's disk). */
export interface PageFiles {
  openProjectFile(): Promise<ProjectFileRef | null>;
  saveProjectFile(path: string | null, text: string, suggestedName: string): Promise<{ path: string } | null>;
}

export type ConnectionState = 'connected' | 'reconnecting' | 'closed';

export interface WsClientOptions {
  /** ws://host:port/ws?token=… */
  url: string;
  createSocket: (url: string) => WebSocketLike;
  files: PageFiles;
  /** First reconnect delay; doubles up to maxDelayMs (with jitter). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** An EngineClient over a WebSocket, plus `close()` for when the page goes away. */
export type WsEngineClient = EngineClient & { close(): void; connectionState(): ConnectionState };

const OPEN = 1;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** The frame, kept until it is sent (calls made while reconnecting wait for the connection). */
  frame?: string | Uint8Array;
}

/**
 * Creates the browser's EngineClient for `deepwire serve`. Calls carry an id and resolve with the
 * matching result; events go to every listener; binary frames become Uint8Array again. When the
 * connection drops it reconnects with exponential backoff: calls already sent are rejected (they may
 * or may not have happened — the UI can retry), calls made meanwhile are sent once connected, and
 * the host replays the latest state of every training run to the new connection.
 */
export function createWsClient(options: WsClientOptions): WsEngineClient {
  const initialDelay = options.initialDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const eventListeners = new Set<(event: TrainerEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: WebSocketLike | null = null;
  let state: ConnectionState | 'connecting' = 'connecting';
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closedByUser = false;

  const setState = (next: ConnectionState): void => {
    if (state === next) return;
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const flushQueued = (): void => {
    for (const call of pending.values()) {
      if (call.frame !== undefined && socket?.readyState === OPEN) {
        socket.send(call.frame);
        call.frame = undefined;
      }
    }
  };

  const onMessage = (data: unknown): void => {
    let message;
    try {
      const raw =
        data instanceof ArrayBuffer || data instanceof Uint8Array || typeof data === 'string' ? data : String(data);
      const parsed = hostMessageSchema.safeParse(decodeFrame(raw));
      if (!parsed.success) throw new Error(parsed.error.message);
      message = parsed.data;
    } catch (error) {
      console.error('Deepwire: ignoring a message the engine sent that could not be read:', error);
      return;
    }
    if (message.type === 'event') {
      const event = readTrainerEvent(message.event, 'the engine over the WebSocket');
      if (!event) return;
      for (const listener of eventListeners) listener(event);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.value);
    else call.reject(new EngineCallError(message.error));
  };

  const scheduleReconnect = (): void => {
    const delay = Math.min(maxDelay, initialDelay * 2 ** attempts) * (0.75 + Math.random() * 0.5);
    attempts += 1;
    timer = setTimeout(connect, delay);
  };

  function connect(): void {
    timer = undefined;
    const ws = options.createSocket(options.url);
    socket = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      attempts = 0;
      setState('connected');
      flushQueued();
    };
    ws.onmessage = (event) => onMessage(event.data);
    ws.onerror = () => {
      // 'close' follows and decides what to do.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      const lost: WireError = {
        code: 'disconnected',
        message: 'The connection to Deepwire was lost before it answered.',
        hint: 'It reconnects by itself; try again in a moment.',
      };
      for (const [id, call] of pending) {
        if (call.frame === undefined) {
          pending.delete(id);
          call.reject(new EngineCallError(lost));
        }
      }
      if (closedByUser) {
        setState('closed');
        return;
      }
      setState('reconnecting');
      scheduleReconnect();
    };
  }

  const invoke: Invoke = (method, args) =>
    new Promise((resolve, reject) => {
      if (closedByUser) {
        reject(
          new EngineCallError({
            code: 'closed',
            message: 'This page is no longer connected to Deepwire.',
            hint: 'Reload the page.',
          }),
        );
        return;
      }
      const id = nextId++;
      const message: CallMessage = { type: 'call', id, method, args: args as unknown[] };
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, frame: encodeFrame(message) });
      flushQueued();
    });

  const remote = clientFromInvoke(invoke);
  connect();

  return {
    ...remote,
    // Files stay in the page: the server never sees the user's disk.
    openProjectFile: () => options.files.openProjectFile(),
    saveProjectFile: (path, text, suggestedName) => options.files.saveProjectFile(path, text, suggestedName),
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    connectionState: () => (state === 'connecting' ? 'reconnecting' : state),
    close() {
      closedByUser = true;
      if (timer !== undefined) clearTimeout(timer);
      if (socket) socket.close(1000, 'page closed');
      else setState('closed');
      for (const [id, call] of pending) {
        pending.delete(id);
        call.reject(
          new EngineCallError({
            code: 'closed',
            message: 'This page is no longer connected to Deepwire.',
            hint: 'Reload the page.',
          }),
        );
      }
    },
  };
}
