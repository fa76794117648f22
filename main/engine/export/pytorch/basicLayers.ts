import { normalizePadding2d, tuple } from '../../../../shared/catalog/shapeMath';
import { ExportError } from '../exportError';
import { activationExpr, channelDim, torchDim } from './activationCode';
import type { Layout, NodeContext, TorchLayer } from './layerTypes';
import { pyFloat, pyTuple } from './pySyntax';
import { transpose } from './tensorMath';

/* Every kind that is neither a convolution, a pooling window nor recurrent. */

type Build = (ctx: NodeContext) => TorchLayer;

const same = (needs: TorchLayer['needs'], expr: (x: string, layout: Layout, rank: number) => string) =>
  ((ctx: NodeContext) => ({
    needs,
    forward: ([i]: string[], layout: Layout, out: string) => [`${out} = ${expr(i, layout, ctx.inputShapes[0].length)}`],
  })) as Build;

const moduleCall = (needs: Layout | 'keep', module: string, extra: Partial<TorchLayer> = {}) =>
  ((ctx: NodeContext) => ({
    needs,
    module,
    forward: ([i]: string[], _l: Layout, out: string) => [`${out} = self.${ctx.py}(${i})`],
    ...extra,
  })) as Build;

function reg(ctx: NodeContext, map: Record<string, string>): TorchLayer['regularizers'] {
  return Object.entries(map).flatMap(([param, name]) => {
    const r = ctx.params[param] as { l1?: number; l2?: number } | null;
    return r && (r.l1 || r.l2) ? [{ params: [name], l1: r.l1 ?? 0, l2: r.l2 ?? 0 }] : [];
  });
}

function dense(ctx: NodeContext): TorchLayer {
  const x = ctx.inputShapes[0];
  const [kernel, bias] = ctx.weights;
  const units = ctx.params.units as number;
  const helpers = new Set<string>();
  const rank = ctx.outputShape.length;
  const tensors = [
    { name: 'weight', shape: [units, kernel.shape[0]], values: transpose(kernel.values, kernel.shape, [1, 0]) },
  ];
  if (ctx.params.useBias) tensors.push({ name: 'bias', shape: bias.shape, values: bias.values });
  return {
    needs: 'cl',
    module: `nn.Linear(${x[x.length - 1]}, ${units}${ctx.params.useBias ? '' : ', bias=False'})`,
    forward: ([i], _l, out) => [
      `${out} = ${activationExpr(ctx.params.activation as string, `self.${ctx.py}(${i})`, channelDim(rank, 'cl'), helpers, ctx.id)}`,
    ],
    helpers: [...helpers],
    tensors,
    regularizers: reg(ctx, { kernelRegularizer: 'weight', biasRegularizer: 'bias' }),
  };
}

function embedding(ctx: NodeContext): TorchLayer {
  if (ctx.params.maskZero) {
    throw new ExportError(
      `${ctx.id} (Embedding) uses maskZero, which makes later layers skip padded steps; the PyTorch export does not reproduce masking.`,
      'Turn maskZero off for this Embedding (pad with an id the model learns to ignore instead), then export again.',
      ctx.id,
    );
  }
  const [w] = ctx.weights;
  return {
    needs: 'cl',
    module: `nn.Embedding(${ctx.params.inputDim}, ${ctx.params.outputDim})`,
    // The ids arrive as floats, like all of Deepwire's data.
    forward: ([i], _l, out) => [`${out} = self.${ctx.py}(${i}.long())`],
    tensors: [{ name: 'weight', shape: w.shape, values: w.values }],
    regularizers: reg(ctx, { embeddingsRegularizer: 'weight' }),
  };
}

