import { execFile, spawnSync } from 'node:child_process';

/** Debian's Python (with python3-onnx); the `python3` first on PATH may be one without it. */
export const PYTHON = process.env.DEEPWIRE_PYTHON ?? '/usr/bin/python3';

/** Why the python onnx checker cannot run here, or undefined when it can. */
export function pythonOnnxMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} cannot be run (${r.error.message}); set DEEPWIRE_PYTHON`;
  if (r.status !== 0) return `${PYTHON} has no onnx module (apt install python3-onnx)`;
  return undefined;
}

const SCRIPT = `
import sys, onnx
bad = []
for p in sys.argv[1:]:
    try:
        m = onnx.load(p)
        onnx.checker.check_model(m, full_check=True)
        print("ok", p, m.ir_version, m.opset_import[0].version)
    except Exception as e:
        bad.append(p)
        print("FAIL", p, str(e).splitlines()[0] if str(e) else repr(e))
sys.exit(1 if bad else 0)
`;

/** onnx.checker.check_model(full_check=True) on several files in one Python process. */
export function checkOnnxFiles(paths: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolvePromise) => {
    execFile(PYTHON, ['-c', SCRIPT, ...paths], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      resolvePromise({ ok: !err, output: `${stdout}${stderr}` });
    });
  });
}
