import { describe, expect, it } from 'vitest';
import { LAYER_SPECS } from '../../../shared/catalog';
import { searchLayers } from './searchLayers';

const first = (query: string) => searchLayers(LAYER_SPECS, query)[0]?.specs[0]?.kind;

describe('searchLayers ranks names before descriptions (issue 14.7)', () => {
  it('"flatten" lists Flatten first, not the pooling layers whose summaries mention flattening', () => {
    expect(first('flatten')).toBe('Flatten');
    expect(first('Flatten ')).toBe('Flatten');
  });
  it.each([
    ['dense', 'Dense'],
    ['conv2d', 'Conv2D'],
    ['maxpool', 'MaxPooling1D'],
    ['dropout', 'Dropout'],
  ])('"%s" → %s first', (query, kind) => {
    expect(first(query)).toBe(kind);
  });
  it('keeps the catalog order without a query', () => {
    const groups = searchLayers(LAYER_SPECS, '');
    expect(groups[0].specs[0].kind).toBe('Input');
  });
});
