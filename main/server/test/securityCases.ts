/*
 * Generated attack inputs for the security suite (security.test.ts; issue 13 "standing checks"):
 * token variants and path-traversal targets. Generated rather than listed so the lists stay long
 * and systematic (every position, every encoding) without a page of literals.
 */

/** Percent-encodes every character, `%XX` per UTF-8 byte (even letters and digits). */
export function encodeAll(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** A token variant: `raw` as it goes on the wire (already percent-encoded), and whether it is the token. */
export interface TokenVariant {
  name: string;
  raw: string;
  /** True only when the value, decoded once as the server decodes it, is exactly the token. */
  exact: boolean;
}

/** One character that is not `c` (and not a percent sign), drawn from the token alphabet. */
function other(c: string, k: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return alphabet[(alphabet.indexOf(c) + 1 + k * 7) % alphabet.length];
}

/**
 * Values near `token`: empty, every prefix and some extensions (wrong length), one character off
 * at each position (two ways), deleted and doubled characters, case flips, percent-encoded once
 * (which decodes to the token itself: exact) and twice, whitespace / NUL / control characters,
 * Unicode look-alikes and invisible characters, and `otherToken` (another server's).
 */
export function tokenVariants(token: string, otherToken: string): TokenVariant[] {
  const v: TokenVariant[] = [];
  const add = (name: string, value: string) => v.push({ name, raw: encodeURIComponent(value), exact: value === token });
  add('the exact token', token);
  add('empty', '');
  for (let n = 1; n < token.length; n += 3) add(`first ${n} characters`, token.slice(0, n));
  for (const extra of ['A', '0', '=', '==', token]) add(`followed by ${extra.length} more`, token + extra);
  for (let i = 0; i < token.length; i++) {
    add(`position ${i} changed`, token.slice(0, i) + other(token[i], 0) + token.slice(i + 1));
    add(`position ${i} changed another way`, token.slice(0, i) + other(token[i], 1) + token.slice(i + 1));
    add(`position ${i} deleted`, token.slice(0, i) + token.slice(i + 1));
  }
  for (let i = 0; i < token.length; i++) {
    const c = token[i];
    const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
    if (flipped !== c) add(`case flipped at ${i}`, token.slice(0, i) + flipped + token.slice(i + 1));
  }
  add('all upper case', token.toUpperCase());
  add('all lower case', token.toLowerCase());
  v.push({ name: 'percent-encoded once (decodes to the token)', raw: encodeAll(token), exact: true });
  v.push({ name: 'percent-encoded twice', raw: encodeURIComponent(encodeAll(token)), exact: false });
  v.push({
    name: 'percent-encoded three times',
    raw: encodeURIComponent(encodeURIComponent(encodeAll(token))),
    exact: false,
  });
  v.push({ name: 'lower-case percent-encoded twice', raw: encodeAll(encodeAll(token)).toLowerCase(), exact: false });
  for (const [what, ch] of [
    ['space', ' '],
    ['tab', '\t'],
    ['newline', '\n'],
    ['carriage return', '\r'],
    ['NUL', '\0'],
    ['zero-width space', '\u200b'],
    ['byte-order mark', '\ufeff'],
    ['non-breaking space', '\u00a0'],
  ]) {
    add(`${what} before`, ch + token);
    add(`${what} after`, token + ch);
    add(`${what} in the middle`, token.slice(0, 8) + ch + token.slice(8));
  }
  // Look-alikes: Cyrillic а/е/о, fullwidth letters, a combining mark.
  const lookalike: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', A: '\u0410' };
  for (let i = 0; i < token.length; i++) {
    const sub = lookalike[token[i]] ?? String.fromCodePoint(token.codePointAt(i)! + 0xfee0);
    add(`look-alike at ${i}`, token.slice(0, i) + sub + token.slice(i + 1));
  }
  add('with a combining accent', `${token}\u0301`);
  add('NFKC-equal fullwidth token', [...token].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join(''));
  add("another server's token", otherToken);
  add("another server's token with ours appended", otherToken + token);
  return v;
}

/**
 * Request targets that try to leave the served folder for `secret.txt` beside it, the sibling
 * folder `renderer-evil` (a prefix of the served folder's name), or /etc/passwd: every
 * combination of a way of writing "..", a way of writing the separator, a depth and a starting
 * folder, plus absolute paths, NUL bytes, overlong UTF-8, dot segments and symbolic links.
 */
export function traversalTargets(): string[] {
  const dots = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '%c0%ae%c0%ae', '%uff0e%uff0e', '....'];
  const seps = ['/', '%2f', '%2F', '%5c', '\\', '%252f', '%c0%af', '%e0%80%af'];
  const goals = ['secret.txt', 'renderer-evil/secret.txt', 'etc/passwd'];
  const targets: string[] = [];
  for (const d of dots)
    for (const s of seps)
      for (const [depth, start] of [
        [1, '/'],
        [2, '/'],
        [3, '/assets/'],
      ] as const)
        targets.push(`${start}${`${d}${s}`.repeat(depth)}${goals[targets.length % goals.length]}`);
  for (const goal of goals)
    for (const depth of [1, 2, 6, 40]) {
      targets.push(`/${'../'.repeat(depth)}${goal}`, `/assets/./${'.././'.repeat(depth)}${goal}`);
      targets.push(`/${'..%2f'.repeat(depth)}${goal}%00`, `/${'..%2f'.repeat(depth)}${goal}%00.js`);
    }
  targets.push(
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '///etc/passwd',
    '/\\etc\\passwd',
    '/%5cetc%5cpasswd',
    '/C:%5cWindows%5cwin.ini',
    '/file:///etc/passwd',
    'file:///etc/passwd',
    'http://127.0.0.1/../secret.txt',
    '/index.html%00',
    '/index.html%00.js',
    '/%00',
    '/assets/%00/../../secret.txt',
    '/.%00./secret.txt',
    '/%e0%80%ae%e0%80%ae/secret.txt',
    '/%f0%80%80%ae%f0%80%80%ae/secret.txt',
    '/..;/secret.txt',
    '/assets/..;/..;/secret.txt',
    '/.../secret.txt',
    '/./../secret.txt',
    '/assets/./../.././secret.txt',
    // Symbolic links in the served folder that point out of it (made by the test).
    '/link-file',
    '/link-dir/secret.txt',
    '/assets/link-up/secret.txt',
    '/assets/link-up/renderer-evil/secret.txt',
    // Very long paths.
    `/${'a/'.repeat(3000)}secret.txt`,
    `/${'../'.repeat(2500)}secret.txt`,
    `/${'%2e%2e%2f'.repeat(800)}secret.txt`,
    `/${'x'.repeat(60_000)}`,
  );
  return targets;
}
