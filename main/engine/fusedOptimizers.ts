import * as tf from '@tensorflow/tfjs';
import type { OptimizerKind } from '../../shared/training/options';
import { ADAM_UPDATE, MOMENTUM_UPDATE, RMSPROP_UPDATE, SGD_UPDATE } from './kernels/optimizerUpdates';

/**
 * SGD, momentum, RMSprop and Adam with one fused kernel per variable and step (optimizerUpdates.ts)
 * instead of TF.js's chain of element-wise kernels, where the backend has them (hasFusedUpdate): on
 * cpu, whose element-wise kernels are plain loops with a tensor each, and for Adam and RMSprop on
 * wasm, where each kernel call and scalar tensor costs more than a small layer's arithmetic. Same update rules as TF.js 4.22's
 * optimizers (optimizers.test.ts checks both against the rules written out by hand), same state
 * names in getWeights (`<variable>/m`, `/v`, `/rms`, `/momentum`), so a saved state loads in either.
 */

/** A tensor with its name, as optimizers' getWeights lists them (tfjs does not export the type). */
type NamedTensor = Parameters<tf.Optimizer['setWeights']>[0][number];
type Gradients = tf.NamedTensorMap | NamedTensor[];

const KERNELS: Partial<Record<OptimizerKind, string>> = {
  adam: ADAM_UPDATE,
  rmsprop: RMSPROP_UPDATE,
  momentum: MOMENTUM_UPDATE,
  sgd: SGD_UPDATE,
};

/**
 * Whether the backend has the fused update for `kind`. Deepwire registers all four on cpu, and on
 * wasm only Adam's and RMSprop's: wasm's own SIMD kernels do SGD and momentum's two or three
 * element-wise steps faster than one JavaScript loop (bench/optimizerStep.bench.ts).
 */
export function hasFusedUpdate(kind: OptimizerKind, backendName = tf.getBackend()): boolean {
  const kernel = KERNELS[kind];
  return kernel !== undefined && tf.getKernel(kernel, backendName) !== undefined;
}

/** A state slot per variable (all start at zero): the kernel input it feeds, and its name in getWeights. */
interface Slot {
  input: string;
  suffix: string;
}

/**
 * What the fused optimizers share: per-variable state created on first use, one kernel call per
 * variable whose outputs replace the variable and its state, and getWeights/setWeights.
 */
abstract class FusedOptimizer extends tf.Optimizer {
  private readonly state = new Map<string, tf.Variable[]>();

  /** In the order of the kernel's outputs after the variable. */
  protected abstract readonly slots: readonly Slot[];
  protected abstract readonly kernel: string;
  /** The attributes of this step's kernel calls (Adam's bias corrections change every step). */
  protected abstract attrs(): tf.NamedAttrMap;
  /** After every variable is updated (Adam advances its β powers). */
  protected afterStep(): void {}

  applyGradients(gradients: Gradients): void {
    const named = Array.isArray(gradients)
      ? gradients.map(({ name, tensor }) => [name, tensor] as const)
      : Object.entries(gradients);
    const attrs = this.attrs();
    const engine = tf.engine();
    for (const [name, gradient] of named) {
      if (gradient == null) continue;
      const variable = engine.registeredVariables[name];
      const state = this.stateOf(name, variable);
      tf.tidy(() => {
        const inputs: tf.NamedTensorMap = { value: variable, gradient };
        state.forEach((s, k) => (inputs[this.slots[k].input] = s));
        const [value, ...next] = engine.runKernel(this.kernel, inputs, attrs) as tf.Tensor[];
        variable.assign(value);
        next.forEach((t, k) => state[k].assign(t));
      });
    }
    this.afterStep();
    this.incrementIterations();
  }

