/**
 * How the e2e run starts `deepwire serve` (playwright.config.ts's second webServer): a fixed port
 * and a fixed token, so the specs know the address. Never use this token outside tests.
 */
export const SERVE_PORT = Number(process.env.DEEPWIRE_E2E_SERVE_PORT ?? 4792);
export const SERVE_TOKEN = 'e2e-test-token-not-secret';
export const SERVE_ORIGIN = `http://127.0.0.1:${SERVE_PORT}`;
export const SERVE_COMMAND = `node bin/deepwire.mjs serve --port ${SERVE_PORT} --token ${SERVE_TOKEN}`;
