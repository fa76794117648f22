"""ONNX recurrent operators with direction="reverse" alone (Keras's go_backwards; PyTorch
never writes one), built with onnx.helper with random weights: python3 reverseRnns.py OUT_DIR."""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    # Input batch-first [N, T, F], transposed to time-major as PyTorch's exports do.
    rng = np.random.default_rng(11)
    N, T, F, H = 2, 6, 4, 5

    def write(name, op, gates, attrs, tail, y_shape, use_y):
        w = numpy_helper.from_array(rng.normal(0, 0.5, (1, gates * H, F)).astype(np.float32), 'W')
        r = numpy_helper.from_array(rng.normal(0, 0.5, (1, gates * H, H)).astype(np.float32), 'R')
        b = numpy_helper.from_array(rng.normal(0, 0.5, (1, 2 * gates * H)).astype(np.float32), 'B')
        outs = ['Y', 'Y_h'] if use_y else ['', 'Y_h']
        nodes = [
            helper.make_node('Transpose', ['x'], ['xt'], perm=[1, 0, 2]),
            helper.make_node(op, ['xt', 'W', 'R', 'B'], outs, hidden_size=H, direction='reverse', **attrs),
            *tail,
        ]
        consts = [numpy_helper.from_array(np.array(v, dtype=np.int64), k) for k, v in
                  {'ax0': [0], 'ax1': [1], 'st': [-1], 'en': [-(2 ** 63) + 1], 'sp': [-1]}.items()]
        graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info('x', TensorProto.FLOAT, [N, T, F])],
                                  [helper.make_tensor_value_info('y', TensorProto.FLOAT, y_shape)],
                                  [w, r, b, *consts])
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
        onnx.checker.check_model(model)
        onnx.save(model, os.path.join(out, name + '.onnx'))

    # The last state Y_h of a backwards SimpleRNN: Keras's go_backwards output as such.
    write('rnn_reverse', 'RNN', 1, {}, [helper.make_node('Squeeze', ['Y_h', 'ax0'], ['y'])], [N, H], False)
    # A backwards reset-after GRU's whole sequence, reversed back by a Slice (step -1), as Deepwire's exporter writes it.
    seq = [helper.make_node('Squeeze', ['Y', 'ax1'], ['ys']), helper.make_node('Transpose', ['ys'], ['yb'], perm=[1, 0, 2])]
    write('gru_reverse_seq', 'GRU', 3, {'linear_before_reset': 1},
          seq + [helper.make_node('Slice', ['yb', 'st', 'en', 'ax1', 'sp'], ['y'])], [N, T, H], True)
    # The same sequence read in time order: Keras has no layer for it.
    write('lstm_reverse_y', 'LSTM', 4, {}, seq[:1] + [helper.make_node('Transpose', ['ys'], ['y'], perm=[1, 0, 2])],
          [N, T, H], True)
    print('ok')


if __name__ == '__main__':
    main()
