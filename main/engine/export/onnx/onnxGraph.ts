import { DATA_TYPE, onnxTypes } from '../../onnx/onnxProto';

/** An attribute value, tagged with its ONNX type (a bare number would not say int or float). */
export type Attr =
  | { int: number }
  | { float: number }
  | { ints: number[] }
  | { floats: number[] }
  | { string: string }
  | { strings: string[] };

export const int = (v: number): Attr => ({ int: v });
export const float = (v: number): Attr => ({ float: v });
export const ints = (v: number[]): Attr => ({ ints: v });
export const floats = (v: number[]): Attr => ({ floats: v });
export const str = (v: string): Attr => ({ string: v });
export const strs = (v: string[]): Attr => ({ strings: v });

interface NodeMessage {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  attribute: Record<string, unknown>[];
}

interface TensorMessage {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

/** A graph input or output: its name and shape (null = a dimension fixed only at run time). */
export interface ValueInfo {
  name: string;
  shape: (number | null)[];
  elemType?: number;
}

function attribute(name: string, a: Attr, AttributeType: Record<string, number>): Record<string, unknown> {
  if ('int' in a) return { name, type: AttributeType.INT, i: a.int };
  if ('float' in a) return { name, type: AttributeType.FLOAT, f: a.float };
  if ('ints' in a) return { name, type: AttributeType.INTS, ints: a.ints };
  if ('floats' in a) return { name, type: AttributeType.FLOATS, floats: a.floats };
  if ('string' in a) return { name, type: AttributeType.STRING, s: new TextEncoder().encode(a.string) };
  return { name, type: AttributeType.STRINGS, strings: a.strings.map((s) => new TextEncoder().encode(s)) };
}

const bytesOf = (a: Float32Array | BigInt64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * Builds an ONNX graph one operator at a time: unique value names, weights as initializers, and
 * the serialised ModelProto at the end. Operators are appended in the order they are made, which is
 * a topological order as long as callers only use values they already have.
 */
export class OnnxGraph {
  private readonly nodes: NodeMessage[] = [];
  private readonly initializers: TensorMessage[] = [];
  private readonly used = new Set<string>();
  /** The opset the graph needs: 13 unless an operator asks for more (LayerNormalization: 17). */
  opset = 13;

  /** A value name not used yet, `base` itself when free. */
  unique(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Reserves a name chosen by the caller (graph inputs, layer outputs). */
  reserve(name: string): string {
    if (this.used.has(name)) throw new Error(`The ONNX value name ${name} is used twice.`);
    this.used.add(name);
    return name;
  }

  /** A float32 initializer. */
  weight(name: string, shape: number[], values: Float32Array): string {
    const n = this.unique(name);
    this.initializers.push({ name: n, dims: shape, data_type: DATA_TYPE.FLOAT, raw_data: bytesOf(values) });
    return n;
  }

  /** A 1-D int64 initializer (shapes, axes, pads, slice bounds). */
  int64s(name: string, values: number[]): string {
    const n = this.unique(name);
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push({ name: n, dims: [values.length], data_type: DATA_TYPE.INT64, raw_data: bytesOf(data) });
    return n;
  }

  /** A float32 scalar initializer (Clip bounds, constants). */
  scalar(name: string, value: number): string {
    const n = this.unique(name);
    this.initializers.push({
      name: n,
      dims: [],
      data_type: DATA_TYPE.FLOAT,
      raw_data: bytesOf(Float32Array.of(value)),
    });
    return n;
  }

  /**
   * Appends one operator. `outputs` names its outputs (a count makes fresh names from `name`);
   * an empty input name is an omitted optional input.
   * @returns the output names
   */
  opN(
    opType: string,
    inputs: string[],
    attrs: Record<string, Attr> = {},
    options: { name: string; outputs: number | string[] },
  ): string[] {
    const { AttributeType } = onnxTypes();
    const outputs =
      typeof options.outputs === 'number'
        ? Array.from({ length: options.outputs }, (_, i) => this.unique(`${options.name}_${i}`))
        : options.outputs;
    this.nodes.push({
      input: inputs,
      output: outputs,
      name: this.unique(`${options.name}/${opType}`),
      op_type: opType,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v, AttributeType)),
    });
    return outputs;
  }

  /** Appends one single-output operator; its output is `output` or a fresh name from `name`. */
  op(
    opType: string,
    inputs: string[],
    attrs: Record<string, Attr> = {},
    options: { name: string; output?: string },
  ): string {
    const out = options.output ?? this.unique(`${options.name}/${opType}`);
    return this.opN(opType, inputs, attrs, { name: options.name, outputs: [out] })[0];
  }

  /** The serialised ModelProto (IR version 8). */
  toModel(options: {
    name: string;
    inputs: ValueInfo[];
    outputs: ValueInfo[];
    producerVersion: string;
    docString?: string;
    metadata?: Record<string, string>;
  }): Uint8Array {
    const { ModelProto } = onnxTypes();
    const valueInfo = (v: ValueInfo) => ({
      name: v.name,
      type: {
        tensor_type: {
          elem_type: v.elemType ?? DATA_TYPE.FLOAT,
          shape: {
            dim: v.shape.map((d, i) =>
              d === null ? { dim_param: i === 0 ? 'batch' : `${v.name}_dim${i}` } : { dim_value: d },
            ),
          },
        },
      },
    });
    const message = ModelProto.fromObject({
      ir_version: 8,
      opset_import: [{ domain: '', version: this.opset }],
      producer_name: 'Deepwire',
      producer_version: options.producerVersion,
      model_version: 1,
      doc_string: options.docString ?? '',
      graph: {
        name: options.name,
        node: this.nodes,
        initializer: this.initializers,
        input: options.inputs.map(valueInfo),
        output: options.outputs.map(valueInfo),
      },
      metadata_props: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    });
    return ModelProto.encode(message).finish();
  }
}
