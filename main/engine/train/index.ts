export { setupRun, loadProjectDataset, type RunProject, type RunSetup } from './setupRun';
export { TrainingSession, type SessionOptions } from './trainingSession';
export { TrainingError, describeFailure } from './trainingError';
export { quantizeActivation, quantizeFilters, MAX_CHANNELS, MAX_SIDE, MAX_STRIP } from './quantize';
export { makeProbe, probeActivations } from './probe';
