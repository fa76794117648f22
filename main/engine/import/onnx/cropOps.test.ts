import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { onnxTypes } from '../../onnx/onnxProto';
import { useTestBackend } from '../../train/test/testBackend';
import { importModel } from '../importModel';

/** x [N, 2, 6, 6] → Conv 1×1 (3 filters) → Slice rows 1..5, columns 0..6 (not a transposed convolution's crop). */
function convThenCrop(): Uint8Array {
  const { ModelProto } = onnxTypes();
  const floats = (name: string, dims: number[]) => ({
    name,
    dims,
    data_type: 1,
    float_data: Array.from({ length: dims.reduce((p, d) => p * d, 1) }, (_, i) => Math.cos(i) / 2),
  });
  const int64s = (name: string, v: number[]) => ({ name, dims: [v.length], data_type: 7, int64_data: v });
  const io = (name: string, dims: (number | string)[]) => ({
    name,
    type: {
      tensor_type: {
        elem_type: 1,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) },
      },
    },
  });
  return ModelProto.encode(
    ModelProto.fromObject({
      ir_version: 7,
      opset_import: [{ domain: '', version: 13 }],
      graph: {
        name: 'crop',
        node: [
          { op_type: 'Conv', name: '/conv/Conv', input: ['x', 'w', 'b'], output: ['c'] },
          { op_type: 'Slice', name: '/crop/Slice', input: ['c', 'starts', 'ends', 'axes'], output: ['y'] },
        ],
        initializer: [
          floats('w', [3, 2, 1, 1]),
          floats('b', [3]),
          int64s('starts', [1, 0]),
          int64s('ends', [5, 6]),
          int64s('axes', [2, 3]),
        ],
        input: [io('x', ['N', 2, 6, 6])],
        output: [io('y', ['N', 3, 4, 6])],
      },
    }),
  ).finish();
}

const dir = mkdtempSync(join(tmpdir(), 'dw-crop-'));
beforeAll(useTestBackend);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('imports a Slice that crops height and width (not after a transposed convolution) as Cropping2D', async () => {
  const file = join(dir, 'crop.onnx');
  writeFileSync(file, convThenCrop());
  const r = await importModel(file, { outDir: join(dir, 'out') });
  const crop = r.imported.graph.nodes.find((n) => n.kind === 'Cropping2D');
  expect(r.imported.graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Conv2D', 'Cropping2D']);
  expect(crop?.params.cropping).toEqual([
    [1, 1],
    [0, 0],
  ]);
  expect(r.check.maxRelativeError).toBeLessThanOrEqual(1e-5);
});
