import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWsClient, type WebSocketLike, type WsEngineClient } from '../../renderer/src/engine/wsClient';
import type { TrainerEvent } from '../../shared/protocol/trainer';
import { makeHost } from '../host/test/hostFixtures';
import { startServer, type RunningServer } from './server';

const TOKEN = 'test-token-0123456789';
let rendererDir: string;
let server: RunningServer | undefined;
let fixture: Awaited<ReturnType<typeof makeHost>> | undefined;
let client: WsEngineClient | undefined;

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'deepwire-renderer-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>Deepwire</title></head><body></body></html>',
  );
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  return () => rm(rendererDir, { recursive: true, force: true });
});

afterEach(async () => {
  client?.close();
  client = undefined;
  await server?.close();
  server = undefined;
  await fixture?.dispose();
  fixture = undefined;
});

async function serve(mode: 'complete' | 'hang' = 'complete', token: string | null = TOKEN): Promise<RunningServer> {
  fixture = await makeHost(mode);
  server = await startServer({ host: fixture.host, rendererDir, hostname: '127.0.0.1', port: 0, token });
  return server;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server!.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a raw WebSocket; resolves with it once open, or with the HTTP status it was refused with. */
function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server!.port}/ws${query}`, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

function connectClient(): WsEngineClient {
  client = createWsClient({
    url: `ws://127.0.0.1:${server!.port}/ws?token=${TOKEN}`,
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    files: { openProjectFile: async () => null, saveProjectFile: async () => null },
    initialDelayMs: 50,
    maxDelayMs: 200,
  });
  return client;
}

