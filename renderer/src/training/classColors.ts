/** Colours for classes in scatter plots and labels (Tableau 10: distinct, colour-blind aware). */
export const CLASS_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

export const classColor = (k: number) =>
  CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length];

/** Chart colours: train, validation, and a second run's pair when comparing. */
export const CURVE_COLORS = {
  train: '#3b6fd8',
  trainBatch: 'rgba(59, 111, 216, 0.28)',
  validation: '#e0782f',
  otherTrain: '#2e9e6a',
  otherValidation: '#a052c4',
} as const;
