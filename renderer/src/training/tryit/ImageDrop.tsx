import { useState } from 'react';
import { takesDigits } from './digitInput';
import { IMAGE_TYPES, pictureToInput } from './imageInput';

/** Files past this are refused before decoding (a photo is a few MB). */
const MAX_BYTES = 20 * 1024 * 1024;
/** Pictures are first drawn at most this big, then area-averaged to the Input size. */
const MAX_SIDE = 512;

/** Decodes an image file and makes it what an Input of `shape` takes; throws with a plain message. */
async function readImage(file: File, shape: readonly number[]): Promise<Float32Array> {
  if (!IMAGE_TYPES.includes(file.type))
    throw new Error(`"${file.name}" is not a picture Deepwire can read. Choose a PNG, JPEG, GIF, WebP or BMP file.`);
  if (file.size === 0) throw new Error(`"${file.name}" is empty.`);
  if (file.size > MAX_BYTES)
    throw new Error(`"${file.name}" is ${(file.size / 1e6).toFixed(0)} MB; choose a picture under 20 MB.`);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`"${file.name}" could not be decoded as a picture: it may be damaged, or not what its name says.`);
  }
  const k = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * k));
  const h = Math.max(1, Math.round(bitmap.height * k));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('This browser cannot read pictures here.');
  g.drawImage(bitmap, 0, 0, w, h);
  const x = pictureToInput(g.getImageData(0, 0, w, h).data, w, h, shape);
  if (!x) throw new Error(`"${file.name}" looks blank: there is no digit in it to read.`);
  return x;
}

/** Drop a picture or choose one: resized to the Input's size, grey or colour as its channels say. */
export function ImageDrop({
  shape,
  onInput,
  onError,
}: {
  shape: readonly number[];
  onInput(values: Float32Array, label: string): void;
  onError(message: string): void;
}) {
  const [over, setOver] = useState(false);
  const take = (file: File | undefined) => {
    if (!file) return;
    readImage(file, shape).then(
      (x) => onInput(x, file.name),
      (e: Error) => onError(e.message),
    );
  };
  return (
    <label
      className={`dw-try__drop${over ? ' is-over' : ''}`}
      data-testid="try-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer.files[0]);
      }}
    >
      <span>
        Drop a picture here, or <u>choose a file</u>
      </span>
      <span className="dw-muted dw-small">
        {takesDigits(shape)
          ? 'A photo or scan of one digit: dark ink on light paper is turned light on black, boxed and centred in 28 × 28, as MNIST’s digits were.'
          : `It is resized to ${shape[0]} × ${shape[1]}${shape[2] === 1 ? ', in grey' : ', in colour'}, as the network’s Input takes.`}
      </span>
      <input
        type="file"
        accept={IMAGE_TYPES.join(',')}
        className="dw-try__file"
        data-testid="try-file"
        aria-label="Choose a picture"
        onChange={(e) => {
          take(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </label>
  );
}
