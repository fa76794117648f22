# Writes small ONNX models with Debian's PyTorch (torch.onnx.export, eval mode) for the importer's
# tests, and each model's input and output on a fixed random batch (.npy) for reference.
# Usage: python3 torchModels.py OUT_DIR [name ...]
import sys, os
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 32)
        self.bn = nn.BatchNorm1d(32)
        self.fc2 = nn.Linear(32, 16)
        self.out = nn.Linear(16, 5)

    def forward(self, x):
        x = torch.tanh(self.bn(self.fc1(x)))
        x = F.leaky_relu(self.fc2(x), 0.1)
        return F.softmax(self.out(x), dim=1)


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False)
        self.bn0 = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1)
        self.c1 = nn.Conv2d(8, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.c2 = nn.Conv2d(8, 8, 3, padding=1)
        self.down = nn.Conv2d(8, 16, 1, stride=2)
        self.c3 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.bn0(self.stem(x))))
        y = F.relu(self.bn1(self.c1(x)))
        x = F.relu(x + self.c2(y))
        x = F.relu(self.down(x) + self.c3(x))
        return self.fc(torch.flatten(x, 1))


class Mobile(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.dw = nn.Conv2d(8, 8, 3, padding=1, groups=8)
        self.pw = nn.Conv2d(8, 16, 1)
        self.dw2 = nn.Conv2d(16, 32, 3, stride=2, padding=1, groups=16)
        self.bn = nn.BatchNorm2d(32)
        self.fc = nn.Linear(32, 4)

    def forward(self, x):
        x = F.relu6(self.stem(x))
        x = F.relu6(self.pw(F.relu6(self.dw(x))))
        x = F.relu6(self.bn(self.dw2(x)))
        x = F.adaptive_avg_pool2d(x, 1)
        return self.fc(torch.flatten(x, 1))


class Branches(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(1, 4, 1)
        self.b = nn.Conv2d(1, 6, 3, padding=1)
        self.c = nn.Conv2d(1, 2, 5, padding=2)
        self.pool = nn.AvgPool2d(2)
        self.pad = nn.ZeroPad2d((1, 2, 0, 1))
        self.d = nn.Conv2d(12, 8, 3)
        self.fc = nn.Linear(8 * 7 * 9, 3)

    def forward(self, x):
        x = torch.cat([F.relu(self.a(x)), torch.sigmoid(self.b(x)), F.elu(self.c(x))], 1)
        x = self.d(self.pad(self.pool(x)))
        return self.fc(torch.flatten(torch.tanh(x), 1))


class Sequence(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(6, 12, batch_first=True)
        self.fc = nn.Linear(12, 3)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.fc(h[-1])


class SequenceOut(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(4, 8, batch_first=True)
        self.lstm2 = nn.LSTM(8, 5, batch_first=True)

    def forward(self, x):
        y, _ = self.lstm(x)
        _, (h, _) = self.lstm2(torch.relu(y))
        return h[-1]


class GruSeq(nn.Module):
    # PyTorch's GRU is reset-after (ONNX linear_before_reset = 1): Keras's reset_after=True GRU.
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(4, 6, batch_first=True)
        self.fc = nn.Linear(6, 3)

    def forward(self, x):
        y, _ = self.gru(x)
        return self.fc(torch.tanh(y))


class RnnSeq(nn.Module):
    def __init__(self, nonlinearity):
        super().__init__()
        self.rnn = nn.RNN(5, 7, batch_first=True, nonlinearity=nonlinearity)

    def forward(self, x):
        _, h = self.rnn(x)
        return h[-1]


class BiLstm(nn.Module):
    # direction="bidirectional": Y [T, 2, N, H] → Transpose(0, 2, 1, 3) → Reshape [T, N, 2H].
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(4, 5, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(10, 2)

    def forward(self, x):
        y, _ = self.lstm(x)
        return self.fc(y)


MODELS = {
    # name: (module, input shape, dynamic batch)
    'mlp': (MLP, (3, 20), True),
    'residual': (Residual, (2, 3, 32, 32), True),
    'mobile': (Mobile, (2, 3, 16, 16), True),
    'branches': (Branches, (2, 1, 16, 16), True),
    'lstm': (Sequence, (2, 7, 6), False),
    'lstm2': (SequenceOut, (2, 5, 4), False),
    'gru': (GruSeq, (2, 6, 4), False),
    'rnn_tanh': (lambda: RnnSeq('tanh'), (2, 5, 5), False),
    'rnn_relu': (lambda: RnnSeq('relu'), (2, 5, 5), False),
    'bilstm': (BiLstm, (2, 6, 4), False),
}


class Gelu(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 6)
        self.fc2 = nn.Linear(6, 2)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


def extras(out):
    # An operator Deepwire has no layer for (GELU exports as Erf), for the error and --partial.
    torch.onnx.export(Gelu().eval(), torch.rand(2, 4), os.path.join(out, 'gelu.onnx'), input_names=['x'],
                      output_names=['y'], opset_version=13)
    # Height and width left open: the import must ask for them.
    torch.onnx.export(Mobile().eval(), torch.rand(2, 3, 16, 16), os.path.join(out, 'dynamic.onnx'),
                      input_names=['x'], output_names=['y'], opset_version=13,
                      dynamic_axes={'x': {0: 'batch', 2: 'h', 3: 'w'}, 'y': {0: 'batch'}})
    # Weights in an external data file beside the model.
    import onnx
    ext = os.path.join(out, 'external')
    os.makedirs(ext, exist_ok=True)
    onnx.save_model(onnx.load(os.path.join(out, 'mlp.onnx')), os.path.join(ext, 'mlp.onnx'),
                    save_as_external_data=True, all_tensors_to_one_file=True, location='mlp.data',
                    size_threshold=0)


def main():
    out = sys.argv[1]
    names = sys.argv[2:] or list(MODELS)
    os.makedirs(out, exist_ok=True)
    for name in names:
        cls, shape, dynamic = MODELS[name]
        model = cls()
        # Non-trivial batch-norm statistics, so folding and importing them is really tested.
        for m in model.modules():
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.data.uniform_(0.5, 1.5)
                m.bias.data.uniform_(-0.2, 0.2)
        model.eval()
        x = torch.rand(*shape)
        torch.onnx.export(
            model, x, os.path.join(out, name + '.onnx'), input_names=['x'], output_names=['y'],
            opset_version=13, dynamic_axes={'x': {0: 'batch'}, 'y': {0: 'batch'}} if dynamic else None,
        )
        with torch.no_grad():
            np.save(os.path.join(out, name + '.x.npy'), x.numpy())
            np.save(os.path.join(out, name + '.y.npy'), model(x).numpy())
    if not sys.argv[2:]:
        extras(out)
    print('ok')


if __name__ == '__main__':
    main()
