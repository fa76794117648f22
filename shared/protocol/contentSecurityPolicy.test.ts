import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './contentSecurityPolicy';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d]));

describe('contentSecurityPolicy', () => {
  it('lets the desktop page connect only to itself, and the served page back over a WebSocket', () => {
    expect(directives(contentSecurityPolicy('ipc')).get('connect-src')).toBe("connect-src 'self'");
    expect(directives(contentSecurityPolicy('websocket')).get('connect-src')).toBe("connect-src 'self' ws: wss:");
  });

  it('never allows inline or remote scripts, plugins, forms or framing', () => {
    for (const transport of ['ipc', 'websocket'] as const) {
      const d = directives(contentSecurityPolicy(transport));
      expect(d.get('script-src')).toBe("script-src 'self'");
      expect(d.get('object-src')).toBe("object-src 'none'");
      expect(d.get('form-action')).toBe("form-action 'none'");
      expect(d.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    }
  });

  it('leaves frame-ancestors out of a meta tag, where browsers ignore it, and keeps the rest', () => {
    const meta = contentSecurityPolicy('websocket', 'meta');
    expect(meta).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy('websocket')).toBe(`${meta}; frame-ancestors 'none'`);
  });
});
