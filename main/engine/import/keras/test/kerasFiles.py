# Writes Keras files the way Keras saves them, without TensorFlow (not installable here): a Keras 2
# .h5 (model_config attribute + model_weights group, as keras/src/legacy/saving/legacy_h5_format.py
# writes) and Keras 3 .keras zips (config.json + model.weights.h5 with layers/<snake_case>/vars/<i>,
# as keras/src/saving/saving_lib.py writes). Each model's output on a fixed batch is computed with
# a NumPy forward pass and saved beside it (.x.npy, .y.npy). Usage: python3 kerasFiles.py OUT_DIR
import json, os, sys, zipfile, io
import numpy as np
import h5py

rng = np.random.default_rng(0)
out = sys.argv[1]
os.makedirs(out, exist_ok=True)

def w(*shape):
    return (rng.standard_normal(shape) * 0.5).astype('float32')

def relu(x): return np.maximum(x, 0)
def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True)); return e / e.sum(-1, keepdims=True)

# ---------------------------------------------------------------- Keras 2 .h5: a small CNN
def conv_same(x, k, b):
    n, h, ww, c = x.shape; kh, kw, _, f = k.shape
    p = np.pad(x, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2), (0, 0)))
    y = np.zeros((n, h, ww, f), 'float32')
    for i in range(h):
        for j in range(ww):
            y[:, i, j, :] = np.tensordot(p[:, i:i + kh, j:j + kw, :], k, axes=([1, 2, 3], [0, 1, 2]))
    return y + b

k1, b1 = w(3, 3, 3, 4), w(4)
gamma, beta, mean, var = w(4) + 1, w(4), w(4), np.abs(w(4)) + 0.5
k2, b2 = w(4 * 4 * 4, 5), w(5)
x = rng.random((2, 8, 8, 3)).astype('float32')
h = relu(conv_same(x, k1, b1))
h = (h - mean) / np.sqrt(var + 1e-3) * gamma + beta
h = h.reshape(2, 4, 2, 4, 2, 4).max(axis=(2, 4))
y = softmax(h.reshape(2, -1) @ k2 + b2)
np.save(os.path.join(out, 'cnn.x.npy'), x); np.save(os.path.join(out, 'cnn.y.npy'), y.astype('float32'))