describe('deepwire serve: HTTP', () => {
  it('refuses requests without the right token (401, with a message)', async () => {
    await serve();
    for (const path of ['/', '/index.html', '/assets/app.js', '/?token=wrong-token-0123456']) {
      const r = await get(path);
      expect(r.status, path).toBe(401);
      expect(r.body).toContain('needs its access token');
    }
  });

  it('serves the page with the token, sets the cookie, a CSP and the transport marker', async () => {
    const s = await serve();
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/?token=${TOKEN}`);
    const r = await get(`/?token=${TOKEN}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    // The WebSocket may go back to this server only, not to any host (issue 13, item 15).
    expect(r.headers['content-security-policy']).toContain(
      `connect-src 'self' ws://127.0.0.1:${s.port} wss://127.0.0.1:${s.port};`,
    );
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.body).toContain('<meta name="deepwire-transport" content="websocket" />');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain(`deepwire_token_${s.port}=${TOKEN}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');

    const asset = await get('/assets/app.js', { cookie: `deepwire_token_${s.port}=${TOKEN}` });
    // Another server's cookie (another port) is not this one's.
    expect((await get('/assets/app.js', { cookie: `deepwire_token_1=${TOKEN}` })).status).toBe(401);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
  });

  it('never serves files outside the renderer folder', async () => {
    await serve();
    for (const path of ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%5c..%5cx']) {
      expect((await get(`${path}?token=${TOKEN}`)).status, path).toBe(404);
    }
  });

  it('answers only to localhost names when bound to loopback (DNS rebinding)', async () => {
    await serve();
    expect((await get(`/?token=${TOKEN}`, { host: 'evil.example:80' })).status).toBe(421);
    // Regression (issue 13, item 8): any Host starting with "127." used to pass.
    for (const host of [
      '127.0.0.1.evil.com',
      '127.evil.com',
      '127.0.0.1.nip.io:80',
      '127.0.0.256',
      'localhost.evil.com',
    ])
      expect((await get(`/?token=${TOKEN}`, { host })).status, host).toBe(421);
    for (const host of ['127.0.0.1', '127.1.2.3:8080', 'localhost:1', 'LOCALHOST', '[::1]:9000'])
      expect((await get(`/?token=${TOKEN}`, { host })).status, host).toBe(200);
  });

  it('with --no-token, serves without one', async () => {
    await serve('complete', null);
    expect((await get('/')).status).toBe(200);
  });
});

describe('deepwire serve: WebSocket', () => {
  it('refuses a socket without the token (401) or from another origin (403), accepts with it', async () => {
    await serve();
    expect(await openSocket('')).toBe(401);
    expect(await openSocket('?token=nope-nope-nope')).toBe(401);
    expect(await openSocket(`?token=${TOKEN}`, { origin: 'http://evil.example' })).toBe(403);
    const ws = await openSocket(`?token=${TOKEN}`);
    expect(ws).toBeInstanceOf(WebSocket);
    const cookieWs = await openSocket('', {
      cookie: `deepwire_token_${server!.port}=${TOKEN}`,
      origin: `http://127.0.0.1:${server!.port}`,
    });
    expect(cookieWs).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
    (cookieWs as WebSocket).close();
  });

  it('answers calls by id, refuses unknown methods, and closes on garbage', async () => {
    await serve();
    const ws = (await openSocket(`?token=${TOKEN}`)) as WebSocket;
    const replies: unknown[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    ws.send(JSON.stringify({ type: 'call', id: 7, method: 'listTemplates', args: [] }));
    ws.send(JSON.stringify({ type: 'call', id: 8, method: 'rmrf', args: [] }));
    await expect.poll(() => replies.length).toBe(2);
    expect(replies).toContainEqual({
      type: 'result',
      id: 7,
      ok: true,
      value: [{ id: 'tiny.deepwire.json', ok: true, title: 'Tiny' }],
    });
    expect(replies).toContainEqual(
      expect.objectContaining({ id: 8, ok: false, error: expect.objectContaining({ code: 'unknown-method' }) }),
    );
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send('{not json');
    expect(await closed).toBe(1007);
  });

  it('carries activations as binary frames that decode back to Uint8Array', async () => {
    await serve('complete');
    const raw = (await openSocket(`?token=${TOKEN}`)) as WebSocket;
    const binaryFrames: Buffer[] = [];
    raw.on('message', (d, isBinary) => isBinary && binaryFrames.push(d as Buffer));
    const c = connectClient();
    const events: TrainerEvent[] = [];
    c.onEvent((e) => events.push(e));
    const { runId } = await c.startRun({
      format: 'deepwire-project',
      version: 2,
      name: 'Bytes',
      graph: { nodes: [], edges: [] },
    });
    await expect.poll(() => events.some((e) => e.type === 'finished'), { timeout: 30_000 }).toBe(true);
    const act = events.find((e) => e.type === 'activations') as Extract<TrainerEvent, { type: 'activations' }>;
    expect(act.runId).toBe(runId);
    expect(act.layers[0].data).toBeInstanceOf(Uint8Array);
    expect([...act.layers[0].data]).toEqual(Array.from({ length: 16 }, (_, i) => (i * 17 + 1) % 256));
    expect(binaryFrames.length).toBe(2);
    // Small: 16 bytes of data plus a JSON header, not a JSON array of numbers.
    expect(binaryFrames[0].byteLength).toBeLessThan(400);
    raw.close();
  });

  it('rejects a call with its code and hint', async () => {
    await serve();
    const c = connectClient();
    await expect(c.getRun('no-such-run')).rejects.toMatchObject({ name: 'EngineCallError', code: 'not-found' });
  });

  it('reconnects after the server drops the socket and gets the running state replayed', async () => {
    await serve('hang');
    const c = connectClient();
    const states: string[] = [];
    c.onConnection!((s) => states.push(s));
    const events: TrainerEvent[] = [];
    c.onEvent((e) => events.push(e));
    await c.startRun({ format: 'deepwire-project', version: 2, name: 'Replay', graph: { nodes: [], edges: [] } });
    await expect.poll(() => events.filter((e) => e.type === 'activations').length, { timeout: 30_000 }).toBe(1);

    events.length = 0;
    server!.dropConnections();
    await expect.poll(() => states.join(',')).toBe('connected,reconnecting,connected');
    expect(c.connectionState()).toBe('connected');
    await expect.poll(() => events.map((e) => e.type).join(',')).toBe('started,epoch,activations');
    expect(await c.backendInfo()).toMatchObject({ backend: 'cpu' });
  });

  it('queues calls made while reconnecting and sends them once connected', async () => {
    await serve();
    const c = connectClient();
    await c.listDatasets();
    const queued = new Promise<unknown>((resolve) => {
      const off = c.onConnection!((state) => {
        if (state !== 'reconnecting') return;
        off();
        resolve(c.listTemplates()); // made while there is no connection
      });
    });
    server!.dropConnections();
    await expect(queued).resolves.toHaveLength(1);
  });
});