/** BatchNormalization and LayerNormalization: Keras's gamma/beta may be absent (scale/center false). */
function normalization(ctx: NodeContext): TorchLayer {
  const p = ctx.params;
  const x = ctx.inputShapes[0];
  const rank = x.length;
  const axis = (p.axis as number) < 0 ? rank + (p.axis as number) : (p.axis as number);
  const c = x[axis] as number;
  const isBn = ctx.kind === 'BatchNormalization';
  const ws = [...ctx.weights];
  const gamma = p.scale ? ws.shift() : undefined;
  const beta = p.center ? ws.shift() : undefined;
  const affine = Boolean(gamma || beta);
  const tensors = [];
  const initLines: string[] = [];
  if (affine) {
    tensors.push({ name: 'weight', shape: [c], values: gamma?.values ?? new Float32Array(c).fill(1) });
    tensors.push({ name: 'bias', shape: [c], values: beta?.values ?? new Float32Array(c) });
    if (!gamma) initLines.push(`self.${ctx.py}.weight.requires_grad_(False)  # Keras scale=False: no learned factor`);
    if (!beta) initLines.push(`self.${ctx.py}.bias.requires_grad_(False)  # Keras center=False: no learned offset`);
  }
  const eps = pyFloat(p.epsilon as number);
  let module: string;
  let needs: Layout = 'cl';
  let forward: TorchLayer['forward'];
  if (isBn) {
    const [mean, variance] = ws;
    tensors.push({ name: 'running_mean', shape: [c], values: mean.values });
    tensors.push({ name: 'running_var', shape: [c], values: variance.values });
    const dims = rank <= 3 ? 1 : rank - 2;
    // PyTorch's momentum weighs the new batch, Keras's the running value.
    const momentum = pyFloat(Number((1 - (p.momentum as number)).toPrecision(12)));
    module = `nn.BatchNorm${dims}d(${c}, eps=${eps}, momentum=${momentum}${affine ? '' : ', affine=False'})`;
    if (axis === rank - 1) {
      needs = rank >= 3 ? 'cf' : 'cl';
      forward = ([i], _l, out) => [`${out} = self.${ctx.py}(${i})`];
    } else {
      forward = ([i], _l, out) => [`${out} = self.${ctx.py}(${i}.movedim(${axis}, 1)).movedim(1, ${axis})`];
    }
  } else {
    module = `nn.LayerNorm(${c}, eps=${eps}${affine ? '' : ', elementwise_affine=False'})`;
    forward =
      axis === rank - 1
        ? ([i], _l, out) => [`${out} = self.${ctx.py}(${i})`]
        : ([i], _l, out) => [`${out} = self.${ctx.py}(${i}.movedim(${axis}, -1)).movedim(-1, ${axis})`];
  }
  return {
    needs,
    module,
    initLines,
    forward,
    tensors,
    regularizers: reg(ctx, { gammaRegularizer: 'weight', betaRegularizer: 'bias' }),
  };
}

function lrn(ctx: NodeContext): TorchLayer {
  const { depthRadius: r, bias, alpha, beta } = ctx.params as Record<string, number>;
  const size = 2 * r + 1;
  // TF sums squares over c−r…c+r times alpha; PyTorch averages over size = 2r+1, so alpha·size.
  return moduleCall(
    'cf',
    `nn.LocalResponseNorm(${size}, alpha=${pyFloat(alpha * size)}, beta=${pyFloat(beta)}, k=${pyFloat(bias)})`,
  )(ctx);
}

function merge(ctx: NodeContext): TorchLayer {
  return {
    needs: 'keep',
    forward: (ins, layout, out) => {
      const rank = ctx.outputShape.length;
      switch (ctx.kind) {
        case 'Add':
          return [`${out} = ${ins.join(' + ')}`];
        case 'Subtract':
          return [`${out} = ${ins[0]} - ${ins[1]}`];
        case 'Multiply':
          return [`${out} = ${ins.join(' * ')}`];
        case 'Average':
          return [`${out} = (${ins.join(' + ')}) / ${ins.length}`];
        case 'Maximum':
          return [`${out} = ${ins.slice(1).reduce((acc, v) => `torch.maximum(${acc}, ${v})`, ins[0])}`];
        default:
          return [`${out} = torch.cat([${ins.join(', ')}], dim=${torchDim(ctx.params.axis as number, rank, layout)})`];
      }
    },
  };
}

function reshapeLayer(ctx: NodeContext): TorchLayer {
  const target = ctx.outputShape.slice(1).map((d) => d ?? -1);
  return same('cl', (x) => `${x}.reshape(${x}.shape[0], ${target.join(', ')})`)(ctx);
}

function cropping(ctx: NodeContext): TorchLayer {
  const [[t, b], [l, r]] = normalizePadding2d(ctx.params.cropping, 'cropping');
  const sl = (a: number, z: number) => `${a || ''}:${z ? -z : ''}`;
  return same('cf', (x) => `${x}[:, :, ${sl(t, b)}, ${sl(l, r)}]`)(ctx);
}

function upsampling(ctx: NodeContext): TorchLayer {
  const size = tuple(ctx.params.size, 2, 'size');
  if (ctx.params.interpolation === 'bilinear') {
    return { ...same('cf', (x) => `upsample_bilinear(${x}, ${pyTuple(size)})`)(ctx), helpers: ['upsample_bilinear'] };
  }
  return moduleCall('cf', `nn.Upsample(scale_factor=${pyTuple(size)}, mode="nearest")`)(ctx);
}

