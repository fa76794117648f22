import { describe, expect, it } from 'vitest';
import { forgetTokenInAddress, serverSocketUrl } from './hostClient';

describe('the served page and its token (issue 13, item 9)', () => {
  function fakeHistory() {
    const calls: string[] = [];
    return {
      calls,
      hist: {
        state: { keep: 1 },
        replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void calls.push(String(url)),
      },
    };
  }

  it('takes ?token= out of the address bar, keeping other parameters and the hash', () => {
    const { calls, hist } = fakeHistory();
    forgetTokenInAddress({ href: 'http://127.0.0.1:5000/?a=1&token=secret&b=2#x' }, hist);
    expect(calls).toEqual(['/?a=1&b=2#x']);
    forgetTokenInAddress({ href: 'http://127.0.0.1:5000/?token=secret' }, hist);
    expect(calls.at(-1)).toBe('/');
  });

  it('leaves an address without a token alone', () => {
    const { calls, hist } = fakeHistory();
    forgetTokenInAddress({ href: 'http://127.0.0.1:5000/?a=1' }, hist);
    expect(calls).toEqual([]);
  });

  it('still gives the socket the token it read before the address was cleaned', () => {
    expect(serverSocketUrl({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=a%2Bb' })).toBe(
      'ws://127.0.0.1:5000/ws?token=a%2Bb',
    );
  });
});
