/**
 * train.py: trains model.py on data.npz with the run's loss, optimizer and settings, on one process
 * or under `python3 -m torch.distributed.run --nproc_per_node=N` with DistributedDataParallel (gloo
 * on CPU, nccl on GPU) and a DistributedSampler. The losses, label encodings and optimizers are
 * Deepwire's (main/engine/losses.ts, train/prepareData.ts, optimizers.ts) written in PyTorch.
 */
/** JSON inside a Python r"""…""" string: a """ in it (a class name, a path) would end the string. */
const rawSafe = (json: string) => json.replace(/"""/g, '\\u0022""');

export const trainPy = (
  settingsJson: string,
  version: string,
) => `"""Trains model.py as Deepwire's run did — written by Deepwire ${version}.

One process:   python3 train.py [--epochs N] [--data data.npz] [--out model.safetensors]
Several:       python3 -m torch.distributed.run --nproc_per_node=4 train.py
               (DistributedDataParallel: gloo on CPU, nccl on GPUs; each process takes
               batch_size / N examples of every batch, so the update is the run's.)
               (torch 1.13 on Python 3.11: add --redirects 2 --tee 1 after nproc_per_node,
               its launcher crashes on the default output settings.)
Several hosts: add --nnodes=2 --node_rank=0|1 --master_addr=HOST --master_port=29500.

Training starts from model.safetensors and writes it back (process 0) when done.
"""
import argparse
import hashlib
import json
import math
import os
import sys

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import REGULARIZERS, WEIGHTS, Model  # noqa: E402

# The run's settings, as Deepwire trained it.
SETTINGS = json.loads(r"""${rawSafe(settingsJson)}""")

EPS = 1e-7  # Keras's epsilon: keeps logs finite at probabilities 0 and 1
LN2 = math.log(2.0)


def categorical(t, p):
    q = (p / p.sum(-1, keepdim=True)).clamp(EPS, 1 - EPS)
    return -(t * q.log()).sum(-1)


def huber(t, p):
    err = (p - t).abs()
    quad = err.clamp(max=1.0)
    return (0.5 * quad ** 2 + err - quad).mean(-1)


# Per-example losses on rows (batch, values), as Keras defines them; margin losses take labels ±1.
LOSSES = {
    "meanSquaredError": lambda t, p: ((p - t) ** 2).mean(-1),
    "meanAbsoluteError": lambda t, p: (p - t).abs().mean(-1),
    "huber": huber,
    "logcosh": lambda t, p: ((p - t) + F.softplus(-2 * (p - t)) - LN2).mean(-1),
    "binaryCrossentropy": lambda t, p: -(t * p.clamp(EPS, 1 - EPS).log()
                                          + (1 - t) * (1 - p.clamp(EPS, 1 - EPS)).log()).mean(-1),
    "categoricalCrossentropy": categorical,
    "sparseCategoricalCrossentropy": lambda t, p: categorical(
        F.one_hot(t.reshape(-1).long(), p.shape[-1]).to(p.dtype), p),
    "hinge": lambda t, p: torch.relu(1 - t * p).mean(-1),
    "squaredHinge": lambda t, p: (torch.relu(1 - t * p) ** 2).mean(-1),
    "kld": lambda t, p: (t.clamp(EPS, 1 - EPS) * (t.clamp(EPS, 1 - EPS) / p.clamp(EPS, 1 - EPS)).log()).sum(-1),
    "exponential": lambda t, p: torch.exp(-t * p).mean(-1),
    "logistic": lambda t, p: (F.softplus(-t * p) / LN2).mean(-1),
}


def batch_loss(y, p):
    rows = lambda a: a.reshape(a.shape[0], -1)  # noqa: E731 (images: one row per example)
    return LOSSES[SETTINGS["loss"]](rows(y), rows(p)).mean()


def penalty(model):
    """Keras's weight penalties: l1·Σ|w| + l2·Σw² per regularized weight."""
    params = dict(model.named_parameters())
    total = 0.0
    for name, (l1, l2) in REGULARIZERS.items():
        w = params[name]
        total = total + l1 * w.abs().sum() + l2 * (w * w).sum()
    return total


def encode_labels(x, y):
    """Targets as Deepwire trained on them (see prepareData.ts's labelEncoding)."""
    s = SETTINGS
    if s["target"] == "input":
        return x
    if s["task"] == "regression":
        y = y.reshape(len(y), -1).astype(np.float32)
        if s.get("targetScaler"):
            y = (y - np.array(s["targetScaler"]["mean"], np.float32)) / np.array(s["targetScaler"]["std"], np.float32)
        return y
    classes = y.astype(np.int64).reshape(-1)
    if s["loss"] == "sparseCategoricalCrossentropy":
        return classes.reshape(-1, 1).astype(np.float32)
    neg = -1.0 if s["loss"] in ("hinge", "squaredHinge", "exponential", "logistic") else 0.0
    if s["units"] == 1:
        return np.where(classes > 0, 1.0, neg).astype(np.float32).reshape(-1, 1)
    out = np.full((len(classes), s["units"]), neg, np.float32)
    out[np.arange(len(classes)), classes] = 1.0
    return out


def make_optimizer(params):
    o = SETTINGS["optimizer"]
    kind, lr = o["kind"], o["learningRate"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr)
    if kind == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=o["momentum"], nesterov=bool(o["nesterov"]))
    if kind == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, initial_accumulator_value=o["initialAccumulatorValue"], eps=EPS)
    if kind == "adadelta":
        return torch.optim.Adadelta(params, lr=lr, rho=o["rho"], eps=o["epsilon"])
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=o["rho"], momentum=o["momentum"], eps=o["epsilon"])
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(o["beta1"], o["beta2"]), eps=o["epsilon"])
    if kind == "adamax":
        return torch.optim.Adamax(params, lr=lr, betas=(o["beta1"], o["beta2"]), eps=o["epsilon"])
    raise ValueError(f"Unknown optimizer {kind}")


