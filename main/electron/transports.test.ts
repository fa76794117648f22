/**
 * One transport suite over the renderer's three clients (issue 15, item 3): the in-browser client
 * (bundled templates, no host), the WebSocket client against `deepwire serve`'s server, and the
 * Electron IPC client through the real main.ts and preload.ts over a faithful stand-in for Electron
 * (test/electronStandIn.ts: structured clone across every boundary, contextBridge copying, trainers
 * in a Node child with a simulated utilityProcess parentPort). Each host-backed client talks to a
 * real Host with real trainer processes.
 */
/// <reference types="vite/client" />
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineClient } from '../../shared/protocol/client';
import type { TrainerEvent } from '../../shared/protocol/trainer';
import { IPC_CHANNELS, type DeepwireBridge } from '../../shared/protocol/wire';
import { parseProject } from '../../shared/project';
import { createBrowserClient, TRAINING_UNAVAILABLE } from '../../renderer/src/engine/browserClient';
import { createIpcClient } from '../../renderer/src/engine/ipcClient';
import { createWsClient, type WebSocketLike, type WsEngineClient } from '../../renderer/src/engine/wsClient';
import { engineCatalog } from '../host/engineCatalog';
import { Host } from '../host/host';
import { fileRunStore } from '../host/runStore';
import { TrainerBackend } from '../host/trainerBackend';
import { forkTrainerLauncher } from '../host/trainerLauncher';
import { TRAINER_ENTRY } from '../host/trainerProcess';
import { startServer, type RunningServer } from '../server/server';
import type { createElectronStandIn } from './test/electronStandIn';

type StandIn = ReturnType<typeof createElectronStandIn>;

const ROOT = process.cwd();
const scratch = vi.hoisted(() => {
  // main.ts reads the runs folder from the environment when it is imported (the folders are made on use).
  const dir = `${process.env.TMPDIR ?? '/tmp'}/deepwire-transports-${process.pid}-${Date.now()}`;
  process.env.DEEPWIRE_RUNS_DIR = `${dir}/ipc-runs`;
  return { dir, standIn: undefined as undefined | StandIn };
});

vi.mock('electron', async () => {
  const { createElectronStandIn } = await import('./test/electronStandIn');
  scratch.standIn = createElectronStandIn({
    appPath: process.cwd(),
    userData: `${scratch.dir}/user-data`,
    entries: {
      'trainer.cjs': `${process.cwd()}/main/engine/trainerMain.ts`,
      'backendProbe.cjs': `${process.cwd()}/main/engine/backend/probeMain.ts`,
    },
  });
  return scratch.standIn.electron;
});

interface Transport {
  name: string;
  client: EngineClient;
  /** Delivers a raw event to the client the way its transport would (undefined: no host). */
  inject?: (raw: unknown) => void;
}

let server: RunningServer;
let wsHost: Host;
let ws: WsEngineClient;
let ipc: EngineClient;
const transports: Transport[] = [];

beforeAll(async () => {
  mkdirSync(scratch.dir, { recursive: true });
  wsHost = new Host({
    catalog: engineCatalog(
      join(ROOT, 'templates'),
      new TrainerBackend(forkTrainerLauncher(join(ROOT, 'main/engine/backend/probeMain.ts'))),
    ),
    runs: fileRunStore(join(scratch.dir, 'ws-runs')),
    launchTrainer: forkTrainerLauncher(TRAINER_ENTRY),
    shutdownGraceMs: 500,
  });
  server = await startServer({
    host: wsHost,
    rendererDir: scratch.dir,
    hostname: '127.0.0.1',
    port: 0,
    token: 't0ken-for-transport-suite',
  });
  ws = createWsClient({
    url: `ws://127.0.0.1:${server.port}/ws?token=t0ken-for-transport-suite`,
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    files: { openProjectFile: async () => null, saveProjectFile: async () => null },
  });
  // The desktop shell as it starts: main.ts (host, IPC handlers, window), then the preload in the page.
  await import('./main');
  await import('./preload');
  await new Promise((r) => setTimeout(r, 10));
  const standIn = scratch.standIn!;
  ipc = createIpcClient(standIn.page.deepwire as DeepwireBridge);
  transports.push(
    { name: 'in-browser', client: createBrowserClient() },
    { name: 'WebSocket', client: ws, inject: (raw) => (wsHost as unknown as { emit(e: unknown): void }).emit(raw) },
    {
      name: 'Electron IPC',
      client: ipc,
      inject: (raw) => standIn.windows[0].webContents.send(IPC_CHANNELS.event, raw),
    },
  );
}, 60_000);

