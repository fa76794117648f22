import type { RunProject } from '../setupRun';
import type { TrainingConfig } from '../../../../shared/training/options';

/** Small projects the training tests share. */
export function xorProject(training: Partial<TrainingConfig> = {}): RunProject {
  return {
    name: 'XOR MLP',
    graph: {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [2] } },
        { id: 'h1', kind: 'Dense', params: { units: 16, activation: 'tanh' } },
        { id: 'h2', kind: 'Dense', params: { units: 8, activation: 'tanh' } },
        { id: 'out', kind: 'Dense', params: { units: 1, activation: 'sigmoid' } },
      ],
      edges: [
        { source: 'in', target: 'h1' },
        { source: 'h1', target: 'h2' },
        { source: 'h2', target: 'out' },
      ],
    },
    training: {
      dataset: { builtin: 'xor', options: { size: 500 } },
      loss: 'binaryCrossentropy',
      optimizer: { kind: 'adam', learningRate: 0.03 },
      metrics: ['accuracy'],
      batchSize: 16,
      epochs: 25,
      seed: 7,
      ...training,
    },
  };
}

/** A LeNet-like small CNN for MNIST digits. */
export function mnistCnnProject(training: Partial<TrainingConfig> = {}): RunProject {
  return {
    name: 'Tiny CNN',
    graph: {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [28, 28, 1] } },
        { id: 'c1', kind: 'Conv2D', params: { filters: 8, kernelSize: 3, activation: 'relu' } },
        { id: 'p1', kind: 'MaxPooling2D', params: { poolSize: 2 } },
        { id: 'c2', kind: 'Conv2D', params: { filters: 16, kernelSize: 3, activation: 'relu' } },
        { id: 'p2', kind: 'MaxPooling2D', params: { poolSize: 2 } },
        { id: 'f', kind: 'Flatten', params: {} },
        { id: 'out', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
      ],
      edges: [
        { source: 'in', target: 'c1' },
        { source: 'c1', target: 'p1' },
        { source: 'p1', target: 'c2' },
        { source: 'c2', target: 'p2' },
        { source: 'p2', target: 'f' },
        { source: 'f', target: 'out' },
      ],
    },
    training: {
      dataset: { builtin: 'mnist', options: { size: 2500, validationFraction: 0.0, testFraction: 0.2 } },
      loss: 'categoricalCrossentropy',
      optimizer: { kind: 'adam', learningRate: 0.003 },
      metrics: ['accuracy'],
      batchSize: 16,
      epochs: 2,
      validationSplit: 0,
      seed: 1,
      ...training,
    },
  };
}
