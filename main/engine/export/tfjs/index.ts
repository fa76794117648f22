export { tfjsExporter, customClassesIn, DEEPWIRE_LAYER_CLASSES } from './tfjsExporter';
