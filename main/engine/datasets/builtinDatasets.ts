import { type DatasetDefinition } from './definition';
import { exoplanetTransitsDataset } from './exoplanetTransits';
import { galaxyMorphologyDataset } from './galaxyMorphology';
import { mnistDataset } from './mnist';
import { playgroundDatasets } from './playground';
import { quasarMicrolensingDataset } from './quasarMicrolensing';
import { starGalaxyDataset } from './starGalaxy';
import { strongLensDataset, strongLensRadiusDataset } from './strongLens';

/** Every built-in dataset, in the order the UI lists them. */
export const BUILTIN_DATASETS: readonly DatasetDefinition[] = [
  ...playgroundDatasets,
  mnistDataset,
  starGalaxyDataset,
  galaxyMorphologyDataset,
  strongLensDataset,
  strongLensRadiusDataset,
  exoplanetTransitsDataset,
  quasarMicrolensingDataset,
];
