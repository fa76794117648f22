import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../../../shared/catalog';
import { compileGraph } from '../../compile';
import { KIND_CASES } from '../../compile/test/graphsForKinds';
import { maxRelativeError } from '../compare';
import { EXPORT_TOLERANCE } from '../types';
import { randomizeWeights, referenceBatch } from '../test/exportFixtures';
import { checkOnnxFiles, pythonOnnxMissing } from '../test/pythonOnnx';
import { convertModel } from './convertModel';
import { runOnnx } from './onnxExporter';

let dir: string;
const written: string[] = [];
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'dw-onnx-kinds-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ONNX export of every catalog layer kind', () => {
  it('the cases cover every kind in the catalog', () => {
    const covered = new Set(KIND_CASES.flatMap((c) => c.kinds));
    expect(KINDS.filter((k) => k !== 'Input' && !covered.has(k))).toEqual([]);
  });

  it.each(KIND_CASES.map((c, i) => [c.name, c, i] as const))(
    '%s runs in onnxruntime equal to TF.js',
    async (_name, c, i) => {
      const { model } = compileGraph(c.graph, { seed: 1 });
      randomizeWeights(model, 100 + i);
      const batch = referenceBatch(model, 3, 7 + i, c.intInputs);
      const { bytes } = convertModel(model, { producerVersion: 'test' });
      const path = join(dir, `case${i}.onnx`);
      await writeFile(path, bytes);
      const actual = await runOnnx(path, batch.input);
      expect(maxRelativeError(actual, batch.output.values)).toBeLessThanOrEqual(EXPORT_TOLERANCE);
      written.push(path);
    },
  );

  const missing = pythonOnnxMissing();
  if (missing) console.warn(`Skipping onnx.checker: ${missing}.`);
  it.skipIf(missing !== undefined)(
    'every case passes onnx.checker.check_model(full_check=True) (python onnx)',
    async () => {
      expect(written.length).toBe(KIND_CASES.length);
      const { ok, output } = await checkOnnxFiles(written);
      expect(ok, output).toBe(true);
    },
  );
});
