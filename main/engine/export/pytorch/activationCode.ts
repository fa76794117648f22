import { ExportError } from '../exportError';
import type { Layout } from './layerTypes';

/** The channel axis of a tensor of `rank` in `layout` (what Keras's last axis became). */
export function channelDim(rank: number, layout: Layout): number {
  return layout === 'cf' && rank >= 3 ? 1 : -1;
}

/** A Keras axis (1…rank−1, or negative) as the PyTorch dim it is at in `layout`. */
export function torchDim(axis: number, rank: number, layout: Layout): number {
  const a = axis < 0 ? rank + axis : axis;
  if (layout === 'cl' || rank < 3) return a;
  return a === rank - 1 ? 1 : a + 1;
}

/**
 * `expr` through a Keras/TF.js activation, as a Python expression. `cdim` is the channel dim for
 * softmax. hardSigmoid is TF.js's 0.2x + 0.5 (a helper), leakyRelu the activation string's 0.2.
 */
export function activationExpr(name: string, expr: string, cdim: number, helpers: Set<string>, nodeId: string): string {
  switch (name) {
    case 'linear':
      return expr;
    case 'relu':
      return `torch.relu(${expr})`;
    case 'relu6':
      return `F.relu6(${expr})`;
    case 'elu':
      return `F.elu(${expr})`;
    case 'selu':
      return `F.selu(${expr})`;
    case 'leakyRelu':
      return `F.leaky_relu(${expr}, 0.2)`;
    case 'tanh':
      return `torch.tanh(${expr})`;
    case 'sigmoid':
      return `torch.sigmoid(${expr})`;
    case 'hardSigmoid':
      helpers.add('hard_sigmoid');
      return `hard_sigmoid(${expr})`;
    case 'softmax':
      return `torch.softmax(${expr}, dim=${cdim})`;
    case 'softplus':
      return `F.softplus(${expr})`;
    case 'softsign':
      return `F.softsign(${expr})`;
    case 'swish':
      return `F.silu(${expr})`;
    case 'gelu':
      return `F.gelu(${expr})`;
    case 'gaussian':
      return `torch.exp(-torch.square(${expr}))`;
    default:
      throw new ExportError(
        `${nodeId}: the activation "${name}" has no PyTorch translation in Deepwire yet.`,
        'Choose another activation for this layer.',
        nodeId,
      );
  }
}