init = {'class_name': 'GlorotUniform', 'config': {'seed': None}}
zeros = {'class_name': 'Zeros', 'config': {}}
config = {'class_name': 'Sequential', 'config': {'name': 'small_cnn', 'layers': [
    {'class_name': 'InputLayer', 'config': {'batch_input_shape': [None, 8, 8, 3], 'dtype': 'float32', 'sparse': False, 'ragged': False, 'name': 'conv2d_input'}},
    {'class_name': 'Conv2D', 'config': {'name': 'conv2d', 'trainable': True, 'dtype': 'float32', 'filters': 4, 'kernel_size': [3, 3], 'strides': [1, 1], 'padding': 'same', 'data_format': 'channels_last', 'dilation_rate': [1, 1], 'groups': 1, 'activation': 'relu', 'use_bias': True, 'kernel_initializer': init, 'bias_initializer': zeros, 'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None, 'kernel_constraint': None, 'bias_constraint': None}},
    {'class_name': 'BatchNormalization', 'config': {'name': 'batch_normalization', 'trainable': True, 'dtype': 'float32', 'axis': [3], 'momentum': 0.99, 'epsilon': 0.001, 'center': True, 'scale': True, 'beta_initializer': zeros, 'gamma_initializer': {'class_name': 'Ones', 'config': {}}, 'moving_mean_initializer': zeros, 'moving_variance_initializer': {'class_name': 'Ones', 'config': {}}, 'beta_regularizer': None, 'gamma_regularizer': None, 'beta_constraint': None, 'gamma_constraint': None}},
    {'class_name': 'MaxPooling2D', 'config': {'name': 'max_pooling2d', 'trainable': True, 'dtype': 'float32', 'pool_size': [2, 2], 'padding': 'valid', 'strides': [2, 2], 'data_format': 'channels_last'}},
    {'class_name': 'Flatten', 'config': {'name': 'flatten', 'trainable': True, 'dtype': 'float32', 'data_format': 'channels_last'}},
    {'class_name': 'Dropout', 'config': {'name': 'dropout', 'trainable': True, 'dtype': 'float32', 'rate': 0.25, 'noise_shape': None, 'seed': None}},
    {'class_name': 'Dense', 'config': {'name': 'dense', 'trainable': True, 'dtype': 'float32', 'units': 5, 'activation': 'softmax', 'use_bias': True, 'kernel_initializer': init, 'bias_initializer': zeros, 'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None, 'kernel_constraint': None, 'bias_constraint': None}},
]}, 'keras_version': '2.11.0', 'backend': 'tensorflow'}
weights = {'conv2d': [('kernel', k1), ('bias', b1)], 'batch_normalization': [('gamma', gamma), ('beta', beta), ('moving_mean', mean), ('moving_variance', var)], 'max_pooling2d': [], 'flatten': [], 'dropout': [], 'dense': [('kernel', k2), ('bias', b2)]}
with h5py.File(os.path.join(out, 'cnn.h5'), 'w') as f:
    f.attrs['keras_version'] = b'2.11.0'
    f.attrs['backend'] = b'tensorflow'
    f.attrs['model_config'] = json.dumps(config).encode('utf8')
    g = f.create_group('model_weights')
    g.attrs['layer_names'] = [n.encode('utf8') for n in weights]
    g.attrs['backend'] = b'tensorflow'
    g.attrs['keras_version'] = b'2.11.0'
    for name, ws in weights.items():
        lg = g.create_group(name)
        lg.attrs['weight_names'] = [f'{name}/{wn}:0'.encode('utf8') for wn, _ in ws]
        for wn, v in ws:
            lg.create_dataset(f'{name}/{wn}:0', data=v)

# ---------------------------------------------------------------- Keras 3 .keras: functional with Add
def k3(cls, cfg, inbound=None, module='keras.layers'):
    layer = {'module': module, 'class_name': cls, 'config': cfg, 'registered_name': None}
    if inbound is not None:
        layer['name'] = cfg['name']
        layer['inbound_nodes'] = inbound
    return layer

policy = {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'}, 'registered_name': None}
k3init = {'module': 'keras.initializers', 'class_name': 'GlorotUniform', 'config': {'seed': None}, 'registered_name': None}
k3zeros = {'module': 'keras.initializers', 'class_name': 'Zeros', 'config': {}, 'registered_name': None}

def tensor(layer, shape):
    return {'class_name': '__keras_tensor__', 'config': {'shape': shape, 'dtype': 'float32', 'keras_history': [layer, 0, 0]}}

def dense(name, units, activation):
    return {'name': name, 'trainable': True, 'dtype': policy, 'units': units, 'activation': activation, 'use_bias': True, 'kernel_initializer': k3init, 'bias_initializer': k3zeros, 'kernel_regularizer': None, 'bias_regularizer': None, 'kernel_constraint': None, 'bias_constraint': None}

wa, ba, wb, bb = w(6, 8), w(8), w(6, 8), w(8)
g2, be2, m2, v2 = w(8) + 1, w(8), w(8), np.abs(w(8)) + 0.5
wc, bc = w(8, 3), w(3)
x3 = rng.random((3, 6)).astype('float32')
s = relu(x3 @ wa + ba) + np.tanh(x3 @ wb + bb)
s = (s - m2) / np.sqrt(v2 + 1e-3) * g2 + be2
y3 = softmax(s @ wc + bc)
np.save(os.path.join(out, 'functional.x.npy'), x3); np.save(os.path.join(out, 'functional.y.npy'), y3.astype('float32'))

layers = [
    k3('InputLayer', {'batch_shape': [None, 6], 'dtype': 'float32', 'sparse': False, 'name': 'input_layer'}, []),
    k3('Dense', dense('left', 8, 'relu'), [{'args': [tensor('input_layer', [None, 6])], 'kwargs': {}}]),
    k3('Dense', dense('right', 8, 'tanh'), [{'args': [tensor('input_layer', [None, 6])], 'kwargs': {}}]),
    k3('Add', {'name': 'add', 'trainable': True, 'dtype': policy}, [{'args': [[tensor('left', [None, 8]), tensor('right', [None, 8])]], 'kwargs': {}}]),
    k3('BatchNormalization', {'name': 'bn', 'trainable': False, 'dtype': policy, 'axis': -1, 'momentum': 0.99, 'epsilon': 0.001, 'center': True, 'scale': True}, [{'args': [tensor('add', [None, 8])], 'kwargs': {}}]),
    k3('Dense', dense('head', 3, 'softmax'), [{'args': [tensor('bn', [None, 8])], 'kwargs': {}}]),
]
model = {'module': 'keras', 'class_name': 'Functional', 'config': {'name': 'branches', 'trainable': True, 'layers': layers,
         'input_layers': [['input_layer', 0, 0]], 'output_layers': [['head', 0, 0]]}, 'registered_name': 'Functional',
         'build_config': {'input_shape': None}}
# Keras 3 names weight groups by class (snake case, numbered in layer order), not by layer name.
vars3 = {'layers/dense': [wa, ba], 'layers/dense_1': [wb, bb], 'layers/batch_normalization': [g2, be2, m2, v2], 'layers/dense_2': [wc, bc]}

def write_keras(path, config, variables):
    buf = io.BytesIO()
    with h5py.File(buf, 'w') as f:
        for group, values in variables.items():
            vg = f.create_group(group).create_group('vars')
            for i, v in enumerate(values):
                vg.create_dataset(str(i), data=v)
    with zipfile.ZipFile(path, 'w') as z:
        z.writestr('metadata.json', json.dumps({'keras_version': '3.6.0', 'date_saved': '2026-11-29@10:00:00'}))
        z.writestr('config.json', json.dumps(config))
        z.writestr('model.weights.h5', buf.getvalue())

write_keras(os.path.join(out, 'functional.keras'), model, vars3)

# ---------------------------------------------------------------- Keras 3 .keras: Sequential LSTM
T, F, H = 5, 3, 4
kk, rk, bl = w(F, 4 * H), w(H, 4 * H), w(4 * H)
wd, bd = w(H, 2), w(2)
x4 = rng.random((2, T, F)).astype('float32')
sig = lambda z: 1 / (1 + np.exp(-z))
hs = np.zeros((2, H), 'float32'); cs = np.zeros((2, H), 'float32')
for t in range(T):
    z = x4[:, t] @ kk + hs @ rk + bl
    i, f_, c_, o = z[:, :H], z[:, H:2 * H], z[:, 2 * H:3 * H], z[:, 3 * H:]
    cs = sig(f_) * cs + sig(i) * np.tanh(c_)
    hs = sig(o) * np.tanh(cs)
y4 = hs @ wd + bd
np.save(os.path.join(out, 'lstm.x.npy'), x4); np.save(os.path.join(out, 'lstm.y.npy'), y4.astype('float32'))
seq = {'module': 'keras', 'class_name': 'Sequential', 'config': {'name': 'seq', 'trainable': True, 'dtype': policy, 'layers': [
    k3('InputLayer', {'batch_shape': [None, T, F], 'dtype': 'float32', 'sparse': False, 'name': 'input_layer'}),
    k3('LSTM', {'name': 'lstm', 'trainable': True, 'dtype': policy, 'return_sequences': False, 'return_state': False, 'go_backwards': False, 'stateful': False, 'unroll': False, 'zero_output_for_mask': False, 'units': H, 'activation': 'tanh', 'recurrent_activation': 'sigmoid', 'use_bias': True, 'kernel_initializer': k3init, 'recurrent_initializer': {'module': 'keras.initializers', 'class_name': 'Orthogonal', 'config': {'gain': 1.0, 'seed': None}, 'registered_name': None}, 'bias_initializer': k3zeros, 'unit_forget_bias': True, 'dropout': 0.0, 'recurrent_dropout': 0.0, 'seed': None}),
    k3('Dense', dense('out', 2, 'linear')),
], 'build_input_shape': [None, T, F]}, 'registered_name': None}
write_keras(os.path.join(out, 'lstm.keras'), seq, {'layers/lstm/cell': [kk, rk, bl], 'layers/dense': [wd, bd]})
print('ok')
