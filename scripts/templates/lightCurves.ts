import { GraphBuilder, chain } from './graphBuilder';
import type { TemplateDef } from './templateDef';

/** The two 1-D (time-series) case studies: exoplanet transits (Pearson et al.) and quasar microlensing (Vernardos & Tsagkatakis). */

/** Pearson et al.'s light curves: a 6-hour window at a 2-minute cadence (generate_data.py: ws 360, dt 2). */
export const EXOPLANET_LENGTH = 180;
/** Points per light curve of the quasar-microlensing data set (its default). */
export const QUASAR_LENGTH = 256;

export function exoplanetTemplate(): TemplateDef {
  const b = new GraphBuilder();
  const he = { kernelInitializer: 'heNormal' };
  chain(b, b.input([EXOPLANET_LENGTH, 1]), [
    ['conv1', 'Conv1D', { filters: 8, kernelSize: 5 }],
    ['conv1_prelu', 'PReLU', {}],
    ['pool1', 'AveragePooling1D', { poolSize: 3 }],
    ['conv2', 'Conv1D', { filters: 8, kernelSize: 5 }],
    ['conv2_prelu', 'PReLU', {}],
    ['pool2', 'AveragePooling1D', { poolSize: 3 }],
    ['flatten', 'Flatten', {}],
    ['dense1', 'Dense', { units: 64, ...he }],
    ['dense1_prelu', 'PReLU', {}],
    ['dropout', 'Dropout', { rate: 0.25 }],
    ['dense2', 'Dense', { units: 32, ...he }],
    ['dense2_prelu', 'PReLU', {}],
    ['dense3', 'Dense', { units: 8, ...he }],
    ['dense3_prelu', 'PReLU', {}],
    ['dense4', 'Dense', { units: 1 }],
    ['transit_probability', 'Activation', { activation: 'sigmoid' }],
  ]);
  return {
    id: 'exoplanet',
    name: 'Exoplanet transit finder (Pearson et al. 2018)',
    graph: b.build(),
    training: {
      dataset: { builtin: 'exoplanet-transits', options: { length: EXOPLANET_LENGTH } },
      loss: 'binaryCrossentropy',
      optimizer: { kind: 'momentum', learningRate: 0.1, momentum: 0.25, nesterov: true },
      metrics: ['accuracy'],
      batchSize: 128,
      epochs: 30,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'Exoplanet transit finder (1-D CNN)',
      summary:
        'Pearson, Palafox & Griffith’s "CNN 1D": a 180-point light curve (6 h at 2-min cadence) → two 1-D convolutions of 8 filters (width 5) with PReLU ' +
        'and average pooling by 3 → fully connected 64 (dropout 0.25), 32, 8 with PReLU → one sigmoid: is there a transit in this window?',
      teachingNotes: [
        'A transit is a small box-shaped dip; the filters of [the first convolution](node:conv1) learn dip-shaped templates and slide them along the curve.',
        'PReLU learns its own negative slope, one per position and channel here, which is why [the PReLU after conv1](node:conv1_prelu) has 176·8 = 1,408 parameters.',
        'The hard cases are shallow transits in noisy, variable stars: look at what the network misses as the noise rises.',
      ],
      citation:
        'Pearson, K. A., Palafox, L. & Griffith, C. A. (2018). Searching for exoplanets using artificial intelligence. MNRAS 474(1), 478–491 (arXiv:1706.04319). Layers from the authors’ code, github.com/pearsonkyle/Exoplanet-Artificial-Intelligence (model_fit_history.py, make_cnn).',
      category: 'Astronomy',
      reference: {
        params: 13953,
        source:
          'Hand count: conv1 5·1·8+8 = 48, PReLU 176·8 = 1,408, conv2 5·8·8+8 = 328, PReLU 54·8 = 432, dense 144·64+64 = 9,280, PReLU 64, 64·32+32 = 2,080, PReLU 32, 32·8+8 = 264, PReLU 8, 8·1+1 = 9; total 13,953.',
      },
      deviations: [
        'The authors pass PReLU as the convolutions’ activation argument; here each is a separate PReLU layer (Keras’s default: one slope per position and channel), so its slopes are counted and trained.',
        'Deepwire’s exoplanet-transits curves are sampled at Kepler’s long cadence (29.4 min), so the paper’s 180 points span 3.7 days here instead of 6 hours: a transit covers a few points, not dozens. The template asks the data set for 180-point curves (option length) so that the layers are the paper’s.',
        'SGD with Nesterov momentum 0.25, learning rate 0.1, batch 128 and 30 epochs as in the authors’ code, but without its learning-rate decay (1e-4); on Deepwire’s simulated light curves, which are not whitened per curve as the authors’ were.',
      ],
    },
  };
}

