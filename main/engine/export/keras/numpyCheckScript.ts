/**
 * A small NumPy interpreter of a Keras 3 model.keras: reads config.json and model.weights.h5 (with
 * h5py, at the paths Keras 3's saving_lib would look them up: model.layers in Keras's map_graph
 * order, `layers/<snake_case class>[_N]/…/vars/<i>`), then runs every layer as Keras 3 defines it,
 * in float64. TensorFlow/Keras cannot be installed here, so this is how an export's numbers are
 * checked; it proves the file's structure and weights, not that a given Keras release loads it.
 */
export const NUMPY_CHECK_SCRIPT = String.raw`
import io, json, math, re, sys, traceback, zipfile
import numpy as np
import h5py

def snake(name):
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()

def flat(args):
    out = []
    for a in args:
        out.extend(flat(a) if isinstance(a, list) else [a])
    return out

def parents_of(layer):
    if not layer["inbound_nodes"]:
        return []
    return [t["config"]["keras_history"][0] for t in flat(layer["inbound_nodes"][0]["args"])]

def keras_order(cfg):
    """model.layers as keras/src/ops/function.py map_graph orders them."""
    parents = {l["name"]: parents_of(l) for l in cfg["layers"]}
    index, finished, post = {}, set(), []
    def visit(name):
        if name in finished:
            return
        index.setdefault(name, len(index))
        for p in parents[name]:
            visit(p)
        finished.add(name)
        post.append(name)
    for ref in cfg["output_layers"]:
        visit(ref[0])
    depth, node_depth = {}, {}
    for name in reversed(post):
        d = max(node_depth.get(name, 0), depth.get(name, 0))
        depth[name] = node_depth[name] = d
        for p in parents[name]:
            node_depth[p] = max(d + 1, node_depth.get(p, 0))
    for ref in cfg["input_layers"]:
        if ref[0] not in depth:
            depth[ref[0]] = 0
            index[ref[0]] = -1
    return sorted(depth, key=lambda n: (-depth[n], index[n]))

def read_vars(h5, path):
    g = h5.get(path + "/vars")
    if g is None:
        return []
    return [np.array(g[str(i)], dtype=np.float64) for i in range(len(g.keys()))]

def load(path):
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    for need in ("metadata.json", "config.json", "model.weights.h5"):
        if need not in names:
            raise ValueError(f"{path} has no {need}")
    config = json.loads(z.read("config.json"))
    cfg = config["config"]
    h5 = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
    by_name = {l["name"]: l for l in cfg["layers"]}
    used, weights = {}, {}
    for name in keras_order(cfg):
        layer = by_name[name]
        base = snake(layer["class_name"])
        used[base] = used.get(base, -1) + 1
        p = "layers/" + (base if used[base] == 0 else f"{base}_{used[base]}")
        if layer["class_name"] in ("SimpleRNN", "LSTM", "GRU"):
            weights[name] = read_vars(h5, p + "/cell")
        elif layer["class_name"] == "Bidirectional":
            weights[name] = (read_vars(h5, p + "/forward_layer/cell"), read_vars(h5, p + "/backward_layer/cell"))
        else:
            weights[name] = read_vars(h5, p)
    return cfg, weights

erf = np.vectorize(math.erf)
def sigmoid(x): return 1 / (1 + np.exp(-x))
def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
SELU_A, SELU_S = 1.6732632423543772, 1.0507009873554805
ACTS = {
    "linear": lambda x: x, "relu": lambda x: np.maximum(x, 0), "relu6": lambda x: np.clip(x, 0, 6),
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
    "selu": lambda x: SELU_S * np.where(x > 0, x, SELU_A * np.expm1(np.minimum(x, 0))),
    "leaky_relu": lambda x: np.where(x > 0, x, 0.2 * x), "tanh": np.tanh, "sigmoid": sigmoid,
    "hard_sigmoid": lambda x: np.clip(x / 6 + 0.5, 0, 1), "softmax": softmax,
    "softplus": lambda x: np.logaddexp(0, x), "softsign": lambda x: x / (1 + np.abs(x)),
    "silu": lambda x: x * sigmoid(x), "swish": lambda x: x * sigmoid(x),
    "gelu": lambda x: 0.5 * x * (1 + erf(x / math.sqrt(2))),
    "tfjs_hard_sigmoid": lambda x: np.clip(0.2 * x + 0.5, 0, 1), "gaussian": lambda x: np.exp(-x * x),
}
def act(a, x):
    if isinstance(a, dict):
        a = a["config"]
    return ACTS[a](x)

def pad_same(x, k, s, d, value=0.0):
    pads = [(0, 0)]
    for size, kk, ss, dd in zip(x.shape[1:-1], k, s, d):
        out = -(-size // ss)
        total = max((out - 1) * ss + (kk - 1) * dd + 1 - size, 0)
        pads.append((total // 2, total - total // 2))
    return np.pad(x, pads + [(0, 0)], constant_values=value)

def windows(x, k, s, d):
    """(N, *out, *k, C): every window of x, strided and dilated."""
    n = len(k)
    eff = [(kk - 1) * dd + 1 for kk, dd in zip(k, d)]
    w = np.lib.stride_tricks.sliding_window_view(x, eff, axis=tuple(range(1, n + 1)))
    w = w[(slice(None),) + tuple(slice(None, None, ss) for ss in s) + (slice(None),) + tuple(slice(None, None, dd) for dd in d)]
    return np.moveaxis(w, n + 1, -1)

def padded(x, c, k, s, d, value=0.0):
    if c["padding"] == "same":
        return pad_same(x, k, s, d, value)
    if c["padding"] == "causal":
        return np.pad(x, [(0, 0), (d[0] * (k[0] - 1), 0), (0, 0)])
    return x

def conv(c, w, x):
    k, s, d = c["kernel_size"], c["strides"], c["dilation_rate"]
    win = windows(padded(x, c, k, s, d), k, s, d)
    y = np.tensordot(win, w[0], axes=len(k) + 1)
    return act(c["activation"], y + w[1] if c["use_bias"] else y)

def depthwise(c, kernel, x):
    k, s, d = c["kernel_size"], c["strides"], c["dilation_rate"]
    win = windows(padded(x, c, k, s, d), k, s, d)
    y = np.einsum("nhwijc,ijcm->nhwcm", win, kernel)
    return y.reshape(y.shape[:3] + (-1,))

def conv_transpose(c, w, x):
    (kh, kw), (sh, sw) = c["kernel_size"], c["strides"]
    n, h, wd, _ = x.shape
    kernel = w[0]
    full = np.zeros((n, (h - 1) * sh + kh, (wd - 1) * sw + kw, kernel.shape[2]))
    for i in range(kh):
        for j in range(kw):
            full[:, i:i + (h - 1) * sh + 1:sh, j:j + (wd - 1) * sw + 1:sw] += np.einsum("nhwc,fc->nhwf", x, kernel[i, j])
    out = []
    for axis, size, kk, ss in ((1, h, kh, sh), (2, wd, kw, sw)):
        target = size * ss + (max(kk - ss, 0) if c["padding"] == "valid" else 0)
        before = max(kk - ss, 0) // 2 if c["padding"] == "same" else 0
        out.append((axis, before, target))
    for axis, before, target in out:
        length = full.shape[axis]
        if before + target > length:
            pad = [(0, 0)] * 4
            pad[axis] = (0, before + target - length)
            full = np.pad(full, pad)
        full = np.take(full, range(before, before + target), axis=axis)
    y = full + w[1] if c["use_bias"] else full
    return act(c["activation"], y)

def pool(c, x, op):
    k = c["pool_size"]
    s = c["strides"] or k
    d = [1] * len(k)
    if op == "max":
        win = windows(padded(x, c, k, s, d, -np.inf), k, s, d)
        return win.max(axis=tuple(range(len(k) + 1, 2 * len(k) + 1)))
    axes = tuple(range(len(k) + 1, 2 * len(k) + 1))
    total = windows(padded(x, c, k, s, d), k, s, d).sum(axis=axes)
    count = windows(padded(np.ones_like(x[:1]), c, k, s, d), k, s, d).sum(axis=axes)
    return total / count

def normalize(c, w, x, batch):
    axis = c["axis"] if c["axis"] >= 0 else x.ndim + c["axis"]
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]
    ws = list(w)
    gamma = ws.pop(0).reshape(shape) if c["scale"] else 1.0
    beta = ws.pop(0).reshape(shape) if c["center"] else 0.0
    if batch:
        mean, var = ws[0].reshape(shape), ws[1].reshape(shape)
    else:
        mean = x.mean(axis=axis, keepdims=True)
        var = x.var(axis=axis, keepdims=True)
    return (x - mean) / np.sqrt(var + c["epsilon"]) * gamma + beta

def rnn(kind, c, w, x, go_backwards=None):
    u = c["units"]
    kernel, rec = w[0], w[1]
    bias = w[2] if c["use_bias"] else None
    a = lambda v: act(c["activation"], v)
    ra = lambda v: act(c.get("recurrent_activation", "sigmoid"), v)
    h = np.zeros((x.shape[0], u))
    cell = np.zeros_like(h)
    outs = []
    if go_backwards is None:
        go_backwards = c.get("go_backwards", False)
    # Keras's go_backwards: steps run last to first and the sequence comes out in that order.
    steps = range(x.shape[1] - 1, -1, -1) if go_backwards else range(x.shape[1])
    for t in steps:
        xt = x[:, t]
        if kind == "SimpleRNN":
            h = a(xt @ kernel + h @ rec + (bias if bias is not None else 0))
        elif kind == "LSTM":
            z = xt @ kernel + h @ rec + (bias if bias is not None else 0)
            i, f, g, o = np.split(z, 4, axis=1)
            cell = ra(f) * cell + ra(i) * a(g)
            h = ra(o) * a(cell)
        elif c["reset_after"]:
            mx = xt @ kernel + (bias[0] if bias is not None else 0)
            mh = h @ rec + (bias[1] if bias is not None else 0)
            xz, xr, xh = np.split(mx, 3, axis=1)
            hz, hr, hh = np.split(mh, 3, axis=1)
            z, r = ra(xz + hz), ra(xr + hr)
            h = z * h + (1 - z) * a(xh + r * hh)
        else:
            mx = xt @ kernel + (bias if bias is not None else 0)
            xz, xr, xh = np.split(mx, 3, axis=1)
            z, r = ra(xz + h @ rec[:, :u]), ra(xr + h @ rec[:, u:2 * u])
            h = z * h + (1 - z) * a(xh + (r * h) @ rec[:, 2 * u:])
        outs.append(h)
    seq = np.stack(outs, axis=1)
    return seq if c["return_sequences"] else seq[:, -1]

def bidirectional(c, w, x):
    f_cfg, b_cfg = c["layer"], c["backward_layer"]
    f = rnn(f_cfg["class_name"], f_cfg["config"], w[0], x)
    b = rnn(b_cfg["class_name"], b_cfg["config"], w[1], x, go_backwards=True)
    if f_cfg["config"]["return_sequences"]:
        b = b[:, ::-1]
    return {"concat": lambda: np.concatenate([f, b], -1), "sum": lambda: f + b, "mul": lambda: f * b,
            "ave": lambda: (f + b) / 2}[c["merge_mode"]]()

def upsample_bilinear(x, size):
    for axis, s in ((1, size[0]), (2, size[1])):
        n = x.shape[axis]
        src = np.arange(n * s) / s
        lo = np.minimum(np.floor(src).astype(int), n - 1)
        hi = np.minimum(lo + 1, n - 1)
        shape = [1] * 4
        shape[axis] = -1
        wgt = (src - lo).reshape(shape)
        x = np.take(x, lo, axis=axis) * (1 - wgt) + np.take(x, hi, axis=axis) * wgt
    return x

def lrn(c, x):
    r, ch = c["depth_radius"], x.shape[-1]
    sq = np.pad(x * x, [(0, 0)] * 3 + [(r, r)])
    total = sum(sq[..., i:i + ch] for i in range(2 * r + 1))
    return x / (c["bias"] + c["alpha"] * total) ** c["beta"]

def crop_or_pad(x, spec, crop):
    (t, b), (l, r) = spec
    if crop:
        return x[:, t:x.shape[1] - b, l:x.shape[2] - r]
    return np.pad(x, [(0, 0), (t, b), (l, r), (0, 0)])

def run_layer(cls, c, w, ins):
    x = ins[0]
    if cls == "Dense":
        y = x @ w[0] + (w[1] if c["use_bias"] else 0)
        return act(c["activation"], y)
    if cls == "Embedding": return w[0][x.astype(np.int64)]
    if cls in ("Conv1D", "Conv2D", "Conv3D"): return conv(c, w, x)
    if cls == "DepthwiseConv2D":
        y = depthwise(c, w[0], x)
        return act(c["activation"], y + w[1] if c["use_bias"] else y)
    if cls == "SeparableConv2D":
        y = np.tensordot(depthwise(c, w[0], x), w[1][0, 0], axes=1)
        return act(c["activation"], y + w[2] if c["use_bias"] else y)
    if cls == "Conv2DTranspose": return conv_transpose(c, w, x)
    m = re.match(r"(Max|Average)Pooling[123]D", cls)
    if m: return pool(c, x, "max" if m.group(1) == "Max" else "avg")
    if cls.startswith("GlobalMaxPooling"): return x.max(axis=tuple(range(1, x.ndim - 1)))
    if cls.startswith("GlobalAveragePooling"): return x.mean(axis=tuple(range(1, x.ndim - 1)))
    if cls == "Flatten": return x.reshape(x.shape[0], -1)
    if cls == "Reshape": return x.reshape((x.shape[0],) + tuple(c["target_shape"]))
    if cls == "Permute": return x.transpose((0,) + tuple(c["dims"]))
    if cls == "RepeatVector": return np.repeat(x[:, None], c["n"], axis=1)
    if cls == "ZeroPadding2D": return crop_or_pad(x, c["padding"], False)
    if cls == "Cropping2D": return crop_or_pad(x, c["cropping"], True)
    if cls == "UpSampling2D":
        assert c["interpolation"] == "nearest", "Keras 3 bilinear resizing is not what TF.js computes"
        return np.repeat(np.repeat(x, c["size"][0], axis=1), c["size"][1], axis=2)
    if cls == "TfjsBilinearUpSampling2D": return upsample_bilinear(x, c["size"])
    if cls == "BatchNormalization": return normalize(c, w, x, True)
    if cls == "LayerNormalization": return normalize(c, w, x, False)
    if cls == "LocalResponseNormalization": return lrn(c, x)
    if cls in ("Dropout", "SpatialDropout2D", "GaussianNoise"): return x
    if cls == "Add": return sum(ins)
    if cls == "Subtract": return ins[0] - ins[1]
    if cls == "Multiply": return np.prod(np.stack(ins), axis=0)
    if cls == "Average": return sum(ins) / len(ins)
    if cls == "Maximum": return np.max(np.stack(ins), axis=0)
    if cls == "Concatenate": return np.concatenate(ins, axis=c["axis"])
    if cls in ("SimpleRNN", "LSTM", "GRU"): return rnn(cls, c, w, x)
    if cls == "Bidirectional": return bidirectional(c, w, x)
    if cls == "Activation": return act(c["activation"], x)
    if cls == "ReLU":
        y = np.maximum(x, 0)
        return y if c["max_value"] is None else np.minimum(y, c["max_value"])
    if cls == "LeakyReLU": return np.where(x > 0, x, c["negative_slope"] * x)
    if cls == "ELU": return np.where(x > 0, x, c["alpha"] * np.expm1(np.minimum(x, 0)))
    if cls == "PReLU": return np.maximum(x, 0) - w[0] * np.maximum(-x, 0)
    if cls == "Softmax": return softmax(x, c["axis"])
    if cls == "GaussianActivation": return np.exp(-x * x / (c["sigma"] ** 2))
    raise ValueError(f"the NumPy check has no {cls}")

def predict(path, x):
    cfg, weights = load(path)
    values = {}
    for layer in cfg["layers"]:
        name = layer["name"]
        if layer["class_name"] == "InputLayer":
            values[name] = x.astype(np.float64)
            continue
        ins = [values[p] for p in parents_of(layer)]
        values[name] = run_layer(layer["class_name"], layer["config"], weights[name], ins)
    outs = [values[ref[0]] for ref in cfg["output_layers"]]
    return np.concatenate([o.reshape(o.shape[0], -1) for o in outs], axis=1)

print(json.dumps({"numpy": np.__version__, "h5py": h5py.__version__}), flush=True)
for job in json.load(sys.stdin):
    try:
        inputs = len(json.loads(zipfile.ZipFile(job["keras"]).read("config.json"))["config"]["input_layers"])
        if inputs != 1:
            print(json.dumps({"ok": False, "skip": f"the model has {inputs} inputs; the check feeds one batch"}), flush=True)
            continue
        np.save(job["output"], predict(job["keras"], np.load(job["input"])).astype(np.float32))
        print(json.dumps({"ok": True}), flush=True)
    except Exception:
        print(json.dumps({"ok": False, "error": traceback.format_exc()}), flush=True)
`;
