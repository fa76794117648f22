import { describe, expect, it } from 'vitest';
import type { TemplateEntry } from '../../../shared/protocol/client';
import { BROKEN_GROUP, OTHER_GROUP, groupTemplates } from './groupTemplates';

const t = (id: string, category: string | undefined, params?: number): TemplateEntry => ({
  id,
  ok: true,
  title: id,
  ...(category ? { category } : {}),
  ...(params !== undefined ? { params } : {}),
});

const layout = (entries: TemplateEntry[]) =>
  groupTemplates(entries).map((g) => [g.title, g.templates.map((x) => x.id)] as const);

describe('groupTemplates', () => {
  it('orders the sections for a first-time user and each section simplest first', () => {
    const entries = [
      t('vgg16', 'Classic CNNs', 138_357_544),
      t('exoplanet', 'Astronomy', 30_000),
      t('mnist-mlp', 'Basics', 101_770),
      t('resnet18', 'Modern CNNs', 11_700_000),
      t('lenet5', 'Classic CNNs', 61_706),
      t('dropout', 'Techniques', 669_706),
      t('perceptron', 'Basics', 3),
      t('xor-mlp', 'Basics', 33),
    ];
    expect(layout(entries)).toEqual([
      ['Basics', ['perceptron', 'xor-mlp', 'mnist-mlp']],
      ['Techniques', ['dropout']],
      ['Classic CNNs', ['lenet5', 'vgg16']],
      ['Modern CNNs', ['resnet18']],
      ['Astronomy', ['exoplanet']],
    ]);
  });

  it('puts a new category after the known ones, then the uncategorised, then broken files last', () => {
    const broken: TemplateEntry = { id: 'bad', ok: false, title: 'bad', error: 'Unexpected token' };
    const entries = [broken, t('a', undefined, 5), t('b', 'Zoology', 1), t('c', 'Basics', 2), t('d', 'Biology')];
    expect(layout(entries)).toEqual([
      ['Basics', ['c']],
      ['Biology', ['d']],
      ['Zoology', ['b']],
      [OTHER_GROUP, ['a']],
      [BROKEN_GROUP, ['bad']],
    ]);
  });

  it('puts a template without a parameter count after the counted ones, ties by title', () => {
    expect(layout([t('z', 'Basics'), t('b', 'Basics', 10), t('a', 'Basics', 10)])).toEqual([
      ['Basics', ['a', 'b', 'z']],
    ]);
  });

  it('gives no sections for no templates', () => {
    expect(groupTemplates([])).toEqual([]);
  });
});
