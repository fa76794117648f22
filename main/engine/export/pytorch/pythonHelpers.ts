/**
 * Python helpers that model.py includes when its graph needs them: TF's padding and resizing
 * conventions, and small modules for what PyTorch does not ship (Keras-style recurrent cells, PReLU
 * with Keras's alpha shape, Gaussian noise and activation, separable convolution). Each is kept
 * short enough to read; `requires` pulls in the helpers it calls.
 */
export interface PythonHelper {
  code: string;
  requires?: string[];
}

export const PYTHON_HELPERS: Record<string, PythonHelper> = {
  pad_same: {
    code: `
def pad_same(x, kernel, stride, dilation, value=0.0):
    """TensorFlow's 'same' padding of the last len(kernel) dims: the odd pixel goes at the end.

    PyTorch pads symmetrically (and refuses padding='same' with stride > 1), which gives the right
    shape with the wrong numbers whenever the total padding is odd.
    """
    pads = []
    for size, k, s, d in reversed(list(zip(x.shape[-len(kernel):], kernel, stride, dilation))):
        out = -(-size // s)
        total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads, value=value)
`,
  },
  max_pool_same: {
    requires: ['pad_same'],
    code: `
def max_pool_same(x, pool, stride):
    """Max pooling with TF 'same' padding (padded cells never win)."""
    pool_fn = (F.max_pool1d, F.max_pool2d, F.max_pool3d)[len(pool) - 1]
    return pool_fn(pad_same(x, pool, stride, (1,) * len(pool), value=-math.inf), pool, stride)
`,
  },
  avg_pool_same: {
    requires: ['pad_same'],
    code: `
def avg_pool_same(x, pool, stride):
    """Average pooling with TF 'same' padding: padded cells are not counted, as in TF."""
    pool_fn = (F.avg_pool1d, F.avg_pool2d, F.avg_pool3d)[len(pool) - 1]
    ones = torch.ones_like(x[:1, :1])
    dilation = (1,) * len(pool)
    total = pool_fn(pad_same(x, pool, stride, dilation), pool, stride)
    count = pool_fn(pad_same(ones, pool, stride, dilation), pool, stride)
    return total / count
`,
  },
  upsample_bilinear: {
    code: `
def upsample_bilinear(x, scale):
    """TF.js's resizeBilinear (align_corners=False, half_pixel_centers=False): source = target / scale.

    F.interpolate(mode='bilinear') uses half-pixel centres and gives other numbers.
    """
    for dim, s in ((2, scale[0]), (3, scale[1])):
        n = x.shape[dim]
        src = torch.arange(n * s, dtype=x.dtype, device=x.device) / s
        lo = src.floor().long().clamp(max=n - 1)
        hi = (lo + 1).clamp(max=n - 1)
        shape = [1] * x.dim()
        shape[dim] = -1
        w = (src - lo.to(x.dtype)).view(shape)
        x = x.index_select(dim, lo) * (1 - w) + x.index_select(dim, hi) * w
    return x
`,
  },
  hard_sigmoid: {
    code: `
def hard_sigmoid(x):
    """TF.js's hardSigmoid, 0.2x + 0.5 clipped to [0, 1] (PyTorch's and Keras 3's use x/6 + 0.5)."""
    return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)
`,
  },
  activation: {
    requires: ['hard_sigmoid'],
    code: `
def activation(name, x, dim=-1):
    """A Keras/TF.js activation by name (used inside the recurrent cells below)."""
    if name == "linear":
        return x
    if name == "hardSigmoid":
        return hard_sigmoid(x)
    if name == "leakyRelu":
        return F.leaky_relu(x, 0.2)
    if name == "gaussian":
        return torch.exp(-x * x)
    if name == "softmax":
        return torch.softmax(x, dim=dim)
    return {
        "relu": torch.relu, "relu6": F.relu6, "elu": F.elu, "selu": F.selu, "tanh": torch.tanh,
        "sigmoid": torch.sigmoid, "softplus": F.softplus, "softsign": F.softsign, "swish": F.silu,
        "gelu": F.gelu,
    }[name](x)
`,
  },
  KerasRecurrent: {
    requires: ['activation'],
    code: `
class KerasRecurrent(nn.Module):
    """A Keras SimpleRNN, LSTM or GRU computed step by step, in Keras's weight layout and gate order.

    Used where no torch module computes the same thing: activations other than tanh/sigmoid (TF.js's
    hardSigmoid is 0.2x + 0.5), and GRU with reset_after=False (the reset gate applied before the
    recurrent product), which nn.GRU cannot express. Returns (outputs of every step, None) in the
    order the steps were processed, like nn.LSTM's first output.
    """

    GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}

    def __init__(self, kind, input_size, units, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, reset_after=True, go_backwards=False):
        super().__init__()
        g = self.GATES[kind]
        self.kind, self.units, self.go_backwards = kind, units, go_backwards
        self.act, self.rec_act, self.reset_after = activation, recurrent_activation, reset_after
        self.kernel = nn.Parameter(torch.zeros(input_size, g * units))
        self.recurrent_kernel = nn.Parameter(torch.zeros(units, g * units))
        bias_shape = (2, g * units) if kind == "GRU" and reset_after else (g * units,)
        self.bias = nn.Parameter(torch.zeros(bias_shape)) if use_bias else None

    def forward(self, x):
        n, steps, u = x.shape[0], x.shape[1], self.units
        h = x.new_zeros(n, u)
        c = x.new_zeros(n, u)
        b = self.bias
        outputs = []
        for t in (range(steps - 1, -1, -1) if self.go_backwards else range(steps)):
            xt = x[:, t]
            if self.kind == "SimpleRNN":
                z = xt @ self.kernel + h @ self.recurrent_kernel + (b if b is not None else 0)
                h = activation(self.act, z)
            elif self.kind == "LSTM":
                z = xt @ self.kernel + h @ self.recurrent_kernel + (b if b is not None else 0)
                i, f, cc, o = z.chunk(4, dim=1)  # Keras order: input, forget, cell, output
                c = activation(self.rec_act, f) * c + activation(self.rec_act, i) * activation(self.act, cc)
                h = activation(self.rec_act, o) * activation(self.act, c)
            elif self.reset_after:
                mx = xt @ self.kernel + (b[0] if b is not None else 0)
                mh = h @ self.recurrent_kernel + (b[1] if b is not None else 0)
                xz, xr, xh = mx.chunk(3, dim=1)  # Keras order: update, reset, candidate
                hz, hr, hh = mh.chunk(3, dim=1)
                z, r = activation(self.rec_act, xz + hz), activation(self.rec_act, xr + hr)
                h = z * h + (1 - z) * activation(self.act, xh + r * hh)
            else:
                mx = xt @ self.kernel + (b if b is not None else 0)
                xz, xr, xh = mx.chunk(3, dim=1)
                rz, rr, rh = self.recurrent_kernel.split(u, dim=1)
                z, r = activation(self.rec_act, xz + h @ rz), activation(self.rec_act, xr + h @ rr)
                h = z * h + (1 - z) * activation(self.act, xh + (r * h) @ rh)
            outputs.append(h)
        return torch.stack(outputs, dim=1), None
`,
  },
  KerasPReLU: {
    code: `
class KerasPReLU(nn.Module):
    """Keras's PReLU: one learned slope per value (1 along shared axes), alpha in Keras's shape.

    nn.PReLU only learns one slope per channel at dim 1.
    """

    def __init__(self, alpha_shape):
        super().__init__()
        self.alpha = nn.Parameter(torch.zeros(alpha_shape))

    def forward(self, x):
        return torch.where(x >= 0, x, self.alpha * x)
`,
  },
  GaussianNoise: {
    code: `
class GaussianNoise(nn.Module):
    """Keras's GaussianNoise: adds N(0, stddev²) noise while training, nothing at inference."""

    def __init__(self, stddev):
        super().__init__()
        self.stddev = stddev

    def forward(self, x):
        return x + torch.randn_like(x) * self.stddev if self.training else x
`,
  },
  SeparableConv2d: {
    code: `
class SeparableConv2d(nn.Module):
    """Keras's SeparableConv2D: a depthwise convolution (groups = channels), then a 1×1 one."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 depth_multiplier=1, bias=True):
        super().__init__()
        mid = in_channels * depth_multiplier
        self.depthwise = nn.Conv2d(in_channels, mid, kernel_size, stride, padding, dilation,
                                   groups=in_channels, bias=False)
        self.pointwise = nn.Conv2d(mid, out_channels, 1, bias=bias)

    def forward(self, x):
        return self.pointwise(self.depthwise(x))
`,
  },
};

/** The helpers `names` need, dependencies first, each once. */
export function helpersFor(names: Iterable<string>): string[] {
  const out: string[] = [];
  const visit = (n: string) => {
    if (out.includes(n)) return;
    const h = PYTHON_HELPERS[n];
    if (!h) throw new Error(`No Python helper ${n}.`);
    for (const r of h.requires ?? []) visit(r);
    out.push(n);
  };
  for (const n of names) visit(n);
  return out;
}
