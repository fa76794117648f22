import type { Category } from '../../../shared/catalog';

/**
 * One calm colour per category, used on node headers and palette markers. Chosen for contrast
 * against white text at 12px (WCAG AA for the header label) and to stay distinct side by side.
 */
export const CATEGORY_COLORS: Record<Category | 'Unknown', string> = {
  Input: '#475569',
  Core: '#2563eb',
  Convolution: '#7c3aed',
  Pooling: '#0e7490',
  Reshaping: '#b45309',
  Normalization: '#15803d',
  Regularization: '#be123c',
  Merge: '#c2410c',
  Recurrent: '#a21caf',
  Activation: '#4d7c0f',
  Unknown: '#6b7280',
};