  private stateOf(name: string, variable: tf.Variable): tf.Variable[] {
    let state = this.state.get(name);
    if (!state) {
      state = this.slots.map(() => tf.tidy(() => tf.zerosLike(variable).variable(false)));
      this.state.set(name, state);
    }
    return state;
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const weights: NamedTensor[] = [];
    for (const [name, state] of this.state) {
      state.forEach((tensor, k) => weights.push({ name: `${name}/${this.slots[k].suffix}`, tensor }));
    }
    return [await this.saveIterations(), ...weights];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const byName = new Map(rest.map((w) => [w.name, w.tensor]));
    for (const name of new Set(rest.map((w) => w.name.slice(0, w.name.lastIndexOf('/'))))) {
      const variable = tf.engine().registeredVariables[name];
      if (!variable) continue;
      const state = this.stateOf(name, variable);
      this.slots.forEach((s, k) => {
        const saved = byName.get(`${name}/${s.suffix}`);
        if (saved) state[k].assign(saved);
      });
    }
  }

  override dispose(): void {
    for (const state of this.state.values()) tf.dispose(state);
    this.state.clear();
    super.dispose();
  }
}

export class FusedSGD extends FusedOptimizer {
  static get className() {
    return 'SGD';
  }
  protected readonly slots = [];
  protected readonly kernel = SGD_UPDATE;
  constructor(private readonly learningRate: number) {
    super();
  }
  protected attrs() {
    return { learningRate: this.learningRate };
  }
  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate };
  }
}

export class FusedMomentum extends FusedOptimizer {
  static get className() {
    return 'Momentum';
  }
  protected readonly slots = [{ input: 'accumulation', suffix: 'momentum' }];
  protected readonly kernel = MOMENTUM_UPDATE;
  constructor(
    private readonly learningRate: number,
    private readonly momentum: number,
    private readonly nesterov = false,
  ) {
    super();
  }
  protected attrs() {
    return { learningRate: this.learningRate, momentum: this.momentum, nesterov: this.nesterov };
  }
  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, momentum: this.momentum, useNesterov: this.nesterov };
  }
}

export class FusedRMSProp extends FusedOptimizer {
  static get className() {
    return 'RMSProp';
  }
  protected readonly slots = [
    { input: 'meanSquare', suffix: 'rms' },
    { input: 'moment', suffix: 'momentum' },
  ];
  protected readonly kernel = RMSPROP_UPDATE;
  constructor(
    private readonly learningRate: number,
    private readonly rho: number,
    private readonly momentum: number,
    private readonly epsilon: number,
  ) {
    super();
  }
  protected attrs() {
    return { learningRate: this.learningRate, rho: this.rho, momentum: this.momentum, epsilon: this.epsilon };
  }
  getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      decay: this.rho,
      momentum: this.momentum,
      epsilon: this.epsilon,
      centered: false,
    };
  }
}

export class FusedAdam extends FusedOptimizer {
  static get className() {
    return 'Adam';
  }
  protected readonly slots = [
    { input: 'm', suffix: 'm' },
    { input: 'v', suffix: 'v' },
  ];
  protected readonly kernel = ADAM_UPDATE;
  /** β₁ᵗ and β₂ᵗ for this step t (TF.js keeps them as float32 variables; here in double precision). */
  private beta1Power: number;
  private beta2Power: number;
  constructor(
    private readonly learningRate: number,
    private readonly beta1: number,
    private readonly beta2: number,
    private readonly epsilon: number,
  ) {
    super();
    this.beta1Power = beta1;
    this.beta2Power = beta2;
  }
  protected attrs() {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      correction1: 1 - this.beta1Power,
      correction2: 1 - this.beta2Power,
    };
  }
  protected override afterStep(): void {
    this.beta1Power *= this.beta1;
    this.beta2Power *= this.beta2;
  }
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    await super.setWeights(weightValues);
    const t = this.iterations; // the saved step count: the β powers follow from it
    this.beta1Power = this.beta1 ** (t + 1);
    this.beta2Power = this.beta2 ** (t + 1);
  }
  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
