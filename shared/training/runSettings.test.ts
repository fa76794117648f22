import { describe, expect, it } from 'vitest';
import { changedSettings, describeChanges, runSettings } from './runSettings';

const project = (training: Record<string, unknown>, layers = 3) => ({
  graph: { nodes: Array.from({ length: layers }, (_, i) => ({ id: `n${i}` })) },
  training,
});

describe('runSettings', () => {
  it('fills in the defaults, so an explicit default and an absent value read the same', () => {
    const a = runSettings(project({ dataset: { builtin: 'xor' } }));
    const b = runSettings(
      project({
        dataset: { builtin: 'xor' },
        optimizer: { kind: 'adam', learningRate: 0.001 },
        batchSize: 32,
        epochs: 5,
      }),
    );
    expect(a).toEqual(b);
    expect(a).toMatchObject({ dataset: 'xor', optimizer: 'adam', learningRate: 0.001, batchSize: 32, layers: 3 });
    // An optimizer's own default rate, not Adam's.
    expect(runSettings(project({ optimizer: { kind: 'sgd' } })).learningRate).toBe(0.01);
  });

  it('names a built-in with its size and a file by its name', () => {
    expect(runSettings(project({ dataset: { builtin: 'mnist', options: { size: 2000 } } })).dataset).toBe(
      'mnist (2000)',
    );
    expect(runSettings(project({ dataset: { file: '/data/stars/catalog.csv', size: 500 } })).dataset).toBe(
      'catalog.csv (500)',
    );
    expect(runSettings(project({})).dataset).toBe('(none)');
  });

  it('picks out what changed between runs, in words, oldest first', () => {
    const list = [
      runSettings(project({ optimizer: { kind: 'sgd', learningRate: 0.01 } })),
      runSettings(project({ optimizer: { kind: 'sgd', learningRate: 0.1 } })),
      runSettings(project({ optimizer: { kind: 'sgd', learningRate: 0.1 }, batchSize: 64 }, 4)),
      runSettings(project({ optimizer: { kind: 'sgd', learningRate: 0.1 }, batchSize: 64 }, 4)),
    ];
    expect(changedSettings(list)).toEqual(['learningRate', 'batchSize', 'layers']);
    expect(describeChanges(list)).toEqual([
      'learning rate 0.01 → 0.1',
      'batch size 32 → 64; layers 3 → 4',
      'same settings',
    ]);
    expect(changedSettings(list.slice(0, 1))).toEqual([]);
  });
});
