export { onnxExporter, onnxModelBytes, runOnnx, ONNX_FILE } from './onnxExporter';
export { convertModel, CONVERTERS } from './convertModel';
