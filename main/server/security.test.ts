import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapLimit } from '../host/runListing';
import { makeHost } from '../host/test/hostFixtures';
import { startServer, type RunningServer } from './server';
import { healthyCall } from './test/healthyCall';
import { clientFrame, closeCode, rawExchange, rawRequest, upgradeRequest } from './test/rawSocket';
import { tokenVariants, traversalTargets } from './test/securityCases';

/*
 * The standing security suite of issue 13: generated token variants, a path-traversal list, Host
 * and Origin checks, malformed upgrades and frame violations, against one running server (many
 * requests, one start). Every group ends by checking that a well-behaved client is still served.
 */

const TOKEN = 'Tk3nAbCdEfGh0123456_xo';
const OTHER_TOKEN = 'Zz9yXwVuTsRq8765432-AB';
/** Written beside the served folder; must never come back in any answer. */
const SECRET = `deepwire-secret-${Date.now()}-must-not-leak`;

let parent: string;
let server: RunningServer;
let other: RunningServer;
let fixture: Awaited<ReturnType<typeof makeHost>>;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'deepwire-security-'));
  const renderer = join(parent, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><html><head></head><body>page</body></html>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1);');
  await writeFile(join(parent, 'secret.txt'), SECRET);
  // A sibling whose name starts with the served folder's: a prefix check would let it through.
  await mkdir(join(parent, 'renderer-evil'));
  await writeFile(join(parent, 'renderer-evil', 'secret.txt'), SECRET);
  await symlink(join(parent, 'secret.txt'), join(renderer, 'link-file'));
  await symlink(parent, join(renderer, 'link-dir'));
  await symlink('../..', join(renderer, 'assets', 'link-up'));
  fixture = await makeHost();
  server = await startServer({
    host: fixture.host,
    rendererDir: renderer,
    hostname: '127.0.0.1',
    port: 0,
    token: TOKEN,
  });
  // A second server on another port, with its own token, sharing the host.
  other = await startServer({
    host: fixture.host,
    rendererDir: renderer,
    hostname: '127.0.0.1',
    port: 0,
    token: OTHER_TOKEN,
  });
});

afterAll(async () => {
  await server?.close();
  await other?.close();
  await fixture?.dispose();
  await rm(parent, { recursive: true, force: true });
});

