import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { onnxTypes } from '../../onnx/onnxProto';
import { ImportError } from '../importError';

/** A constant tensor (an initializer, a Constant node, or folded from them). */
export interface Const {
  dims: number[];
  data: Float32Array | number[];
}

/** The decoded parts of an ONNX model the importer reads (protobuf objects with keepCase fields). */
export interface OnnxAttribute {
  name: string;
  type?: number;
  f?: number;
  i?: number | { toNumber(): number };
  s?: Uint8Array;
  t?: OnnxTensor;
  floats?: number[];
  ints?: (number | { toNumber(): number })[];
  strings?: Uint8Array[];
}
export interface OnnxNode {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  domain?: string;
  attribute: OnnxAttribute[];
}
export interface OnnxTensor {
  name: string;
  dims: (number | { toNumber(): number })[];
  data_type: number;
  float_data?: number[];
  int32_data?: number[];
  int64_data?: (number | { toNumber(): number })[];
  double_data?: number[];
  raw_data?: Uint8Array;
  external_data?: { key: string; value: string }[];
  data_location?: number;
}
export interface OnnxValueInfo {
  name: string;
  type?: {
    tensor_type?: {
      elem_type?: number;
      shape?: { dim?: { dim_value?: number | { toNumber(): number }; dim_param?: string }[] };
    };
  };
}
export interface OnnxModel {
  ir_version?: number;
  producer_name?: string;
  producer_version?: string;
  opset_import?: { domain?: string; version?: number | { toNumber(): number } }[];
  graph?: {
    node: OnnxNode[];
    name?: string;
    initializer: OnnxTensor[];
    input: OnnxValueInfo[];
    output: OnnxValueInfo[];
    value_info?: OnnxValueInfo[];
  };
}

export const num = (v: number | { toNumber(): number } | undefined): number =>
  v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber();

/**
 * Decodes an ONNX file. A truncated or foreign file fails in protobuf decoding or decodes to
 * something without a graph; either is said in words, with the file named.
 */
export function decodeOnnx(bytes: Uint8Array, file: string): OnnxModel {
  const { ModelProto } = onnxTypes();
  let model: OnnxModel;
  try {
    model = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, defaults: true }) as OnnxModel;
  } catch (err) {
    throw new ImportError(
      'corrupt',
      `${file} cannot be read as ONNX: ${(err as Error).message}. The file is truncated, damaged, or not an ONNX model.`,
      'Export the model again (for PyTorch: torch.onnx.export) and check the copy is complete.',
    );
  }
  if (!model.graph || model.graph.node.length === 0 || model.graph.output.length === 0) {
    throw new ImportError(
      'not-a-model',
      `${file} is not an ONNX model: it has no graph of operators.`,
      'Choose a .onnx file written by torch.onnx.export, tf2onnx or another ONNX exporter.',
    );
  }
  return model;
}

/** Reads the model file and decodes it. */
export function readOnnxFile(path: string): OnnxModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new ImportError('not-a-model', `Cannot read ${path}: ${(err as Error).message}.`, 'Check the path.');
  }
  return decodeOnnx(bytes, path);
}

/** Size in bytes of one element of ONNX data type `t`. */
function elementSize(t: number): number {
  return t === 2 || t === 3 || t === 9
    ? 1
    : t === 4 || t === 5 || t === 10 || t === 16
      ? 2
      : t === 7 || t === 11 || t === 13
        ? 8
        : 4;
}

/** Raw little-endian bytes of ONNX type `t` as numbers. */
function decodeRaw(bytes: Uint8Array, t: number, count: number, name: string): Float32Array | number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = count * elementSize(t);
  if (bytes.byteLength < need) {
    throw new ImportError(
      'corrupt',
      `The tensor ${name} has ${bytes.byteLength} bytes of data but its shape needs ${need}: the file is truncated.`,
      'Export the model again.',
    );
  }
  if (t === 1) {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  }
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    if (t === 7) out[i] = Number(view.getBigInt64(i * 8, true));
    else if (t === 6) out[i] = view.getInt32(i * 4, true);
    else if (t === 11) out[i] = view.getFloat64(i * 8, true);
    else if (t === 3) out[i] = view.getInt8(i);
    else if (t === 2 || t === 9) out[i] = view.getUint8(i);
    else
      throw new ImportError(
        'unsupported',
        `The tensor ${name} has ONNX data type ${t}, which Deepwire does not read (float16, bfloat16 and quantized weights are not supported).`,
        'Export the model with float32 weights.',
      );
  }
  return out;
}

/**
 * A tensor's values as numbers: float32 weights as a Float32Array, integer tensors (shapes, axes) as
 * numbers. External data is read from the file the tensor names, beside the model, and only there.
 */
export function tensorValues(t: OnnxTensor, modelPath: string): Const {
  const dims = t.dims.map(num);
  const count = dims.reduce((p, d) => p * d, 1);
  if (t.data_location === 1 || (t.external_data && t.external_data.length > 0)) {
    const entry = Object.fromEntries((t.external_data ?? []).map((e) => [e.key, e.value]));
    const dir = dirname(modelPath);
    const file = join(dir, entry.location ?? '');
    const rel = relative(dir, file);
    if (!entry.location || rel.startsWith('..') || isAbsolute(rel)) {
      throw new ImportError(
        'corrupt',
        `The tensor ${t.name} keeps its data in "${entry.location ?? '(no location)'}", which is not a file beside the model.`,
        'Keep the model and its external data files in one folder.',
      );
    }
    if (!existsSync(file)) {
      throw new ImportError(
        'missing-data',
        `The tensor ${t.name} keeps its weights in the external data file ${file}, which is missing.`,
        `Copy ${entry.location} into the folder of the .onnx file (external data files travel with the model), then import again.`,
      );
    }
    const offset = Number(entry.offset ?? 0);
    const length = entry.length ? Number(entry.length) : count * elementSize(t.data_type);
    if (offset + length > statSync(file).size) {
      throw new ImportError(
        'missing-data',
        `The external data file ${file} is shorter than the tensor ${t.name} needs: it is truncated.`,
        'Copy the external data file again.',
      );
    }
    const buf = readFileSync(file).subarray(offset, offset + length);
    return { dims, data: decodeRaw(buf, t.data_type, count, t.name) };
  }
  if (t.raw_data && t.raw_data.byteLength > 0) return { dims, data: decodeRaw(t.raw_data, t.data_type, count, t.name) };
  if (t.float_data && t.float_data.length) return { dims, data: Float32Array.from(t.float_data) };
  if (t.double_data && t.double_data.length) return { dims, data: [...t.double_data] };
  if (t.int64_data && t.int64_data.length) return { dims, data: t.int64_data.map(num) };
  if (t.int32_data && t.int32_data.length) return { dims, data: [...t.int32_data] };
  if (count === 0) return { dims, data: [] };
  throw new ImportError('corrupt', `The tensor ${t.name} has no data.`, 'Export the model again.');
}
