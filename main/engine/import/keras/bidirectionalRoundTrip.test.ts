import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KIND_CASES } from '../../compile/test/graphsForKinds';
import { kerasExporter } from '../../export/keras';
import { maxRelativeError } from '../../export/compare';
import { referenceBatch, sourceFromGraph } from '../../export/testFixtures';
import { useTestBackend } from '../../train/test/testBackend';
import { loadKeras } from './readKeras';

// Regression: Keras 3 keeps a Bidirectional layer's weights under forward_layer/ and backward_layer/;
// read in alphabetical order the backward weights were loaded as the forward ones (errors 0.3–1).
beforeAll(useTestBackend);
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

it.each(KIND_CASES.filter((c) => c.kinds.includes('Bidirectional')).map((c) => [c.name, c] as const))(
  '%s comes back from model.keras with its forward and backward weights in place',
  async (_name, kindCase) => {
    const source = sourceFromGraph(kindCase.graph, { seed: 3 });
    const dir = await mkdtemp(join(tmpdir(), 'deepwire-bidi-'));
    dirs.push(dir);
    await kerasExporter.write(source, dir);
    const model = await loadKeras(join(dir, 'model.keras'));
    const batch = referenceBatch(source.model, 3, 11);
    const out = tf.tidy(() => model.predict(tf.tensor(batch.input.values, batch.input.shape)) as tf.Tensor);
    expect(maxRelativeError(out.dataSync(), batch.output.values)).toBeLessThan(1e-5);
    out.dispose();
    model.dispose();
  },
);