/** A GET with `Connection: close`; `host` replaces the Host line (null leaves it out). */
function get(target: string, headers: Record<string, string> = {}, host: string | null = `127.0.0.1:${server.port}`) {
  const lines = [`GET ${target} HTTP/1.1`, ...(host === null ? [] : [`Host: ${host}`]), 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return rawExchange(server.port, `${lines.join('\r\n')}\r\n\r\n`);
}

/** Status of a WebSocket upgrade (101 when accepted); the socket is closed after. */
async function upgradeStatus(target: string, headers: Record<string, string> = {}): Promise<number> {
  const reply = await rawRequest(server.port, upgradeRequest(target, server.port, headers));
  reply.socket.destroy();
  return reply.status;
}

async function expectServerUp(): Promise<void> {
  expect(await healthyCall(server.port, TOKEN)).toMatchObject({ id: 1, ok: true });
}

describe('token variants (HTTP and WebSocket)', () => {
  const variants = tokenVariants(TOKEN, OTHER_TOKEN);
  const cookie = () => `deepwire_token_${server.port}`;
  /** Where a variant goes, and whether the exact token there is accepted. */
  const placements: [string, (raw: string) => [string, Record<string, string>], boolean][] = [
    ['query', (raw) => [`/?token=${raw}`, {}], true],
    ['cookie', (raw) => ['/', { Cookie: `${cookie()}=${raw}` }], true],
    ['query and cookie', (raw) => [`/?token=${raw}`, { Cookie: `other=1; ${cookie()}=${raw}` }], true],
    // The cookie name before it carried the port (issue 13, item 9), and another port's cookie.
    ['old cookie name', (raw) => ['/', { Cookie: `deepwire_token=${raw}` }], false],
    ["another port's cookie", (raw) => ['/', { Cookie: `deepwire_token_${other.port}=${raw}` }], false],
  ];

  it(`${variants.length} values × ${placements.length} places: only the exact token gets in (HTTP)`, async () => {
    const cases = variants.flatMap((v) => placements.map(([where, place, canPass]) => ({ v, where, place, canPass })));
    const wrong: string[] = [];
    await mapLimit(cases, 16, async ({ v, where, place, canPass }) => {
      const [target, headers] = place(v.raw);
      const r = await get(target, headers);
      const expected = v.exact && canPass ? 200 : 401;
      if (r.status !== expected) wrong.push(`${v.name} in ${where}: ${r.status}, expected ${expected}`);
      if (expected === 401 && !r.body.includes('needs its access token'))
        wrong.push(`${v.name} in ${where}: no message`);
    });
    expect(wrong).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(480);
  });

  it('the same values on the WebSocket upgrade', async () => {
    const wrong: string[] = [];
    await mapLimit(variants, 16, async (v) => {
      for (const [where, target, headers] of [
        ['query', `/ws?token=${v.raw}`, {}],
        ['cookie', '/ws', { Cookie: `deepwire_token_${server.port}=${v.raw}` }],
        ['old cookie', '/ws', { Cookie: `deepwire_token=${v.raw}` }],
      ] as const) {
        const status = await upgradeStatus(target, headers);
        const expected = v.exact && where !== 'old cookie' ? 101 : 401;
        if (status !== expected) wrong.push(`${v.name} in ${where}: ${status}, expected ${expected}`);
      }
    });
    expect(wrong).toEqual([]);
  });

  it.each([
    ['a wrong token first, the right one repeated after', `/?token=x&token=${TOKEN}`, 401],
    ['the right token as token[]', `/?token[]=${TOKEN}`, 401],
    ['the right token as TOKEN', `/?TOKEN=${TOKEN}`, 401],
    ['the right token after a semicolon', `/?x=1;token=${TOKEN}`, 401],
    ['the right token in the fragment', `/#token=${TOKEN}`, 401],
    ['the right token in the path', `/token=${TOKEN}`, 401],
    ['the right token first, a wrong one repeated after', `/?token=${TOKEN}&token=x`, 200],
  ])('%s: %s → %i', async (_name, target, status) => {
    expect((await get(target)).status).toBe(status);
  });

  it("another server's exact token and cookie do not open this one; the server is up", async () => {
    expect((await get(`/?token=${OTHER_TOKEN}`)).status).toBe(401);
    expect((await get('/', { Cookie: `deepwire_token_${other.port}=${OTHER_TOKEN}` })).status).toBe(401);
    expect((await get('/', { Cookie: `deepwire_token_${other.port}=${TOKEN}` })).status).toBe(401);
    expect(await upgradeStatus(`/ws?token=${OTHER_TOKEN}`)).toBe(401);
    await expectServerUp();
  });
});

describe('path traversal against the static files', () => {
  const targets = traversalTargets();

  it(`${targets.length} targets: never a file outside the renderer folder, 400/404 and no 500`, async () => {
    const wrong: string[] = [];
    await mapLimit(targets, 16, async (target) => {
      const r = await get(target, { Cookie: `deepwire_token_${server.port}=${TOKEN}` });
      const short = target.length > 80 ? `${target.slice(0, 80)}… (${target.length} chars)` : target;
      // A target too long for Node's header limit is answered 431 by Node itself.
      const allowed = target.length > 16_000 ? [400, 404, 414, 431] : [400, 404];
      if (!allowed.includes(r.status)) wrong.push(`${short}: ${r.status}`);
      if (r.body.includes(SECRET) || r.body.includes('root:')) wrong.push(`${short}: LEAKED a file outside`);
    });
    expect(wrong).toEqual([]);
    expect(targets.length).toBeGreaterThanOrEqual(250);
    await expectServerUp();
  });

  it('still serves what is inside (the checks are not just refusing everything)', async () => {
    const auth = { Cookie: `deepwire_token_${server.port}=${TOKEN}` };
    expect(await get('/assets/app.js', auth)).toMatchObject({ status: 200, body: 'console.log(1);' });
    expect(await get('/assets/../assets/./app.js', auth)).toMatchObject({ status: 200, body: 'console.log(1);' });
    expect((await get('/%61ssets/app.js', auth)).status).toBe(200);
  });
});

describe('Host and Origin', () => {
  const port = () => server.port;
  const hosts: [string, () => string | null, boolean][] = [
    ['127.0.0.1:port', () => `127.0.0.1:${port()}`, true],
    ['localhost:port', () => `localhost:${port()}`, true],
    ['LOCALHOST:port', () => `LOCALHOST:${port()}`, true],
    ['[::1]:port', () => `[::1]:${port()}`, true],
    ['127.8.9.10', () => '127.8.9.10', true],
    ['127.0.0.1.evil.com', () => '127.0.0.1.evil.com', false],
    ['localhost.evil.com', () => `localhost.evil.com:${port()}`, false],
    ['evil.com', () => 'evil.com', false],
    ['127.1 (short form)', () => '127.1', false],
    ['0x7f.0.0.1', () => '0x7f.0.0.1', false],
    ['2130706433', () => '2130706433', false],
    ['127.0.0.256', () => '127.0.0.256', false],
    ['127.0.0.1:port@evil.com', () => `127.0.0.1:${port()}@evil.com`, false],
    ['localhost. (trailing dot)', () => 'localhost.', false],
    ['0.0.0.0', () => `0.0.0.0:${port()}`, false],
    ['empty', () => '', false],
    ['none', () => null, false],
  ];

  it.each(hosts)('HTTP with Host %s', async (name, host, ok) => {
    const r = await get(`/?token=${TOKEN}`, {}, host());
    // No Host line at all is refused by Node's HTTP parser (400) before Deepwire sees it.
    if (name === 'none') return expect(r.status).toBe(400);
    expect(r.status).toBe(ok ? 200 : 421);
    if (!ok) expect(r.body).toContain('only answers requests addressed to localhost');
  });

  it.each(hosts.filter(([name]) => name !== 'none'))('WebSocket upgrade with Host %s', async (_name, host, ok) => {
    const request = upgradeRequest(`/ws?token=${TOKEN}`, port()).replace(/^Host: .*$/m, `Host: ${host()}`);
    const reply = await rawRequest(port(), request);
    reply.socket.destroy();
    expect(reply.status).toBe(ok ? 101 : 421);
  });

  it.each([
    ['no Origin (not a browser)', undefined, 101],
    ['its own http origin', 'http://127.0.0.1:PORT', 101],
    ['its own https origin', 'https://127.0.0.1:PORT', 101],
    ['localhost while the Host says 127.0.0.1', 'http://localhost:PORT', 403],
    ['another port', 'http://127.0.0.1:1', 403],
    ['another site', 'http://evil.com', 403],
    ['a look-alike', 'http://127.0.0.1:PORT.evil.com', 403],
    ['null (sandboxed frame, file:)', 'null', 403],
    ['file:', 'file://', 403],
    ['with a path', 'http://127.0.0.1:PORT/', 403],
    ['upper case', 'HTTP://127.0.0.1:PORT', 403],
  ])('WebSocket from %s (Origin %s) → %i', async (_name, origin, status) => {
    const headers: Record<string, string> =
      origin === undefined ? {} : { Origin: origin.replace('PORT', String(server.port)) };
    expect(await upgradeStatus(`/ws?token=${TOKEN}`, headers)).toBe(status);
  });
});

describe('malformed upgrades', () => {
  /** An upgrade request with the token, with `edit` applied to its lines (made once the server is up). */
  const edited =
    (edit: (lines: string[]) => string[], target = `/ws?token=${TOKEN}`) =>
    (): string =>
      `${edit(upgradeRequest(target, server.port).split('\r\n').filter(Boolean)).join('\r\n')}\r\n\r\n`;
  const without = (header: string) => (lines: string[]) => lines.filter((l) => !l.startsWith(`${header}:`));
  const replace = (header: string, value: string) => (lines: string[]) =>
    lines.map((l) => (l.startsWith(`${header}:`) ? `${header}: ${value}` : l));

  it.each([
    ['no Sec-WebSocket-Key', edited(without('Sec-WebSocket-Key'))],
    ['a key that is not 16 bytes', edited(replace('Sec-WebSocket-Key', 'c2hvcnQ='))],
    ['an unsupported version', edited(replace('Sec-WebSocket-Version', '8'))],
    ['a version that is not a number', edited(replace('Sec-WebSocket-Version', 'x'))],
    ['Upgrade: h2c', edited(replace('Upgrade', 'h2c'))],
    ['POST instead of GET', edited((l) => [l[0].replace('GET', 'POST'), ...l.slice(1)])],
    ['HTTP/1.0', edited((l) => [l[0].replace('HTTP/1.1', 'HTTP/1.0'), ...l.slice(1)])],
    ['another path', edited((l) => l, `/wss?token=${TOKEN}`)],
    ['a target that is not a URL', edited((l) => l, 'http://[bad/ws')],
    ['a cookie that is not percent-encoding', edited((l) => [...l, 'Cookie: deepwire_token_1=%E0%A4%A'], '/ws')],
    ['a huge cookie', edited((l) => [...l, `Cookie: ${'a=b; '.repeat(2000)}`], '/ws')],
    ['an invalid extension offer', edited((l) => [...l, 'Sec-WebSocket-Extensions: permessage-deflate; x=;;'])],
    ['an invalid subprotocol list', edited((l) => [...l, 'Sec-WebSocket-Protocol: a,,b, ,'])],
  ])('%s: refused with 4xx, or accepted as it stands; the server stays up', async (_name, request) => {
    const reply = await rawRequest(server.port, request()).catch(() => null);
    reply?.socket.destroy();
    const status = reply?.status ?? 0;
    // 0: the server closed the socket without an answer (a request Node itself rejects).
    expect(status === 0 || status === 101 || (status >= 400 && status < 500), `status ${status}`).toBe(true);
    await expectServerUp();
  });
});

describe('frame violations close only that connection', () => {
  it.each([
    ['a ping over 125 bytes', 1002, clientFrame(0x89, Buffer.alloc(126))],
    ['a continuation with nothing to continue', 1002, clientFrame(0x80, Buffer.from('x'))],
    [
      'a new message inside a fragmented one',
      1002,
      Buffer.concat([clientFrame(0x01, Buffer.from('a')), clientFrame(0x81, Buffer.from('b'))]),
    ],
    ['a close frame with a one-byte payload', 1002, clientFrame(0x88, Buffer.from([0x03]))],
    ['close code 1005 (may not be sent)', 1002, clientFrame(0x88, Buffer.from([0x03, 0xed]))],
    ['close code 999', 1002, clientFrame(0x88, Buffer.from([0x03, 0xe7]))],
    ['a close reason that is not UTF-8', 1007, clientFrame(0x88, Buffer.from([0x03, 0xe8, 0xff, 0xfe]))],
    ['a 64-bit length with its top bit set', 1009, Buffer.from([0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0])],
    [
      'text split mid-character and broken',
      1007,
      Buffer.concat([clientFrame(0x01, Buffer.from([0xe2, 0x82])), clientFrame(0x80, Buffer.from([0x41]))]),
    ],
  ])('%s → %i', async (_name, code, bytes) => {
    const reply = await rawRequest(server.port, upgradeRequest(`/ws?token=${TOKEN}`, server.port));
    expect(reply.status).toBe(101);
    const closed = closeCode(reply);
    reply.socket.write(bytes);
    expect(await closed).toBe(code);
    reply.socket.destroy();
    await expectServerUp();
  });
});
