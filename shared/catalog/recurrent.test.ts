import { describe, expect, it } from 'vitest';
import { Bidirectional } from './recurrent';
import { withDefaults } from './paramValues';
import { errorRows, shapeRows } from './testKit';

describe('recurrent shapes and counts', () => {
  shapeRows([
    {
      kind: 'SimpleRNN',
      inputs: [[null, 10, 8]],
      out: [null, 32],
      count: [1312, 0],
      macs: 10 * 32 * 40,
      describe: '32',
    },
    {
      kind: 'SimpleRNN',
      params: { returnSequences: true },
      inputs: [[null, 10, 8]],
      out: [null, 10, 32],
      count: [1312, 0],
      describe: '32, sequences',
    },
    { kind: 'LSTM', inputs: [[null, 10, 10]], out: [null, 32], count: [5504, 0], macs: 10 * 4 * 32 * 42 },
    {
      kind: 'LSTM',
      params: { returnSequences: true },
      inputs: [[null, null, 10]],
      out: [null, null, 32],
      count: [5504, 0],
    },
    { kind: 'LSTM', params: { useBias: false }, inputs: [[null, 10, 10]], out: [null, 32], count: [4 * 32 * 42, 0] },
    { kind: 'GRU', inputs: [[null, 10, 10]], out: [null, 32], count: [4224, 0] },
    {
      kind: 'GRU',
      params: { goBackwards: true, returnSequences: true },
      inputs: [[null, 10, 10]],
      out: [null, 10, 32],
      count: [4224, 0],
      describe: '32, sequences, backwards',
    },
    { kind: 'LSTM', params: { goBackwards: true }, inputs: [[null, 10, 10]], out: [null, 32], count: [5504, 0] },
    { kind: 'GRU', params: { resetAfter: false }, inputs: [[null, 10, 10]], out: [null, 32], count: [4128, 0] },
    { kind: 'GRU', params: { useBias: false }, inputs: [[null, 10, 10]], out: [null, 32], count: [3 * 32 * 42, 0] },
    {
      kind: 'Bidirectional',
      inputs: [[null, 10, 10]],
      out: [null, 64],
      count: [11008, 0],
      describe: 'LSTM 32, concat',
    },
    {
      kind: 'Bidirectional',
      params: { mergeMode: 'sum' },
      inputs: [[null, 10, 10]],
      out: [null, 32],
      count: [11008, 0],
    },
    { kind: 'Bidirectional', params: { layer: 'GRU' }, inputs: [[null, 10, 10]], out: [null, 64], count: [8448, 0] },
    {
      kind: 'Bidirectional',
      params: { layer: 'GRU', resetAfter: false },
      inputs: [[null, 10, 10]],
      out: [null, 64],
      count: [8256, 0],
    },
    {
      kind: 'Bidirectional',
      params: { layer: 'SimpleRNN', units: 16, returnSequences: true },
      inputs: [[null, 10, 8]],
      out: [null, 10, 32],
      count: [2 * (16 * 24 + 16), 0],
      describe: 'SimpleRNN 16, sequences, concat',
    },
  ]);
});

describe('recurrent shape errors', () => {
  errorRows([
    {
      kind: 'LSTM',
      inputs: [[null, 128]],
      error: /^LSTM expects a 2-D input \(batch, timesteps, features\), but gets \(None, 128\)\.$/,
      hint: /Reshape to \(timesteps, features\).*Embedding/,
    },
    { kind: 'GRU', inputs: [[null, 28, 28, 1]], error: /^GRU expects a 2-D input/ },
    {
      kind: 'SimpleRNN',
      inputs: [[null, 10, null]],
      error: /SimpleRNN needs the last dimension .* unknown in \(None, 10, None\)/,
    },
    {
      kind: 'Bidirectional',
      inputs: [[null, 64]],
      error: /^Bidirectional expects a 2-D input \(batch, timesteps, features\)/,
    },
  ]);
});

describe('Bidirectional tfjs args', () => {
  it('describes the wrapped layer for the compiler, with Keras defaults', () => {
    const args = Bidirectional.tfjs.args?.(withDefaults(Bidirectional, { units: 16 }));
    expect(args).toEqual({
      mergeMode: 'concat',
      trainable: true,
      inner: {
        kind: 'LSTM',
        factory: 'lstm',
        args: { units: 16, activation: 'tanh', recurrentActivation: 'sigmoid', useBias: true, returnSequences: false },
      },
    });
  });

  it('passes resetAfter only to a GRU and no recurrentActivation to a SimpleRNN', () => {
    const gru = Bidirectional.tfjs.args?.(withDefaults(Bidirectional, { layer: 'GRU', mergeMode: 'ave' }));
    expect(gru).toMatchObject({
      mergeMode: 'ave',
      inner: { factory: 'gru', args: { resetAfter: true, recurrentActivation: 'sigmoid' } },
    });
    const rnn = Bidirectional.tfjs.args?.(withDefaults(Bidirectional, { layer: 'SimpleRNN' })) as {
      inner: { factory: string; args: object };
    };
    expect(rnn.inner.factory).toBe('simpleRNN');
    expect(Object.keys(rnn.inner.args)).not.toContain('recurrentActivation');
    expect(Object.keys(rnn.inner.args)).not.toContain('resetAfter');
  });
});
