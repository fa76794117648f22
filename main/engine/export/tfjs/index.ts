export { tfjsExporter, customClassesIn, DEEPWIRE_LAYER_CLASSES, DEEPWIRE_LAYERS_FILE } from './tfjsExporter';
export { deepwireLayersJs, PORTABLE_CLASSES } from './deepwireLayersJs';
