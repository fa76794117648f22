import { describe, expect, it } from 'vitest';
import { FAKE_DATASETS } from '../../../renderer/src/testing/fakeEngine';
import { getDatasetInfo } from './index';

/**
 * The renderer's fake engine (component tests, the story page) lists datasets; each must be one the
 * engine has, with its shape and classes, so a UI test never passes on a dataset the app cannot see.
 */
describe('the fake engine’s datasets', () => {
  it.each(FAKE_DATASETS.map((d) => [d.id, d] as const))(
    '%s is an engine dataset with its shape and classes',
    (id, fake) => {
      const real = getDatasetInfo(id);
      expect(fake).toMatchObject({
        task: real.task,
        kind: real.kind,
        inputShape: real.inputShape,
        classNames: real.classNames,
      });
    },
  );
});