def accuracy(y, p):
    if SETTINGS["task"] != "classification" or SETTINGS["target"] != "labels":
        return None
    if SETTINGS["loss"] == "sparseCategoricalCrossentropy":
        return (p.argmax(-1) == y.reshape(-1).long()).float().mean().item()
    if SETTINGS["units"] == 1:
        cut = 0.0 if SETTINGS["loss"] in ("hinge", "squaredHinge", "exponential", "logistic") else 0.5
        return ((p.reshape(-1) > cut) == (y.reshape(-1) > cut)).float().mean().item()
    return (p.argmax(-1) == y.argmax(-1)).float().mean().item()


@torch.no_grad()
def evaluate(model, x, y, device, batch=512):
    """Loss (and accuracy) over a whole split in inference mode (dropout off, BN running stats)."""
    if x is None or len(x) == 0:
        return None, None
    model.eval()
    total, correct, n = 0.0, 0.0, len(x)
    for i in range(0, n, batch):
        xb, yb = x[i:i + batch].to(device), y[i:i + batch].to(device)
        p = model(xb)
        total += batch_loss(yb, p).item() * len(xb)
        acc = accuracy(yb, p)
        correct += (acc or 0.0) * len(xb)
    classifies = SETTINGS["task"] == "classification" and SETTINGS["target"] == "labels"
    return total / n, (correct / n if classifies else None)


def describe(prefix, loss, acc):
    return f"{prefix}loss {loss:.4f}" + (f", {prefix}accuracy {acc:.4f}" if acc is not None else "")


def weights_digest(model):
    h = hashlib.sha256()
    for name, t in sorted(model.state_dict().items()):
        h.update(name.encode())
        h.update(t.detach().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data.npz"))
    parser.add_argument("--epochs", type=int, default=SETTINGS["epochs"])
    parser.add_argument("--batch-size", type=int, default=SETTINGS["batchSize"], help="global batch size")
    parser.add_argument("--weights", default=WEIGHTS, help="weights to start from")
    parser.add_argument("--out", default=WEIGHTS, help="where process 0 writes the trained weights")
    parser.add_argument("--cpu", action="store_true", help="train on the CPU even when CUDA is available")
    args = parser.parse_args()

    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    cuda = torch.cuda.is_available() and not args.cpu
    if distributed:
        dist.init_process_group("nccl" if cuda else "gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
    else:
        rank, world = 0, 1
    local = int(os.environ.get("LOCAL_RANK", "0"))
    device = torch.device(f"cuda:{local}" if cuda else "cpu")
    if cuda:
        torch.cuda.set_device(device)
    torch.manual_seed(SETTINGS["seed"])
    log = print if rank == 0 else (lambda *a, **k: None)

    if not os.path.exists(args.data):
        sys.exit(f"No training data at {args.data}. {SETTINGS.get('dataNote', '')}")
    data = np.load(args.data)
    def split(name):
        if f"x_{name}" not in data or len(data[f"x_{name}"]) == 0:
            return None, None
        x = data[f"x_{name}"].astype(np.float32)
        y = encode_labels(x, data[f"y_{name}"]) if f"y_{name}" in data else x
        return torch.from_numpy(x), torch.from_numpy(np.ascontiguousarray(y))
    x_train, y_train = split("train")
    x_val, y_val = split("val")

    model = Model().load_weights(args.weights).to(device)
    net = DistributedDataParallel(model, device_ids=[local] if cuda else None) if distributed else model
    optimizer = make_optimizer([p for p in model.parameters() if p.requires_grad])
    per_process = max(1, args.batch_size // world)
    dataset = TensorDataset(x_train, y_train)
    sampler = DistributedSampler(dataset, num_replicas=world, rank=rank, shuffle=True, seed=SETTINGS["seed"])
    loader = DataLoader(dataset, batch_size=per_process, sampler=sampler)
    log(f"{len(x_train)} training examples, {0 if x_val is None else len(x_val)} validation; "
        f"{world} process(es) on {device.type}, {per_process} examples each per step")
    val_loss, val_acc = evaluate(model, x_val, y_val, device)
    if val_loss is not None:
        log("before training: " + describe("val_", val_loss, val_acc), flush=True)

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        net.train()
        total, seen = torch.zeros(2, device=device), 0
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            loss = batch_loss(yb, net(xb)) + penalty(model)
            loss.backward()
            optimizer.step()
            total += torch.tensor([loss.item() * len(xb), len(xb)], device=device)
        if distributed:
            dist.all_reduce(total)
        val_loss, val_acc = evaluate(model, x_val, y_val, device)
        line = f"epoch {epoch + 1}/{args.epochs}: loss {(total[0] / total[1]).item():.4f}"
        if val_loss is not None:
            line += ", " + describe("val_", val_loss, val_acc)
        log(line, flush=True)

    if distributed:
        # Gradients are averaged, so parameters agree; BatchNorm's running statistics are each
        # process's own: take process 0's everywhere so every copy ends identical.
        for b in model.buffers():
            dist.broadcast(b, 0)
    print(f"process {rank}: weights sha256 {weights_digest(model)}", flush=True)
    if rank == 0:
        model.save_weights(args.out)
        log(f"wrote {args.out}")
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
