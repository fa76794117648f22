import { Activation, ELU, GaussianActivation, LeakyReLU, PReLU, ReLU, Softmax } from './activationLayers';
import { Conv1D, Conv2D, Conv2DTranspose, Conv3D, DepthwiseConv2D, SeparableConv2D } from './convolution';
import { Dense, Embedding, Input } from './core';
import { Add, Average, Concatenate, Maximum, Multiply, Subtract } from './merge';
import { BatchNormalization, LayerNormalization, LocalResponseNormalization } from './normalization';
import {
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  MaxPooling1D,
  MaxPooling2D,
  MaxPooling3D,
} from './pooling';
import { Bidirectional, GRU, LSTM, SimpleRNN } from './recurrent';
import { Dropout, GaussianNoise, SpatialDropout2D } from './regularization';
import { Cropping2D, Flatten, Permute, RepeatVector, Reshape, UpSampling2D, ZeroPadding2D } from './reshaping';
import type { LayerSpec } from './types';

export * from './types';
export * from './enums';

/**
 * Every layer kind, grouped by category in CATEGORIES order, in palette order within each category,
 * each with its own params type. Adding a kind: CONTRIBUTING.md (a test lists what a kind lacks).
 */
const SPECS = [
  Input,
  // Core
  Dense,
  Embedding,
  // Convolution
  Conv1D,
  Conv2D,
  Conv3D,
  Conv2DTranspose,
  SeparableConv2D,
  DepthwiseConv2D,
  // Pooling
  MaxPooling1D,
  MaxPooling2D,
  MaxPooling3D,
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  // Reshaping
  Flatten,
  Reshape,
  Permute,
  RepeatVector,
  ZeroPadding2D,
  Cropping2D,
  UpSampling2D,
  // Normalization
  BatchNormalization,
  LayerNormalization,
  LocalResponseNormalization,
  // Regularization
  Dropout,
  SpatialDropout2D,
  GaussianNoise,
  // Merge
  Add,
  Subtract,
  Multiply,
  Average,
  Maximum,
  Concatenate,
  // Recurrent
  SimpleRNN,
  LSTM,
  GRU,
  Bidirectional,
  // Activation
  Activation,
  ReLU,
  LeakyReLU,
  ELU,
  PReLU,
  Softmax,
  GaussianActivation,
] as const;

/** A kind the catalog has: the const list of the specs' literal names. */
export type LayerKind = (typeof SPECS)[number]['kind'];

/** The spec of one kind, with its params typed (the compiler's per-kind hooks read them so). */
export type SpecOf<K extends LayerKind> = Extract<(typeof SPECS)[number], { kind: K }>;

/** Every spec, read the same way (params as `Params`): for code that handles any kind. */
export const LAYER_SPECS: readonly LayerSpec[] = SPECS;

const byKind = new Map(LAYER_SPECS.map((s) => [s.kind, s]));

/** The spec of a kind, or undefined for a kind Deepwire does not know. */
export function getSpec(kind: string): LayerSpec | undefined {
  return byKind.get(kind);
}

/** Every kind, in catalog order. */
export const KINDS: readonly LayerKind[] = SPECS.map((s) => s.kind);

/** Narrows a kind read from a file to one the catalog has. */
export function isLayerKind(kind: string): kind is LayerKind {
  return byKind.has(kind);
}
