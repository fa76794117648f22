export * from './types';
export * from './topology';
export * from './problems';
export * from './analyzeGraph';
export * from './checkConnection';
export * from './edits';
export * from './groups';