export function quasarTemplate(): TemplateDef {
  const b = new GraphBuilder();
  chain(b, b.input([QUASAR_LENGTH, 1]), [
    ['conv1', 'Conv1D', { filters: 16, kernelSize: 7, padding: 'same', activation: 'relu' }],
    ['pool1', 'MaxPooling1D', { poolSize: 2 }],
    ['conv2', 'Conv1D', { filters: 32, kernelSize: 5, padding: 'same', activation: 'relu' }],
    ['pool2', 'MaxPooling1D', { poolSize: 2 }],
    ['conv3', 'Conv1D', { filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }],
    ['pool3', 'MaxPooling1D', { poolSize: 2 }],
    ['conv4', 'Conv1D', { filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }],
    ['global_pool', 'GlobalMaxPooling1D', {}],
    ['fc1', 'Dense', { units: 64, activation: 'relu' }],
    ['disc_size', 'Dense', { units: 1 }],
  ]);
  return {
    id: 'quasar-microlensing',
    name: 'Quasar microlensing disc size (after Vernardos & Tsagkatakis 2019)',
    graph: b.build(),
    training: {
      dataset: { builtin: 'quasar-microlensing' },
      loss: 'meanSquaredError',
      optimizer: { kind: 'adam', learningRate: 0.001 },
      metrics: ['mae'],
      batchSize: 32,
      epochs: 10,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'Quasar microlensing: accretion-disc size (1-D CNN)',
      summary:
        'A 1-D CNN that reads a microlensing light curve of a lensed quasar and estimates the size of its accretion disc: ' +
        'a larger disc smooths the caustic-crossing spikes, and the filters learn how sharp the spikes are.',
      teachingNotes: [
        'Small discs give sharp, high peaks when they cross a caustic; large discs give broad, low ones. That width is what the filters pick up.',
        'Global max pooling keeps the sharpest crossing found anywhere along the curve: the answer does not depend on where it happens, and the long quiet stretches between crossings do not dilute it (global average pooling learns about half as well here).',
        'This is regression: watch the mean absolute error, in the units of the size target (dex). Always predicting the average size gives about 0.35.',
      ],
      citation:
        'Vernardos, G. & Tsagkatakis, G. (2019). Quasar microlensing light-curve analysis using deep machine learning. MNRAS 486(2), 1944–1952 (arXiv:1903.09170).',
      category: 'Astronomy',
      reference: {
        params: 25505,
        source:
          'Hand count: 7·1·16+16 = 128, 5·16·32+32 = 2,592, 3·32·64+64 = 6,208, 3·64·64+64 = 12,352, 64·64+64 = 4,160, 64·1+1 = 65; total 25,505.',
      },
      deviations: [
        'The layer sizes are Deepwire’s: a small 1-D CNN for the built-in light curves. The paper’s contribution reproduced here is the task (light curve → disc size by a CNN trained on simulated microlensing), not its exact network.',
        'The paper classified light curves into discrete size (and profile) classes; here the size is regressed directly with a single linear output.',
      ],
    },
  };
}
