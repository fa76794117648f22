import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EquivalenceCheck, Exporter, ExportSource, ReferenceBatch } from '../types';
import { checkTorchExports } from './checkTorch';
import { writeTrainingFiles } from './trainingFiles';
import { generateTorchModel } from './modelPy';
import { writeSafetensors } from './safetensors';

/** Deepwire's version, written into the files' headers. */
export const DEEPWIRE_VERSION = '0.1.0';

/**
 * PyTorch: model.py (a readable nn.Module), model.safetensors (its weights in PyTorch's layouts),
 * train.py (single-process or DistributedDataParallel training on the run's data, loss and
 * optimizer), the data (data.npz, or a note on the user's own file) and README.md.
 */
export const pytorchExporter: Exporter = {
  format: 'pytorch',
  async write(source: ExportSource, dir: string): Promise<string[]> {
    const model = generateTorchModel(source, DEEPWIRE_VERSION);
    await writeFile(join(dir, 'model.py'), model.source);
    await writeFile(
      join(dir, 'model.safetensors'),
      writeSafetensors(model.tensors, { format: 'pt', producer: `Deepwire ${DEEPWIRE_VERSION}` }),
    );
    const extra = await writeTrainingFiles(source, dir, model);
    return ['model.py', 'model.safetensors', ...extra];
  },
  async check(dir: string, batch: ReferenceBatch): Promise<EquivalenceCheck> {
    const [result] = await checkTorchExports([{ dir, batch }]);
    return result;
  },
};
