/**
 * The shape of a layer spec: one declarative object per layer kind, read by the palette, the
 * inspector form, shape inference, validation, the compiler and every exporter.
 */

/** A dimension: a size, or `null` where it is unknown (the batch dimension, a free sequence length). */
export type Dim = number | null;
/** A tensor shape with the batch dimension first, channels last (NHWC), as Keras prints it. */
export type Shape = Dim[];

export const CATEGORIES = [
  'Input',
  'Core',
  'Convolution',
  'Pooling',
  'Reshaping',
  'Normalization',
  'Regularization',
  'Merge',
  'Recurrent',
  'Activation',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The value an initializer parameter holds: a name, or a name with its settings. */
export type InitializerValue =
  | string
  | {
      name: string;
      value?: number;
      gain?: number;
      mean?: number;
      stddev?: number;
      minval?: number;
      maxval?: number;
      seed?: number;
    };

/** The value a regularizer parameter holds: null for none. */
export type RegularizerValue = null | { l1?: number; l2?: number };

/** Any parameter value a project file may hold. */
export type ParamValue = number | string | boolean | null | Dim[] | number[][] | InitializerValue | RegularizerValue;

export type Params = Record<string, unknown>;

interface ParamBase {
  /** One line for the inspector's tooltip. */
  doc: string;
  /** A short label for the form; defaults to the parameter name. */
  label?: string;
  /** Shown in the node's one-line summary on the canvas. */
  key?: boolean;
}

export type ParamSpec =
  | (ParamBase & { type: 'int'; default: number | null; min?: number; max?: number; nullable?: boolean })
  /** `nullable` for an optional number whose absence means "none" (ReLU's maxValue). */
  | (ParamBase & {
      type: 'float';
      default: number | null;
      min?: number;
      max?: number;
      exclusiveMin?: boolean;
      nullable?: boolean;
    })
  | (ParamBase & { type: 'bool'; default: boolean })
  | (ParamBase & { type: 'select'; options: readonly string[]; default: string | null; nullable?: boolean })
  /** An int or a tuple of `length` ints (kernelSize, strides, poolSize, dilationRate, size). */
  | (ParamBase & {
      type: 'intTuple';
      length: number;
      default: number | number[] | null;
      min?: number;
      nullable?: boolean;
    })
  /** A list of ints; `allowNull` for free dimensions (Input shape), `allowMinusOne` for an inferred one (Reshape). */
  | (ParamBase & { type: 'intList'; default: Dim[]; allowNull?: boolean; allowMinusOne?: boolean; min?: number })
  /** ZeroPadding2D/Cropping2D: int, [h, w] or [[top, bottom], [left, right]]. */
  | (ParamBase & { type: 'padding2d'; default: number | number[] | number[][] })
  | (ParamBase & { type: 'initializer'; default: string })
  | (ParamBase & { type: 'regularizer'; default: null });

export type ParamType = ParamSpec['type'];

/** Trainable and non-trainable weight counts, as Keras's summary reports them. */
export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

/**
 * A shape rule's failure: a plain-words message and what to do about it.
 * Shape rules throw this; inference turns it into a node-anchored problem.
 */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** The arguments every rule receives: the node's parameters with defaults filled, and its input shapes. */
export interface RuleContext<P extends Params = Params> {
  params: P;
  inputs: Shape[];
}

/**
 * The value a parameter holds once its default is filled in, from its spec: `units` (an `int`) is a
 * number, `activation` (a `select` over ACTIVATIONS) one of those names, `strides` (an `intTuple`)
 * a number or a list. Shape rules read params through this, so they need no casts.
 */
export type ParamValueOf<S extends ParamSpec> = S extends { type: 'int' | 'float' }
  ? S extends { nullable: true }
    ? number | null
    : number
  : S extends { type: 'bool' }
    ? boolean
    : S extends { type: 'select'; options: readonly (infer O)[] }
      ? S extends { nullable: true }
        ? O | null
        : O
      : S extends { type: 'intTuple' }
        ? S extends { nullable: true }
          ? number | number[] | null
          : number | number[]
        : S extends { type: 'intList' }
          ? S extends { allowNull: true }
            ? Dim[]
            : number[]
          : S extends { type: 'padding2d' }
            ? number | number[] | number[][]
            : S extends { type: 'initializer' }
              ? InitializerValue
              : S extends { type: 'regularizer' }
                ? RegularizerValue
                : never;

/** A kind's parameters with defaults filled, typed from its parameter specs (plus the common `trainable`). */
export type ParamsOf<S extends Record<string, ParamSpec>> = { [K in keyof S]: ParamValueOf<S[K]> } & {
  trainable: boolean;
};

/**
 * One layer kind. `P` is its parameters' type (from {@link defineSpec}); the catalog's list and
 * every generic reader use the plain `LayerSpec`, whose params are `Params`.
 */
export interface LayerSpec<P extends Params = Params, K extends string = string> {
  /** Keras class name; also the `kind` in project files. */
  kind: K;
  category: Category;
  /** One line a learner understands. */
  summary: string;
  /** Parameters named as TF.js layer args, defaults equal to Keras's. */
  params: Record<string, ParamSpec>;
  /** How many inputs: an exact number, or a range for merge layers (`max` absent = unbounded). */
  arity: { min: number; max?: number };
  /**
   * Input shapes the kind takes with its default params (batch first): the catalog tests run every
   * rule on them, and the add-a-layer checklist reads them. Empty for Input.
   */
  exampleInputs: Shape[];
  /** Output shape from the input shapes; throws ShapeError with a hint when they cannot work. */
  outputShape(ctx: RuleContext<P>): Shape;
  /** Weight counts as Keras reports them. */
  paramCount(ctx: RuleContext<P> & { output: Shape }): ParamCount;
  /** Approximate multiply-accumulates for one example. */
  macs?(ctx: RuleContext<P> & { output: Shape }): number;
  /** The node's one-line summary on the canvas, e.g. `32 × 3×3, relu`. */
  describe?(params: P): string;
  /**
   * The activation at the node's output (params with defaults filled), which the training checks
   * pair with the loss. Absent: the node's own stored `activation` param, else linear.
   */
  outputActivation?(params: P): string;
  /**
   * Its first weight is a (height, width, in, out) kernel of image filters: the first such node in
   * a graph has its filters shown in the Train panel (probe.ts).
   */
  imageFilters?: boolean;
  /**
   * How the compiler builds it: a `tf.layers` factory name and its args, or a custom layer that
   * Deepwire registers (Gaussian activation, local response normalization). Anything the compiler
   * does beyond this for one kind lives in its compile hook (main/engine/compile/kindHooks.ts).
   */
  tfjs: {
    /** The `tf.layers.<factory>` function, or the name Deepwire registers a custom layer under. */
    factory: string;
    /** A layer TF.js does not ship; Deepwire's engine registers it. */
    custom?: boolean;
    /**
     * Translates the node's params (defaults filled) into the factory's args. Absent: the params
     * are the args as they are (initializer/regularizer values still need turning into objects).
     */
    args?(params: P): Params;
    /** Where TF.js differs from Keras and the compiler must step in (read by the compiler engineer). */
    caveat?: string;
  };
  /** Why a learner would pick it, for the palette's detail text (optional, longer than summary). */
  detail?: string;
}

/**
 * Declares a kind: the param specs' literal types give the rules typed params (`params.units` is a
 * number), and the kind keeps its literal name for {@link LayerKind}. Returns the spec as it is.
 */
export function defineSpec<const K extends string, S extends Record<string, ParamSpec>>(
  spec: Omit<LayerSpec<ParamsOf<S>, K>, 'params'> & { params: S },
): LayerSpec<ParamsOf<S>, K> & { params: S } {
  return spec;
}
