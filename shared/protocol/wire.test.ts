import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, validateCall } from './wire';

describe('wire framing', () => {
  it('sends a message without bytes as JSON text', () => {
    const m = { type: 'result', id: 1, ok: true, value: { a: [1, 2] } };
    const frame = encodeFrame(m);
    expect(typeof frame).toBe('string');
    expect(decodeFrame(frame)).toEqual(m);
  });

  it('round-trips Uint8Arrays in one binary frame', () => {
    const a = Uint8Array.from([0, 1, 255]);
    const b = new Uint8Array(0);
    const c = Uint8Array.from({ length: 1000 }, (_, i) => i % 256).subarray(10, 20); // a view with an offset
    const m = {
      type: 'event',
      event: { type: 'activations', layers: [{ data: a, min: 0 }, { data: b }], filters: { data: c } },
    };
    const frame = encodeFrame(m);
    expect(frame).toBeInstanceOf(Uint8Array);
    expect((frame as Uint8Array).byteLength).toBeLessThan(200);
    const back = decodeFrame((frame as Uint8Array).slice().buffer) as typeof m;
    expect(back).toEqual(m);
    expect(back.event.layers[0].data).toBeInstanceOf(Uint8Array);
    expect([...back.event.filters.data]).toEqual([...c]);
  });

  it('refuses truncated and padded frames', () => {
    const frame = encodeFrame({ x: Uint8Array.from([1, 2, 3]) }) as Uint8Array;
    expect(() => decodeFrame(frame.subarray(0, frame.length - 1))).toThrow(/overruns/);
    const padded = new Uint8Array(frame.length + 1);
    padded.set(frame);
    expect(() => decodeFrame(padded)).toThrow(/trailing/);
    expect(() => decodeFrame(new Uint8Array([0, 0, 1]))).toThrow(/too short/);
  });
});

describe('validateCall', () => {
  it('accepts a known method with matching args and types them', () => {
    const r = validateCall('previewDataset', ['mnist', 4]);
    expect(r).toEqual({ ok: true, call: { method: 'previewDataset', args: ['mnist', 4] } });
  });

  it('refuses unknown methods and prototype names', () => {
    for (const name of ['nope', 'constructor', '__proto__', 42]) {
      expect(validateCall(name, [])).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('says which argument is wrong', () => {
    const r = validateCall('saveProjectFile', [null, 7, 'x.deepwire.json']);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(!r.ok && r.error.message).toContain('args.1');
  });
});

describe('hostMessageSchema', () => {
  it('accepts results (both kinds) and events, refuses the rest', async () => {
    const { hostMessageSchema } = await import('./wire');
    expect(hostMessageSchema.safeParse({ type: 'result', id: 1, ok: true, value: 3 }).success).toBe(true);
    expect(
      hostMessageSchema.safeParse({ type: 'result', id: 1, ok: false, error: { code: 'x', message: 'y' } }).success,
    ).toBe(true);
    expect(
      hostMessageSchema.safeParse({ type: 'event', event: { type: 'log', level: 'info', message: 'hi' } }).success,
    ).toBe(true);
    expect(hostMessageSchema.safeParse({ type: 'result', id: 1, ok: false }).success).toBe(false);
    expect(hostMessageSchema.safeParse({ type: 'call', id: 1 }).success).toBe(false);
  });

  it('accepts the result of a call that returns nothing (issue 14.8: a console error on every Stop)', async () => {
    const { encodeFrame, decodeFrame, hostMessageSchema } = await import('./wire');
    const frame = encodeFrame({ type: 'result', id: 4, ok: true, value: undefined });
    expect(hostMessageSchema.safeParse(decodeFrame(frame)).success).toBe(true);
  });
});
