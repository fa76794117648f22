/**
 * Seeded randomness for dataset generation. Same seed ⇒ same stream on every platform: only 32-bit
 * integer arithmetic (Math.imul) and IEEE double operations whose results JavaScript pins down
 * (Math.log/exp/sin/cos are implementation-defined in the last bit, but V8 uses the same fdlibm port
 * everywhere Deepwire runs, so bytes repeat across runs and machines in practice).
 */

/** Mixes any number of 32-bit values into one well-scrambled 32-bit seed (murmur3 finaliser). */
export function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h = (h << 13) | (h >>> 19);
    h = Math.imul(h, 0xc2b2ae35) ^ 0x27d4eb2f;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a hash of a string, so a dataset id can salt its streams. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/** A small, fast, seedable generator (mulberry32) with the distributions the generators need. */
export class Rng {
  private state: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Log-uniform in [a, b): scale parameters (sizes, amplitudes) with no preferred order of magnitude. */
  logUniform(a: number, b: number): number {
    return a * Math.exp(Math.log(b / a) * this.next());
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Normal deviate by Box–Muller; the second value of each pair is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    // 1 − next() is in (0, 1], so the log never sees zero.
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const phi = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(phi);
    return mean + sd * r * Math.cos(phi);
  }

  /**
   * Poisson deviate. Knuth's product method below λ = 30; above it the normal approximation
   * N(λ, √λ), which is what photon noise on a sky-dominated pixel looks like and costs one normal.
   */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda >= 30) return Math.max(0, this.normal(lambda, Math.sqrt(lambda)));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
}

/**
 * The generator for example `index` of a dataset. Each example has its own stream, so example i is
 * the same whatever the dataset size (a 50-example preview shows the first 50 of the full set).
 */
export function exampleRng(seed: number, salt: number, index: number): Rng {
  return new Rng(hashSeed(seed, salt, index));
}

/**
 * Class index for example `index` of a balanced binary set: examples come in pairs (2k, 2k+1), one
 * of each class in a seeded order, so any prefix is balanced to within one example.
 */
export function balancedBinaryLabel(seed: number, salt: number, index: number): number {
  const first = new Rng(hashSeed(seed, salt, Math.floor(index / 2), 0x5eed)).next() < 0.5 ? 0 : 1;
  return index % 2 === 0 ? first : 1 - first;
}
