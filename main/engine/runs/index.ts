export { fileSaveHandler, fileLoadHandler } from './fileIOHandler';
export { RunRecorder, RUN_FILES } from './runRecorder';
export { loadRun, type LoadedRun } from './loadRun';
