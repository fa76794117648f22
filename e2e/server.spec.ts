import { expect, test } from '@playwright/test';
import { SERVE_ORIGIN, SERVE_TOKEN } from './served';

/**
 * Journey (e): someone on the machine who does not have the address `deepwire serve` printed —
 * another user, a web page trying localhost — gets nothing; the owner with the token gets the app.
 */

test('the server refuses a request without its token', async ({ page, request }) => {
  const bare = await request.get(`${SERVE_ORIGIN}/`);
  expect(bare.status()).toBe(401);
  expect(await bare.text()).toContain('needs its access token');
  expect((await request.get(`${SERVE_ORIGIN}/?token=wrong-token-123`)).status()).toBe(401);

  const response = await page.goto(`${SERVE_ORIGIN}/`);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('needs its access token');
});

test('with its token the app loads and talks to the engine over a WebSocket', async ({ page }) => {
  const sockets: string[] = [];
  const results: string[] = [];
  page.on('websocket', (ws) => {
    sockets.push(new URL(ws.url()).pathname);
    ws.on(
      'framereceived',
      (f) => typeof f.payload === 'string' && f.payload.includes('"type":"result"') && results.push(f.payload),
    );
  });
  const response = await page.goto(`${SERVE_ORIGIN}/?token=${SERVE_TOKEN}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect.poll(() => sockets).toEqual(['/ws']);
  // The gallery lists templates/ as the host reads it; the answer comes back on that socket.
  await page.getByTestId('btn-templates').click();
  await expect(page.getByTestId('template-card-alexnet.deepwire.json')).toBeVisible();
  expect(results.some((r) => r.includes('alexnet.deepwire.json'))).toBe(true);
});

test('a WebSocket without the token is refused even from the app page', async ({ page, context }) => {
  await page.goto(`${SERVE_ORIGIN}/?token=${SERVE_TOKEN}`);
  await context.clearCookies();
  const outcome = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolve('open');
        ws.onclose = (e) => resolve(`closed ${e.code}`);
      }),
    `${SERVE_ORIGIN.replace('http', 'ws')}/ws`,
  );
  expect(outcome).toBe('closed 1006');
});
