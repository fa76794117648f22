import { type DatasetDefinition } from './definition';
import { mnistDataset } from './mnist';
import { playgroundDatasets } from './playground';
import { starGalaxyDataset } from './starGalaxy';

/** Every built-in dataset, in the order the UI lists them. */
export const BUILTIN_DATASETS: readonly DatasetDefinition[] = [...playgroundDatasets, mnistDataset, starGalaxyDataset];
