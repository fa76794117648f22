export { compileGraph, type CompileOptions, type CompiledGraph } from './compileGraph';
export { CompileError } from './compileError';
export { layerNames, ACTIVATION_SUFFIX } from './layerNames';
export { toInitializer, toRegularizer, weightSeed } from './initializers';
export { GaussianActivation, LocalResponseNormalization, Subtract } from './customLayers';
export { ResetAfterGRU, ResetAfterGRUCell } from './resetAfterGru';
export { LEAKY_RELU_ACTIVATION_ALPHA } from './buildLayer';
export { nodeOutputLayer } from './nodeOutputLayer';
