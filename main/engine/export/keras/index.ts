import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maxRelativeError } from '../compare';
import { missingPython, pythonExecutable, runPython } from '../pythonRunner';
import { decodeNpy, encodeNpy } from '../pytorch/npz';
import {
  EXPORT_TOLERANCE,
  type EquivalenceCheck,
  type Exporter,
  type ExportSource,
  type ReferenceBatch,
} from '../types';
import { writeKerasArchive } from './kerasArchive';
import { buildKerasModel } from './kerasModel';
import { kerasModelPy } from './kerasPy';
import { kerasReadme } from './kerasReadme';
import { NUMPY_CHECK_SCRIPT } from './numpyCheckScript';

const VERSION = '0.1.0';

/**
 * Keras 3: model.py (functional code, node ids as layer names, Deepwire's custom objects) and
 * model.keras (metadata.json, config.json, model.weights.h5 in saving_lib's layout). TensorFlow and
 * Keras are not installable where Deepwire is built, so `check` runs a NumPy interpreter of the
 * written file (numpyCheckScript.ts) instead of Keras itself; the README says so.
 */
export const kerasExporter: Exporter = {
  format: 'keras',
  async write(source: ExportSource, dir: string): Promise<string[]> {
    const model = buildKerasModel(source);
    await writeFile(join(dir, 'model.keras'), await writeKerasArchive(model));
    await writeFile(join(dir, 'model.py'), kerasModelPy(model, source.project.name ?? 'model', VERSION));
    await writeFile(join(dir, 'README.md'), kerasReadme(source, model));
    return ['model.keras', 'model.py', 'README.md'];
  },
  async check(dir: string, batch: ReferenceBatch): Promise<EquivalenceCheck> {
    const [result] = await checkKerasExports([{ dir, batch }]);
    return result;
  },
};

/** Runs the NumPy check of several exports in one Python process. */
export async function checkKerasExports(jobs: { dir: string; batch: ReferenceBatch }[]): Promise<EquivalenceCheck[]> {
  const work = await mkdtemp(join(tmpdir(), 'deepwire-keras-check-'));
  try {
    const specs = await Promise.all(
      jobs.map(async (job, i) => {
        const input = join(work, `in${i}.npy`);
        await writeFile(input, encodeNpy({ shape: job.batch.input.shape, values: job.batch.input.values }));
        return { keras: join(job.dir, 'model.keras'), input, output: join(work, `out${i}.npy`) };
      }),
    );
    const result = await runPython(['-c', NUMPY_CHECK_SCRIPT], { stdin: JSON.stringify(specs), timeoutMs: 600_000 });
    const missing = missingPython(result, ['numpy', 'h5py']);
    if (missing) return jobs.map(() => ({ status: 'skipped', reason: missing }));
    const lines = result.stdout.trim().split('\n').filter(Boolean);
    if (!lines.length) {
      const reason = `${pythonExecutable()} failed before checking: ${result.stderr.trim().slice(-800)}`;
      return jobs.map(() => ({ status: 'skipped', reason }));
    }
    const v = JSON.parse(lines[0]) as { numpy: string; h5py: string };
    const runtime = `NumPy ${v.numpy} interpreter of model.keras (h5py ${v.h5py}); Keras itself not run`;
    return await Promise.all(
      jobs.map(async (job, i): Promise<EquivalenceCheck> => {
        const base = { tolerance: EXPORT_TOLERANCE, runtime, examples: job.batch.input.shape[0] };
        const r = lines[i + 1]
          ? (JSON.parse(lines[i + 1]) as { ok: boolean; error?: string; skip?: string })
          : undefined;
        if (r?.skip) return { status: 'skipped', reason: r.skip };
        if (!r?.ok) {
          const detail = r?.error ?? `Python stopped: ${result.stderr.trim().slice(-800)}`;
          return { status: 'failed', maxRelativeError: Infinity, ...base, detail };
        }
        const out = decodeNpy(new Uint8Array(await readFile(specs[i].output)));
        const err = maxRelativeError(out.values, job.batch.output.values);
        if (err <= EXPORT_TOLERANCE) return { status: 'passed', maxRelativeError: err, ...base };
        return {
          status: 'failed',
          maxRelativeError: err,
          ...base,
          detail: `Max relative error ${err.toExponential(2)} is above ${EXPORT_TOLERANCE}.`,
        };
      }),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
