import { digitToInput, takesDigits } from './digitInput';
import { resampleArea } from './resample';

/**
 * A picture (RGBA bytes, `w` × `h`, as a canvas gives) made into what an image Input of `shape`
 * ([height, width, channels]) takes: resized to height × width (area-averaged), grey
 * (0.299 R + 0.587 G + 0.114 B) for one channel, RGB for three, scaled to 0…1 as Deepwire reads
 * image files (the trainer then standardises it as the run's input scaling says).
 */
export function imageToInput(rgba: ArrayLike<number>, w: number, h: number, shape: readonly number[]): Float32Array {
  const [height, width, channels] = shape;
  if (shape.length !== 3 || (channels !== 1 && channels !== 3))
    throw new Error(`The network's Input takes ${shape.join(' × ')} values, not a picture of 1 or 3 channels.`);
  const rgb = new Float32Array(w * h * 3);
  for (let i = 0; i < w * h; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = rgba[i * 4 + c] / 255;
  const small = resampleArea(rgb, w, h, 3, width, height);
  if (channels === 3) return small;
  const grey = new Float32Array(width * height);
  for (let i = 0; i < grey.length; i++)
    grey[i] = 0.299 * small[i * 3] + 0.587 * small[i * 3 + 1] + 0.114 * small[i * 3 + 2];
  return grey;
}

/** Whether an Input of `shape` takes pictures (height × width × 1 or 3). */
export const takesImages = (shape: readonly number[] | undefined): boolean =>
  !!shape && shape.length === 3 && (shape[2] === 1 || shape[2] === 3);

/** File types a browser decodes; anything else is refused before reading it. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'];

/** Ink fainter than this (0…1, after turning dark ink light) is the paper's shading in a photo. */
const PAPER = 0.2;

/**
 * A picture of a handwritten digit made MNIST-like: grey, dark ink on light paper turned into light
 * ink on black (MNIST's way), then boxed, scaled and centred as a drawn digit is (digitToInput).
 * Null when the picture holds no ink.
 */
export function digitPictureToInput(rgba: ArrayLike<number>, w: number, h: number): Float32Array | null {
  const grey = new Float32Array(w * h);
  let mean = 0;
  for (let i = 0; i < grey.length; i++) {
    grey[i] = (0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2]) / 255;
    mean += grey[i] / grey.length;
  }
  if (mean > 0.5) for (let i = 0; i < grey.length; i++) grey[i] = 1 - grey[i];
  // Paper is never quite white in a photo: its faint grey is not ink.
  for (let i = 0; i < grey.length; i++) grey[i] = Math.max(0, (grey[i] - PAPER) / (1 - PAPER));
  return digitToInput(grey, w, h);
}

/** A picture for an Input of `shape`: a digit's way for MNIST-like inputs, else resized as it is. */
export function pictureToInput(
  rgba: ArrayLike<number>,
  w: number,
  h: number,
  shape: readonly number[],
): Float32Array | null {
  return takesDigits(shape) ? digitPictureToInput(rgba, w, h) : imageToInput(rgba, w, h, shape);
}
