import type { DatasetFacts } from '../training/checkTraining';
import type { DataDescription } from './description';

/** The last part of a path, on any platform (`data/iris.csv` → `iris.csv`). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/**
 * What the training checks need of the user's data, from its description: the Train panel and the
 * trainer both call this, so they accept and refuse the same files with the same words.
 */
export function fileDatasetFacts(d: DataDescription): DatasetFacts {
  return {
    id: baseName(d.path),
    task: d.task,
    inputShape: d.inputShape,
    classes: d.task === 'classification' ? d.classes?.length : undefined,
    targets: d.task === 'regression' ? Math.max(1, d.targetNames?.length ?? 1) : undefined,
  };
}

/** How examples of this data are best shown: pictures, curves, or rows of a table. */
export type DataKind = 'image' | 'series' | 'table';

export function dataKind(d: Pick<DataDescription, 'format' | 'inputShape' | 'features'>): DataKind {
  if (d.format === 'images') return 'image';
  if (d.features?.length) return 'table';
  const s = d.inputShape;
  if (s.length === 3 && s[2] <= 4 && s[0] >= 4 && s[1] >= 4) return 'image';
  if (s.length === 2 && s[1] <= 4 && s[0] > 8) return 'series';
  if (s.length === 2 && s[0] >= 4 && s[1] >= 4) return 'image';
  return 'table';
}
