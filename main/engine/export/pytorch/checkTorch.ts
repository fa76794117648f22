import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maxRelativeError } from '../compare';
import { missingPython, pythonExecutable, runPython } from '../pythonRunner';
import { EXPORT_TOLERANCE, type EquivalenceCheck, type ReferenceBatch } from '../types';
import { decodeNpy, encodeNpy } from './npz';

/**
 * Loads each job's model.py + model.safetensors, runs it in eval mode on the job's input.npy and
 * saves every output flattened per example (several outputs side by side). One Python process for
 * many jobs: importing torch costs seconds.
 */
const CHECK_SCRIPT = `
import importlib.util, inspect, json, sys, traceback
import numpy as np
import torch
torch.set_num_threads(2)
print(json.dumps({"torch": torch.__version__, "python": sys.version.split()[0]}), flush=True)
for i, job in enumerate(json.load(sys.stdin)):
    try:
        spec = importlib.util.spec_from_file_location(f"deepwire_export_{i}", job["dir"] + "/model.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        model = module.Model().load_weights(job["dir"] + "/model.safetensors").eval()
        inputs = len(inspect.signature(model.forward).parameters)
        if inputs != 1:
            print(json.dumps({"ok": False, "skip": f"the model has {inputs} inputs; the check feeds one batch"}), flush=True)
            continue
        with torch.no_grad():
            y = model(torch.from_numpy(np.load(job["input"])))
        ys = y if isinstance(y, (tuple, list)) else (y,)
        out = np.concatenate([t.reshape(t.shape[0], -1).numpy() for t in ys], axis=1)
        np.save(job["output"], out.astype(np.float32))
        print(json.dumps({"ok": True}), flush=True)
    except Exception:
        print(json.dumps({"ok": False, "error": traceback.format_exc()}), flush=True)
`;

export interface TorchJob {
  dir: string;
  batch: ReferenceBatch;
}

/** Runs every job in one Python process and compares each with its reference outputs. */
export async function checkTorchExports(jobs: TorchJob[]): Promise<EquivalenceCheck[]> {
  const work = await mkdtemp(join(tmpdir(), 'deepwire-torch-check-'));
  try {
    const specs = await Promise.all(
      jobs.map(async (job, i) => {
        const input = join(work, `in${i}.npy`);
        await writeFile(input, encodeNpy({ shape: job.batch.input.shape, values: job.batch.input.values }));
        return { dir: job.dir, input, output: join(work, `out${i}.npy`) };
      }),
    );
    const result = await runPython(['-c', CHECK_SCRIPT], { stdin: JSON.stringify(specs), timeoutMs: 600_000 });
    const missing = missingPython(result, ['torch', 'numpy']);
    if (missing) return jobs.map(() => ({ status: 'skipped', reason: missing }));
    const lines = result.stdout.trim().split('\n').filter(Boolean);
    if (lines.length === 0) {
      const reason = `${pythonExecutable()} failed before checking: ${result.stderr.trim().slice(-800)}`;
      return jobs.map(() => ({ status: 'skipped', reason }));
    }
    const versions = JSON.parse(lines[0]) as { torch: string; python: string };
    const runtime = `PyTorch ${versions.torch} (Python ${versions.python}, ${pythonExecutable()})`;
    return await Promise.all(
      jobs.map(async (job, i): Promise<EquivalenceCheck> => {
        const examples = job.batch.input.shape[0];
        const line = lines[i + 1];
        const base = { tolerance: EXPORT_TOLERANCE, runtime, examples };
        if (!line) {
          const detail = `Python stopped before this model: ${result.stderr.trim().slice(-800)}`;
          return { status: 'failed', maxRelativeError: Infinity, ...base, detail };
        }
        const r = JSON.parse(line) as { ok: boolean; error?: string; skip?: string };
        if (r.skip) return { status: 'skipped', reason: r.skip };
        if (!r.ok) return { status: 'failed', maxRelativeError: Infinity, ...base, detail: r.error ?? '' };
        const out = decodeNpy(new Uint8Array(await readFile(specs[i].output)));
        const err = maxRelativeError(out.values, job.batch.output.values);
        if (err <= EXPORT_TOLERANCE) return { status: 'passed', maxRelativeError: err, ...base };
        const detail =
          out.values.length !== job.batch.output.values.length
            ? `PyTorch gave ${out.values.length} values, Deepwire ${job.batch.output.values.length}.`
            : `Max relative error ${err.toExponential(2)} is above ${EXPORT_TOLERANCE}.`;
        return { status: 'failed', maxRelativeError: err, ...base, detail };
      }),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
