import type { ClientMethod, EngineClient } from '../../../shared/protocol/client';
import type { MethodArgs, MethodResult } from '../../../shared/protocol/wire';

/** Sends one call by name and resolves with its result (rejects with an EngineCallError). */
export type Invoke = <M extends ClientMethod>(method: M, args: MethodArgs<M>) => Promise<MethodResult<M>>;

/** The request/response half of EngineClient, each method carried by name through `invoke`. */
export type CallMethods = Required<Pick<EngineClient, ClientMethod>>;

/** Builds every EngineClient method over one `invoke` (shared by the IPC and WebSocket clients). */
export function clientFromInvoke(invoke: Invoke): CallMethods {
  return {
    listTemplates: () => invoke('listTemplates', []),
    loadTemplate: (id) => invoke('loadTemplate', [id]),
    openProjectFile: () => invoke('openProjectFile', []),
    saveProjectFile: (path, text, suggestedName) => invoke('saveProjectFile', [path, text, suggestedName]),
    listDatasets: () => invoke('listDatasets', []),
    previewDataset: (id, count) => invoke('previewDataset', [id, count]),
    // JSON has no undefined in arrays: a missing project path travels as "" (the served folder).
    describeData: (dataset, projectPath, inputShape) =>
      invoke('describeData', inputShape ? [dataset, projectPath ?? '', inputShape] : [dataset, projectPath ?? '']),
    listDataFiles: (dir) => invoke('listDataFiles', dir === undefined ? [] : [dir]),
    chooseDataPath: (kind) => invoke('chooseDataPath', [kind]),
    backendInfo: () => invoke('backendInfo', []),
    trainingSpeed: () => invoke('trainingSpeed', []),
    startRun: (project, options) => invoke('startRun', options === undefined ? [project] : [project, options]),
    stopRun: (runId) => invoke('stopRun', [runId]),
    requestActivations: (runId) => invoke('requestActivations', [runId]),
    tryInput: (runId, input) => invoke('tryInput', [runId, input]),
    listRuns: (projectName, projectId) =>
      invoke('listRuns', projectId === undefined ? [projectName] : [projectName, projectId]),
    getRun: (runId) => invoke('getRun', [runId]),
    exportModel: (request) => invoke('exportModel', [request]),
    chooseExportFolder: (suggestedName) => invoke('chooseExportFolder', [suggestedName]),
    importModel: (request) => invoke('importModel', [request]),
  };
}