function prelu(ctx: NodeContext): TorchLayer {
  const [alpha] = ctx.weights;
  return moduleCall('cl', `KerasPReLU(${pyTuple(alpha.shape)})`, {
    helpers: ['KerasPReLU'],
    tensors: [{ name: 'alpha', shape: alpha.shape, values: alpha.values }],
    regularizers: reg(ctx, { alphaRegularizer: 'alpha' }),
  })(ctx);
}

function activationLayer(ctx: NodeContext): TorchLayer {
  const helpers = new Set<string>();
  const layer = same('keep', (x, layout, rank) =>
    activationExpr(ctx.params.activation as string, x, channelDim(rank, layout), helpers, ctx.id),
  )(ctx);
  layer.forward([ctx.py], 'cl', ctx.py); // collects the helpers it needs
  return { ...layer, helpers: [...helpers] };
}

export const BASIC_LAYERS: Record<string, Build> = {
  Dense: dense,
  Embedding: embedding,
  Flatten: moduleCall('cl', 'nn.Flatten()'),
  Reshape: reshapeLayer,
  Permute: (ctx) => same('cl', (x) => `${x}.permute(0, ${(ctx.params.dims as number[]).join(', ')})`)(ctx),
  RepeatVector: (ctx) => same('cl', (x) => `${x}.unsqueeze(1).repeat(1, ${ctx.params.n}, 1)`)(ctx),
  ZeroPadding2D: (ctx) => {
    const [[t, b], [l, r]] = normalizePadding2d(ctx.params.padding, 'padding');
    return moduleCall('cf', `nn.ZeroPad2d((${l}, ${r}, ${t}, ${b}))`)(ctx);
  },
  Cropping2D: cropping,
  UpSampling2D: upsampling,
  GlobalMaxPooling1D: (ctx) => globalPool(ctx, 'amax'),
  GlobalMaxPooling2D: (ctx) => globalPool(ctx, 'amax'),
  GlobalAveragePooling1D: (ctx) => globalPool(ctx, 'mean'),
  GlobalAveragePooling2D: (ctx) => globalPool(ctx, 'mean'),
  BatchNormalization: normalization,
  LayerNormalization: normalization,
  LocalResponseNormalization: lrn,
  Dropout: (ctx) => moduleCall('keep', `nn.Dropout(${pyFloat(ctx.params.rate as number)})`)(ctx),
  // nn.Dropout2d drops whole channels of (N, C, H, W): Keras's SpatialDropout2D.
  SpatialDropout2D: (ctx) => moduleCall('cf', `nn.Dropout2d(${pyFloat(ctx.params.rate as number)})`)(ctx),
  GaussianNoise: (ctx) =>
    moduleCall('keep', `GaussianNoise(${pyFloat(ctx.params.stddev as number)})`, { helpers: ['GaussianNoise'] })(ctx),
  Add: merge,
  Subtract: merge,
  Multiply: merge,
  Average: merge,
  Maximum: merge,
  Concatenate: merge,
  Activation: activationLayer,
  ReLU: (ctx) =>
    same('keep', (x) =>
      ctx.params.maxValue === null
        ? `torch.relu(${x})`
        : `torch.clamp(${x}, 0.0, ${pyFloat(ctx.params.maxValue as number)})`,
    )(ctx),
  LeakyReLU: (ctx) => same('keep', (x) => `F.leaky_relu(${x}, ${pyFloat(ctx.params.alpha as number)})`)(ctx),
  ELU: (ctx) => same('keep', (x) => `F.elu(${x}, ${pyFloat(ctx.params.alpha as number)})`)(ctx),
  PReLU: prelu,
  Softmax: (ctx) =>
    same(
      'keep',
      (x, layout, rank) => `torch.softmax(${x}, dim=${torchDim(ctx.params.axis as number, rank, layout)})`,
    )(ctx),
  GaussianActivation: (ctx) => {
    const s = ctx.params.sigma as number;
    return same('keep', (x) => `torch.exp(-torch.square(${x}) / ${pyFloat(s * s)})`)(ctx);
  },
};

function globalPool(ctx: NodeContext, op: 'amax' | 'mean'): TorchLayer {
  return {
    needs: 'keep',
    forward: ([i], layout, out) => {
      const rank = ctx.inputShapes[0].length;
      const dims = Array.from({ length: rank - 2 }, (_, k) => (layout === 'cf' ? k + 2 : k + 1));
      return [`${out} = ${i}.${op}(dim=${dims.length === 1 ? dims[0] : pyTuple(dims)})`];
    },
  };
}
