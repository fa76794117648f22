export { fileSaveHandler, fileLoadHandler } from './fileIOHandler';
export { RunRecorder, RUN_FILES } from './runRecorder';
export { loadRun, readDataRecord, savedTargetScaler, type LoadedRun } from './loadRun';
