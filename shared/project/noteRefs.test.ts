import { describe, expect, it } from 'vitest';
import { noteNodeRefs, parseNote, plainNote } from './noteRefs';

describe('notes that point at the canvas', () => {
  it('splits a note into text and node references', () => {
    expect(parseNote('Watch [the second convolution](node:C3)’s maps after epoch 3.')).toEqual([
      { text: 'Watch ' },
      { text: 'the second convolution', node: 'C3' },
      { text: '’s maps after epoch 3.' },
    ]);
    expect(noteNodeRefs('[a](node:x) and [b](node:y_1)')).toEqual(['x', 'y_1']);
    expect(plainNote('[bn_1](node:bn_1), [bn_2](node:bn_2)')).toBe('bn_1, bn_2');
  });

  it('leaves other links and brackets as text', () => {
    expect(parseNote('See [Keras](https://keras.io) [sic] (node:x)')).toEqual([
      { text: 'See [Keras](https://keras.io) [sic] (node:x)' },
    ]);
    expect(noteNodeRefs('plain')).toEqual([]);
  });
});
