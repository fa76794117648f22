import { clustersDataset } from './clusters';
import { type DatasetDefinition } from './definition';
import { exoplanetTransitsDataset } from './exoplanetTransits';
import { galaxyMorphologyDataset } from './galaxyMorphology';
import { mnistDataset } from './mnist';
import { playgroundDatasets } from './playground';
import { quasarMicrolensingDataset } from './quasarMicrolensing';
import { shapesDataset } from './shapes';
import { starGalaxyDataset } from './starGalaxy';
import { strongLensDataset, strongLensRadiusDataset } from './strongLens';

/** Every built-in dataset, in the order the UI lists them. */
export const BUILTIN_DATASETS: readonly DatasetDefinition[] = [
  ...playgroundDatasets,
  clustersDataset,
  mnistDataset,
  shapesDataset,
  starGalaxyDataset,
  galaxyMorphologyDataset,
  strongLensDataset,
  strongLensRadiusDataset,
  exoplanetTransitsDataset,
  quasarMicrolensingDataset,
];
