import type { ExportSource } from '../types';
import type { TorchModel } from './modelPy';

/** train.py, the data and README.md (filled in below). */
export async function writeTrainingFiles(_source: ExportSource, _dir: string, _model: TorchModel): Promise<string[]> {
  return [];
}
