import { float } from './onnxGraph';
import { refuse, type LayerContext } from './context';

/** TF.js's hardSigmoid is clip(0.2·x + 0.5, 0, 1) (Keras 3 and PyTorch use x/6 + 0.5). */
export const TFJS_HARD_SIGMOID = { alpha: 0.2, beta: 0.5 } as const;

/** SELU's constants as TF.js uses them (the same float32 values as ONNX's defaults). */
const SELU = { alpha: 1.6732632423543772, gamma: 1.0507009873554805 };

/**
 * Applies a TF.js activation (by its serialised name) to `x`. Activations ONNX lacks are built from
 * its operators (swish = x·σ(x), gelu = x·½(1 + erf(x/√2)) as TF.js computes it); any other name
 * is refused naming the node, never skipped.
 */
export function applyActivation(ctx: LayerContext, x: string, activation: unknown, axis = -1): string {
  const g = ctx.g;
  const name = ctx.name;
  const op = (type: string, inputs: string[], attrs = {}) => g.op(type, inputs, attrs, { name });
  switch (activation ?? 'linear') {
    case 'linear':
      return x;
    case 'relu':
      return op('Relu', [x]);
    case 'relu6':
      return op('Clip', [x, g.scalar(`${name}/min`, 0), g.scalar(`${name}/max`, 6)]);
    case 'elu':
      return op('Elu', [x], { alpha: float(1) });
    case 'selu':
      return op('Selu', [x], { alpha: float(SELU.alpha), gamma: float(SELU.gamma) });
    case 'tanh':
      return op('Tanh', [x]);
    case 'sigmoid':
      return op('Sigmoid', [x]);
    case 'hardSigmoid':
      return op('HardSigmoid', [x], { alpha: float(TFJS_HARD_SIGMOID.alpha), beta: float(TFJS_HARD_SIGMOID.beta) });
    case 'softmax':
      return op('Softmax', [x], { axis: { int: axis } });
    case 'softplus':
      return op('Softplus', [x]);
    case 'softsign':
      return op('Softsign', [x]);
    case 'swish':
      return op('Mul', [x, op('Sigmoid', [x])]);
    case 'gelu': {
      const erf = op('Erf', [op('Div', [x, g.scalar(`${name}/sqrt2`, Math.SQRT2)])]);
      const cdf = op('Mul', [g.scalar(`${name}/half`, 0.5), op('Add', [g.scalar(`${name}/one`, 1), erf])]);
      return op('Mul', [x, cdf]);
    }
    default:
      return refuse(ctx, `the activation "${String(activation)}" has no ONNX equivalent in Deepwire's exporter.`);
  }
}

/** exp(−x²/σ²), the operations in TF.js's order so the float32 rounding is the same. */
export function gaussian(ctx: LayerContext, x: string, sigma: number): string {
  const g = ctx.g;
  const op = (type: string, inputs: string[]) => g.op(type, inputs, {}, { name: ctx.name });
  const square = op('Mul', [x, x]);
  return op('Exp', [op('Neg', [op('Div', [square, g.scalar(`${ctx.name}/sigma2`, sigma * sigma)])])]);
}
