import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../../shared/protocol/contentSecurityPolicy';
import { resolveInside } from '../server/staticFiles';

/** The page loads from app://deepwire/, a secure standard origin of its own (not file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://deepwire`;

/** The desktop page's Content-Security-Policy: no network at all, every engine call goes through the preload. */
export const DESKTOP_CSP = contentSecurityPolicy('ipc');

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer on app://deepwire/, with the CSP header on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'deepwire' ? resolveInside(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found.', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', DESKTOP_CSP);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
