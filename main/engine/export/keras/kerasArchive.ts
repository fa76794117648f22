import { zipSync } from 'fflate';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KerasModel } from './kerasModel';

/** The Keras version whose file format Deepwire writes (saving_lib's .keras zip, weights in HDF5). */
export const KERAS_FORMAT_VERSION = '3.5.0';

/**
 * model.weights.h5 as Keras 3's H5IOStore writes it: a `vars` group for the model, then for every
 * layer `layers/<snake_case class>[_N]/vars` holding datasets "0", "1", … (trainable variables, then
 * non-trainable), each vars group carrying the object's name as attribute `name`. Written with
 * h5wasm into a temporary file (its Node build works on real paths).
 */
export async function writeWeightsH5(model: KerasModel, modelName: string): Promise<Uint8Array> {
  const h5wasm = (await import('h5wasm/node')).default;
  await h5wasm.ready;
  const dir = await mkdtemp(join(tmpdir(), 'deepwire-keras-'));
  const path = join(dir, 'model.weights.h5');
  try {
    const file = new h5wasm.File(path, 'w');
    try {
      file.create_group('vars').create_attribute('name', modelName);
      file.create_group('layers');
      for (const g of model.groups) {
        const group = file.create_group(g.path);
        const vars = group.create_group('vars');
        vars.create_attribute('name', g.name);
        g.weights.forEach((w, i) => {
          vars.create_dataset({ name: String(i), data: w.values, shape: w.shape, dtype: '<f' });
        });
      }
    } finally {
      file.close();
    }
    return new Uint8Array(await readFile(path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** model.keras: the zip Keras 3's saving_lib writes (metadata.json, config.json, model.weights.h5). */
export async function writeKerasArchive(model: KerasModel): Promise<Uint8Array> {
  const name = (model.config.config as { name: string }).name;
  const weights = await writeWeightsH5(model, name);
  const metadata = {
    keras_version: KERAS_FORMAT_VERSION,
    date_saved: new Date().toISOString().replace('T', '@').slice(0, 19),
  };
  return zipSync(
    {
      'metadata.json': Buffer.from(JSON.stringify(metadata)),
      'config.json': Buffer.from(JSON.stringify(model.config)),
      'model.weights.h5': [weights, { level: 0 }],
    },
    { level: 6 },
  );
}
