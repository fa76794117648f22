/**
 * The ImageNet-size templates train on the built-in `shapes` pictures (issue 14, 2.1): ten classes,
 * so their classifiers have 10 outputs instead of ImageNet's 1000, and the dataset draws at the
 * network's input size. The Train panel's "Train at a smaller input size" shrinks both together.
 */
export const SHAPES_CLASSES = 10;

export const shapesDataset = (imageSize: number) => ({ builtin: 'shapes', options: { imageSize } });

/** Parameters the 10-way head saves against ImageNet's 1000-way one after `inputs` features. */
const saved = (inputs: number) => (1000 - SHAPES_CLASSES) * (inputs + 1);

/** The deviation every such template states, with the ImageNet count for comparison. */
export function shapesHeadDeviation(inputs: number, imagenetParams: number): string {
  return (
    `The classifier has ${SHAPES_CLASSES} outputs for Deepwire’s built-in shapes pictures instead of ImageNet’s 1000 ` +
    `(as Keras’s classes=${SHAPES_CLASSES}): ${saved(inputs).toLocaleString('en-US')} fewer parameters; with 1000 outputs the ` +
    `network has ${imagenetParams.toLocaleString('en-US')}.`
  );
}

/** The count with the 10-way head, from the ImageNet count. */
export const withShapesHead = (inputs: number, imagenetParams: number) => imagenetParams - saved(inputs);
