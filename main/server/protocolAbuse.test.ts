import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeHost } from '../host/test/hostFixtures';
import { startServer, type RunningServer } from './server';
import { healthyCall as healthyCallOn } from './test/healthyCall';
import { clientFrame, closeCode, rawRequest, upgradeRequest } from './test/rawSocket';

// Regressions for issue 13, items 1 and 2: one bad request or one bad frame used to kill
// `deepwire serve` (and every training run with it). Each case here must leave the server up and a
// second, well-behaved client working.

const TOKEN = 'test-token-0123456789';
let rendererDir: string;
let server: RunningServer | undefined;
let fixture: Awaited<ReturnType<typeof makeHost>> | undefined;

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'deepwire-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  return () => rm(rendererDir, { recursive: true, force: true });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await fixture?.dispose();
  fixture = undefined;
});

async function serve(): Promise<RunningServer> {
  fixture = await makeHost('complete');
  server = await startServer({ host: fixture.host, rendererDir, hostname: '127.0.0.1', port: 0, token: TOKEN });
  return server;
}

/** A normal client that makes one call; proves the server is still serving others. */
const healthyCall = () => healthyCallOn(server!.port, TOKEN);

describe('deepwire serve survives malformed upgrade requests (issue 13, item 1)', () => {
  it.each([
    ['a cookie that is not valid percent-encoding', 401, '/ws', '%E0'],
    ['a percent-encoded cookie with the wrong token', 401, '/ws', '%41%42'],
    ['a request target that is not a URL', 400, 'http://[bad/ws', undefined],
    ['an absolute target with a bad port', 400, 'http://127.0.0.1:99999999/ws', undefined],
  ])('%s → %i, and the server stays up', async (_name, status, target, cookie) => {
    const s = await serve();
    const headers: Record<string, string> = cookie ? { Cookie: `deepwire_token_${s.port}=${cookie}` } : {};
    const reply = await rawRequest(s.port, upgradeRequest(target, s.port, headers));
    expect(reply.status).toBe(status);
    reply.socket.destroy();
    expect(await healthyCall()).toMatchObject({ id: 1, ok: true });
  });

  it('answers 400 to a plain HTTP request whose target is not a URL (not 500)', async () => {
    const s = await serve();
    const reply = await rawRequest(s.port, `GET http://[bad/ HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n\r\n`);
    expect(reply.status).toBe(400);
    reply.socket.destroy();
  });

  it('survives a client that resets the socket in the middle of the upgrade', async () => {
    const s = await serve();
    for (let i = 0; i < 20; i++) {
      const reply = rawRequest(s.port, upgradeRequest('/ws', s.port, { Cookie: `deepwire_token_${s.port}=%E0` }));
      // resetAndDestroy sends a RST, so the server's write of the 401 meets ECONNRESET.
      void reply.then((r) => r.socket.resetAndDestroy()).catch(() => undefined);
    }
    expect(await healthyCall()).toMatchObject({ id: 1, ok: true });
  });
});

describe('deepwire serve survives WebSocket protocol violations (issue 13, item 2)', () => {
  const maxPayloadHeader = Buffer.from([0x82, 0xff, 0, 0, 0, 0x40, 0, 0, 0, 0]); // 1 GiB binary, masked

  it.each([
    ['a text frame that is not UTF-8', 1007, Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0xff, 0xfe])],
    ['an unmasked frame', 1002, clientFrame(0x81, Buffer.from('{}'), false)],
    ['RSV bits set', 1002, clientFrame(0xc1, Buffer.from('{}'))],
    ['an unknown opcode', 1002, clientFrame(0x83, Buffer.from('{}'))],
    ['a close frame with a reserved code', 1002, clientFrame(0x88, Buffer.from([0x03, 0xec]))],
    ['a fragmented control frame', 1002, clientFrame(0x09, Buffer.from('x'))],
    ['a message over maxPayload', 1009, maxPayloadHeader],
  ])('%s closes that connection (%i); another client carries on', async (_name, code, bytes) => {
    const s = await serve();
    const reply = await rawRequest(s.port, upgradeRequest(`/ws?token=${TOKEN}`, s.port));
    expect(reply.status).toBe(101);
    const closed = closeCode(reply);
    reply.socket.write(bytes);
    expect(await closed).toBe(code);
    reply.socket.destroy();
    expect(await healthyCall()).toMatchObject({ id: 1, ok: true });
  });

  it('a message that is deeply nested JSON is refused on its own connection only', async () => {
    const s = await serve();
    const reply = await rawRequest(s.port, upgradeRequest(`/ws?token=${TOKEN}`, s.port));
    const deep = `{"type":"call","id":3,"method":"startRun","args":[${'['.repeat(50_000)}${']'.repeat(50_000)}]}`;
    reply.socket.write(clientFrame(0x81, Buffer.from(deep)));
    // Either an error result for id 3 or a close; what matters is that the server lives.
    reply.socket.destroy();
    expect(await healthyCall()).toMatchObject({ id: 1, ok: true });
  });
});
