import WebSocket from 'ws';

/**
 * A well-behaved client that opens the WebSocket with the token and makes one call: proves the
 * server still serves others after whatever a test threw at it. Resolves with the parsed reply;
 * the socket is closed after.
 */
export async function healthyCall(port: number, token: string): Promise<unknown> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`);
  try {
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    ws.send(JSON.stringify({ type: 'call', id: 1, method: 'listTemplates', args: [] }));
    return await reply;
  } finally {
    ws.terminate();
  }
}
