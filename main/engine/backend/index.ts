export * from './backendTypes';
export { selectBackend, type SelectBackendOptions } from './selectBackend';
export { formatBackendReport } from './formatBackendReport';
export { explainLoadError } from './explainLoadError';
