import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readNpy, writeNpy } from '../engine/export/npy';
import { fileSaveHandler } from '../engine/runs/fileIOHandler';
import { compileGraph } from '../engine/compile';
import { randomizeWeights } from '../engine/export/test/exportFixtures';
import { makeRun, projectFile, XOR_GRAPH } from '../engine/export/test/runFixture';
import { runPredict } from './predict';

let root: string;
const X = { shape: [4, 2], values: Float32Array.of(0, 0, 0, 1, 1, 0, 1, 1) };

beforeAll(async () => {
  vi.stubEnv('DEEPWIRE_BACKEND', 'cpu');
  vi.stubEnv('DEEPWIRE_RUNS_DIR', '/nonexistent-runs');
  root = await mkdtemp(join(tmpdir(), 'dw-predict-'));
  await writeFile(join(root, 'x.npy'), writeNpy(X));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  return { out, err, restore: () => (log.mockRestore(), error.mockRestore()) };
}

const predictWith = (model: tf.LayersModel) =>
  tf.tidy(() => Array.from((model.predict(tf.tensor(X.values, X.shape)) as tf.Tensor).dataSync()));

describe('deepwire predict', () => {
  it("writes a run's predictions as .npy, equal to the run's model", async () => {
    const { runDir, model } = await makeRun(root, 'run-a');
    const c = capture();
    const code = await runPredict([runDir, '--input', join(root, 'x.npy'), '--output', join(root, 'y.npy')]);
    c.restore();
    expect(code, c.err.join('\n')).toBe(0);
    const y = readNpy(await readFile(join(root, 'y.npy')));
    expect(y.shape).toEqual([4, 1]);
    Array.from(y.values).forEach((v, i) => expect(v).toBeCloseTo(predictWith(model)[i], 6));
  });

  it('puts regression outputs back in real units (target scaling), --raw leaves them', async () => {
    const { runDir, model } = await makeRun(root, 'run-reg', { targetScaling: { mean: [10], std: [2] } });
    const raw = predictWith(model);
    const c = capture();
    expect(await runPredict([runDir, '--input', join(root, 'x.npy'), '--output', join(root, 'r.npy')])).toBe(0);
    expect(await runPredict([runDir, '--input', join(root, 'x.npy'), '--output', join(root, 'raw.npy'), '--raw'])).toBe(
      0,
    );
    c.restore();
    const real = readNpy(await readFile(join(root, 'r.npy'))).values;
    const same = readNpy(await readFile(join(root, 'raw.npy'))).values;
    raw.forEach((v, i) => {
      expect(real[i]).toBeCloseTo(v * 2 + 10, 5);
      expect(same[i]).toBeCloseTo(v, 6);
    });
  });

  it("prints class names for a classifier's run without --output", async () => {
    const graph = {
      ...XOR_GRAPH,
      nodes: [
        XOR_GRAPH.nodes[0],
        XOR_GRAPH.nodes[1],
        { id: 'output', kind: 'Dense', params: { units: 2, activation: 'softmax' } },
      ],
    };
    const { runDir } = await makeRun(root, 'run-cls', { graph, classNames: ['negative', 'positive'] });
    const c = capture();
    expect(await runPredict([runDir, '--input', join(root, 'x.npy')])).toBe(0);
    c.restore();
    expect(c.out).toHaveLength(4);
    expect(c.out[0]).toMatch(/^0\t(negative|positive)\t0\.\d{4}$/);
  });

  it("uses a project file's initial weights (project.weights)", async () => {
    const { model } = compileGraph(XOR_GRAPH, { seed: 99 });
    randomizeWeights(model, 4);
    await model.save(fileSaveHandler(join(root, 'init.weights')));
    const path = join(root, 'with-weights.deepwire.json');
    await writeFile(path, JSON.stringify(projectFile(XOR_GRAPH, { weights: 'init.weights/model.json' })));
    const c = capture();
    expect(await runPredict([path, '--input', join(root, 'x.npy'), '--output', join(root, 'p.npy')])).toBe(0);
    c.restore();
    const y = readNpy(await readFile(join(root, 'p.npy'))).values;
    predictWith(model).forEach((v, i) => expect(y[i]).toBeCloseTo(v, 6));
  });

  it("standardises inputs as the run's own-file training did (input-scaling.json)", async () => {
    const { runDir, model } = await makeRun(root, 'run-scaled', { inputScaling: { kind: 'global', mean: 10, std: 2 } });
    const c = capture();
    expect(await runPredict([runDir, '--input', join(root, 'x.npy'), '--output', join(root, 's.npy')])).toBe(0);
    c.restore();
    const want = tf.tidy(() =>
      Array.from(
        (
          model.predict(
            tf.tensor(
              X.values.map((v) => (v - 10) / 2),
              X.shape,
            ),
          ) as tf.Tensor
        ).dataSync(),
      ),
    );
    const got = readNpy(await readFile(join(root, 's.npy'))).values;
    want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
  });

  it('--data reads every example of a file with the run’s data options (a CSV with its target column)', async () => {
    const csv = 'a,b,label\n0,0,no\n0,1,yes\n1,0,yes\n1,1,no\n';
    await writeFile(join(root, 'xor.csv'), csv);
    const { runDir, model } = await makeRun(root, 'run-file', {
      training: { dataset: { file: join(root, 'xor.csv'), target: 'label' }, seed: 3 },
    });
    const c = capture();
    const code = await runPredict([runDir, '--data', join(root, 'xor.csv'), '--output', join(root, 'd.npy')]);
    c.restore();
    expect(code, c.err.join('\n')).toBe(0);
    const y = readNpy(await readFile(join(root, 'd.npy')));
    expect(y.shape).toEqual([4, 1]);
    predictWith(model).forEach((v, i) => expect(y.values[i]).toBeCloseTo(v, 6));
  });

  it('refuses an input of the wrong shape, saying what the Input takes (channels-first named)', async () => {
    const graph = {
      nodes: [
        { id: 'img', kind: 'Input', params: { shape: [4, 4, 3] } },
        { id: 'f', kind: 'Flatten', params: {} },
      ],
      edges: [{ source: 'img', target: 'f' }],
    };
    const { runDir } = await makeRun(root, 'run-img', { graph });
    await writeFile(join(root, 'nchw.npy'), writeNpy({ shape: [2, 3, 4, 4], values: new Float32Array(96) }));
    const c = capture();
    const code = await runPredict([runDir, '--input', join(root, 'nchw.npy')]);
    c.restore();
    expect(code).toBe(2);
    expect(c.err.join('\n')).toMatch(/shape \(2, 3, 4, 4\).*Input "img" takes \(examples, 4, 4, 3\)/);
    expect(c.err.join('\n')).toMatch(/channels-first/);
  });

  it('refuses a failed run, a missing run and a file that is not .npy (exit 2)', async () => {
    const { runDir } = await makeRun(root, 'run-failed', { status: 'failed' });
    await writeFile(join(root, 'bad.npy'), 'not numpy');
    const c = capture();
    expect(await runPredict([runDir, '--input', join(root, 'x.npy')])).toBe(2);
    expect(await runPredict(['no-such-run', '--input', join(root, 'x.npy')])).toBe(2);
    expect(await runPredict([join(root, 'run-a'), '--input', join(root, 'bad.npy')])).toBe(2);
    c.restore();
    expect(c.err[0]).toMatch(/failed \(The loss became NaN\)/);
    expect(c.err.join('\n')).toMatch(/no run or project file "no-such-run"/);
    expect(c.err.join('\n')).toMatch(/not a NumPy \.npy file/);
  });
});
