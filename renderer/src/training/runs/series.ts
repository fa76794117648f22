/**
 * A growable table of numeric columns that share one x column, stored in typed arrays that double
 * when full. Appending a row writes in place (no per-event array), and `view()` hands out subarray
 * views of the filled part, so a chart can draw thousands of points without copying them.
 */
export class Series {
  private cap: number;
  private xs: Float64Array;
  private cols = new Map<string, Float64Array>();
  private lo = new Map<string, number>();
  private hi = new Map<string, number>();
  /** Rows filled. */
  length = 0;

  constructor(initialCapacity = 256) {
    this.cap = Math.max(1, initialCapacity);
    this.xs = new Float64Array(this.cap);
  }

  /** Column names in the order they first appeared. */
  get names(): string[] {
    return [...this.cols.keys()];
  }

  /** Appends one row; a column seen for the first time is filled with NaN for earlier rows. */
  push(x: number, values: Readonly<Record<string, number>>): void {
    if (this.length === this.cap) this.grow();
    const i = this.length;
    this.xs[i] = x;
    for (const name of this.cols.keys()) if (!(name in values)) this.cols.get(name)![i] = NaN;
    for (const name in values) {
      let col = this.cols.get(name);
      if (!col) {
        col = new Float64Array(this.cap).fill(NaN);
        this.cols.set(name, col);
      }
      const v = values[name];
      col[i] = v;
      if (Number.isFinite(v)) {
        if (!(v >= (this.lo.get(name) ?? Infinity))) this.lo.set(name, v);
        if (!(v <= (this.hi.get(name) ?? -Infinity))) this.hi.set(name, v);
      }
    }
    this.length = i + 1;
  }

  /** The filled x values (a view: valid until the next push that grows the table). */
  x(): Float64Array {
    return this.xs.subarray(0, this.length);
  }

  /** The filled values of a column (a view), or null when the column never appeared. */
  column(name: string): Float64Array | null {
    return this.cols.get(name)?.subarray(0, this.length) ?? null;
  }

  /** The finite range of a column, or null when it has no finite value. */
  range(name: string): [number, number] | null {
    const lo = this.lo.get(name);
    const hi = this.hi.get(name);
    return lo === undefined || hi === undefined ? null : [lo, hi];
  }

  /** The last row's x, or -Infinity when empty. */
  lastX(): number {
    return this.length ? this.xs[this.length - 1] : -Infinity;
  }

  /** The last value of a column, or undefined. */
  last(name: string): number | undefined {
    return this.length ? this.cols.get(name)?.[this.length - 1] : undefined;
  }

  private grow(): void {
    this.cap *= 2;
    const xs = new Float64Array(this.cap);
    xs.set(this.xs);
    this.xs = xs;
    for (const [name, col] of this.cols) {
      const next = new Float64Array(this.cap).fill(NaN);
      next.set(col);
      this.cols.set(name, next);
    }
  }
}
