import { hashSeed, Rng } from '../datasets/rng';

/** Salt for the chunk order and the buffer's draws, apart from the split hash and the weights. */
const CHUNK_SALT = 0xc4a2;
const BUFFER_SALT = 0xb0f5;

/** The order chunks 0…n−1 are read in during `epoch`: one seeded shuffle per epoch. */
export function chunkOrder(chunks: number, seed: number, epoch: number): number[] {
  return new Rng(hashSeed(seed, epoch, CHUNK_SALT)).shuffle(Array.from({ length: chunks }, (_, i) => i));
}

/**
 * A seeded shuffle buffer of fixed-size examples (tf.data's `shuffle(bufferSize)`): examples go in
 * in the order they are read; each one out is drawn at random from those waiting. Its memory is
 * `capacity` examples however big the file is; with chunks read in a shuffled order the result is
 * close to a full shuffle. Every example put in comes out exactly once.
 */
export class ShuffleBuffer {
  private readonly x: Float32Array;
  private readonly y: Float32Array;
  private readonly index: Float64Array;
  private count = 0;
  private readonly rng: Rng;

  constructor(
    readonly capacity: number,
    private readonly xWidth: number,
    private readonly yWidth: number,
    seed: number,
    epoch: number,
  ) {
    if (capacity < 1) throw new RangeError('A shuffle buffer needs room for at least one example.');
    this.x = new Float32Array(capacity * xWidth);
    this.y = new Float32Array(capacity * yWidth);
    this.index = new Float64Array(capacity);
    this.rng = new Rng(hashSeed(seed, epoch, BUFFER_SALT));
  }

  get size(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Adds example `i` of `x`/`y` (rows of xWidth/yWidth values), numbered `index` in the file. */
  push(x: Float32Array, y: Float32Array, i: number, index: number): void {
    if (this.full) throw new RangeError('The shuffle buffer is full: take an example out first.');
    const k = this.count++;
    this.x.set(x.subarray(i * this.xWidth, (i + 1) * this.xWidth), k * this.xWidth);
    this.y.set(y.subarray(i * this.yWidth, (i + 1) * this.yWidth), k * this.yWidth);
    this.index[k] = index;
  }

  /** Moves one example drawn at random into row `row` of `x`/`y`; returns its file index. */
  takeInto(x: Float32Array, y: Float32Array, row: number): number {
    if (this.count === 0) throw new RangeError('The shuffle buffer is empty.');
    const k = this.rng.int(this.count);
    const last = --this.count;
    const { xWidth: xw, yWidth: yw } = this;
    x.set(this.x.subarray(k * xw, (k + 1) * xw), row * xw);
    y.set(this.y.subarray(k * yw, (k + 1) * yw), row * yw);
    const index = this.index[k];
    if (k !== last) {
      // The last one fills the hole: O(width), no shifting.
      this.x.copyWithin(k * xw, last * xw, (last + 1) * xw);
      this.y.copyWithin(k * yw, last * yw, (last + 1) * yw);
      this.index[k] = this.index[last];
    }
    return index;
  }
}