afterAll(async () => {
  ws?.close();
  await server?.close();
  await wsHost?.shutdown();
  scratch.standIn?.emitApp('before-quit'); // main.ts shuts its host down
  await new Promise((r) => setTimeout(r, 600));
  rmSync(scratch.dir, { recursive: true, force: true });
});

const templateFiles = readdirSync(join(ROOT, 'templates'))
  .filter((f) => f.endsWith('.deepwire.json'))
  .sort();
const xor = () => {
  const r = parseProject(readFileSync(join(ROOT, 'templates', 'xor-mlp.deepwire.json'), 'utf8'));
  if (!r.ok) throw new Error('xor template');
  return { ...r.project, name: `XOR ${Math.random()}`, training: { ...r.project.training, epochs: 2 } };
};
const by = (name: string) => transports.find((t) => t.name === name)!;

describe.each(['in-browser', 'WebSocket', 'Electron IPC'])('the %s client', (name) => {
  it('lists every template of the templates folder, and loads one as the same text', async () => {
    const { client } = by(name);
    const listed = await client.listTemplates();
    expect(listed.map((t) => t.id).sort()).toEqual(templateFiles);
    expect(listed.every((t) => t.ok)).toBe(true);
    const file = await client.loadTemplate('xor-mlp.deepwire.json');
    expect(file.text).toBe(readFileSync(join(ROOT, 'templates', 'xor-mlp.deepwire.json'), 'utf8'));
  });

  it('refuses a malformed call with a code and a message that survive the transport', async () => {
    const { client, inject } = by(name);
    const refused = client.previewDataset('mnist', -5);
    if (!inject) return expect(refused).rejects.toThrow(TRAINING_UNAVAILABLE);
    await expect(refused).rejects.toMatchObject({
      name: 'EngineCallError',
      code: 'bad-request',
      message: expect.stringMatching(/^The call previewDataset was refused: args\.1: /),
    });
    await expect(client.getRun('no-such-run')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('trains a real run: every event checked on arrival, activation bytes still bytes', async () => {
    const { client, inject } = by(name);
    if (!inject) return expect(client.startRun(xor())).rejects.toThrow(TRAINING_UNAVAILABLE);
    const events: TrainerEvent[] = [];
    const off = client.onEvent((e) => events.push(e));
    const project = xor();
    const { runId } = await client.startRun(project, { backend: 'cpu' });
    await vi.waitFor(() => expect(events.some((e) => e.type === 'finished' && e.runId === runId)).toBe(true), {
      timeout: 90_000,
      interval: 100,
    });
    off();
    const mine = events.filter((e) => 'runId' in e && e.runId === runId);
    const types = new Set(mine.map((e) => e.type));
    for (const t of ['phase', 'started', 'epoch', 'activations', 'finished']) expect(types).toContain(t);
    const acts = mine.find((e) => e.type === 'activations');
    expect(acts?.type === 'activations' && acts.layers[0].data).toBeInstanceOf(Uint8Array);
    expect(mine.at(-1)).toMatchObject({ type: 'finished', reason: 'completed', epochsCompleted: 2 });
    const runs = await client.listRuns(project.name, project.id);
    expect(runs.map((r) => [r.runId, r.status])).toEqual([[runId, 'completed']]);
  }, 120_000);

  it('drops an event that breaks the contract, saying which and where; the next one arrives', async () => {
    const { client, inject } = by(name);
    if (!inject) return;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const got: TrainerEvent[] = [];
    const off = client.onEvent((e) => got.push(e));
    inject({ type: 'epoch', runId: 'r', epoch: 'first' });
    inject({ type: 'log', level: 'info', message: 'still here' });
    await vi.waitFor(() => expect(got).toHaveLength(1));
    off();
    expect(got[0]).toEqual({ type: 'log', level: 'info', message: 'still here' });
    expect(errors.mock.calls.flat().join('\n')).toMatch(
      new RegExp(
        `from the engine over ${name === 'WebSocket' ? 'the WebSocket' : 'Electron IPC'} .*"epoch" event's field`,
      ),
    );
    errors.mockRestore();
  });
});

describe('the desktop page', () => {
  it('sees only the preload’s small named API, and nothing that cannot be cloned crosses', async () => {
    const { page } = scratch.standIn!;
    expect(Object.keys(page)).toEqual(['deepwire']);
    const api = page.deepwire as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'onEvent', 'onMenu', 'recovery']);
    expect(Object.keys(api.recovery as object).sort()).toEqual(['clear', 'read', 'write']);
    const bridge = api as unknown as DeepwireBridge;
    // contextBridge refuses it at once, as Electron does (a DataCloneError), before any IPC.
    expect(() => bridge.call('listTemplates', [() => 1])).toThrow(/could not be cloned/);
  });
});
