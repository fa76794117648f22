import { onnxTypes } from '../../../onnx/onnxProto';

/**
 * A tiny ONNX model written without Python: x [N, 4] → Gemm(4→3, transB) → Relu → Gemm(3→2), or
 * with `op` an operator Deepwire does not import in place of the Relu.
 */
export function tinyOnnx(op = 'Relu'): Uint8Array {
  const { ModelProto } = onnxTypes();
  const f = (name: string, dims: number[]) => ({
    name,
    dims,
    data_type: 1,
    float_data: Array.from({ length: dims.reduce((p, d) => p * d, 1) }, (_, i) => Math.sin(i + name.length) / 2),
  });
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
      producer_name: 'deepwire-test',
      opset_import: [{ domain: '', version: 13 }],
      graph: {
        name: 'tiny',
        node: [
          {
            op_type: 'Gemm',
            name: '/fc1/Gemm',
            input: ['x', 'w1', 'b1'],
            output: ['h'],
            attribute: [{ name: 'transB', type: 2, i: 1 }],
          },
          { op_type: op, name: `/${op}`, input: ['h'], output: ['a'] },
          {
            op_type: 'Gemm',
            name: '/fc2/Gemm',
            input: ['a', 'w2', 'b2'],
            output: ['y'],
            attribute: [{ name: 'transB', type: 2, i: 1 }],
          },
        ],
        initializer: [f('w1', [3, 4]), f('b1', [3]), f('w2', [2, 3]), f('b2', [2])],
        input: [io('x', ['N', 4])],
        output: [io('y', ['N', 2])],
      },
    }),
  ).finish();
}
