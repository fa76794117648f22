import { newProject, type Project } from '../../../shared/project';

/** Input(28×28×1) → Conv2D(8, 3×3) → Flatten → Dense(10): 80 + 54,090 weights. */
export function tinyCnn(): Project {
  return {
    ...newProject('Tiny CNN'),
    graph: {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
        { id: 'conv', kind: 'Conv2D', params: { filters: 8, activation: 'relu' }, position: { x: 0, y: 120 } },
        { id: 'flat', kind: 'Flatten', params: {}, position: { x: 0, y: 240 } },
        { id: 'out', kind: 'Dense', params: { units: 10, activation: 'softmax' }, position: { x: 0, y: 360 } },
      ],
      edges: [
        { source: 'in', target: 'conv' },
        { source: 'conv', target: 'flat' },
        { source: 'flat', target: 'out' },
      ],
    },
  };
}
