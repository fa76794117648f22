/**
 * `deepwire-layers.js`, written beside a TF.js export that uses Deepwire's own layer classes: the
 * same maths as main/engine/compile/customLayers.ts in plain JavaScript, so plain TensorFlow.js can
 * load the model (`require('./deepwire-layers.js')(tf)` before `tf.loadLayersModel`). Only the
 * classes the model uses are written.
 */

const CLASSES: Record<string, string> = {
  GaussianActivation: `
  // exp(-x^2 / sigma^2), the lecture's Gaussian activation.
  class GaussianActivation extends tf.layers.Layer {
    constructor(args = {}) { super(args); this.sigma = args.sigma ?? 1; }
    call(inputs) {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs;
        return tf.exp(tf.neg(tf.div(tf.square(x), this.sigma * this.sigma)));
      });
    }
    getConfig() { return { ...super.getConfig(), sigma: this.sigma }; }
  }
  GaussianActivation.className = 'GaussianActivation';
  classes.push(GaussianActivation);`,
  LocalResponseNormalization: `
  // AlexNet's local response normalization across channels (channels last).
  class LocalResponseNormalization extends tf.layers.Layer {
    constructor(args = {}) {
      super(args);
      this.depthRadius = args.depthRadius ?? 5; this.bias = args.bias ?? 1;
      this.alpha = args.alpha ?? 1; this.beta = args.beta ?? 0.5;
    }
    call(inputs) {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.tidy(() => tf.localResponseNormalization(x, this.depthRadius, this.bias, this.alpha, this.beta));
    }
    getConfig() {
      const { depthRadius, bias, alpha, beta } = this;
      return { ...super.getConfig(), depthRadius, bias, alpha, beta };
    }
  }
  LocalResponseNormalization.className = 'LocalResponseNormalization';
  classes.push(LocalResponseNormalization);`,
  DeepwireSubtract: `
  // Keras's Subtract: inputs[0] - inputs[1].
  class DeepwireSubtract extends tf.layers.Layer {
    computeOutputShape(shape) { return Array.isArray(shape[0]) ? shape[0] : shape; }
    call(inputs) { return tf.tidy(() => tf.sub(inputs[0], inputs[1])); }
  }
  DeepwireSubtract.className = 'DeepwireSubtract';
  classes.push(DeepwireSubtract);`,
  DeepwireCausalPadding1D: `
  // Left zero-padding in time before a causal Conv1D.
  class DeepwireCausalPadding1D extends tf.layers.Layer {
    constructor(args = {}) { super(args); this.amount = args.amount ?? 0; }
    computeOutputShape(shape) {
      const s = Array.isArray(shape[0]) ? shape[0] : shape;
      return [s[0], s[1] === null ? null : s[1] + this.amount, s[2]];
    }
    call(inputs) {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.tidy(() => tf.pad(x, [[0, 0], [this.amount, 0], [0, 0]]));
    }
    getConfig() { return { ...super.getConfig(), amount: this.amount }; }
  }
  DeepwireCausalPadding1D.className = 'DeepwireCausalPadding1D';
  classes.push(DeepwireCausalPadding1D);`,
};

/** The Deepwire classes this file can provide. */
export const PORTABLE_CLASSES = Object.keys(CLASSES);

/** The file's text for the classes named (those it knows). */
export function deepwireLayersJs(classNames: string[]): string {
  const parts = classNames.filter((c) => CLASSES[c]).map((c) => CLASSES[c]);
  return `// Deepwire's own layer classes used by model.json, for plain TensorFlow.js:
//   const tf = require('@tensorflow/tfjs');
//   require('./deepwire-layers.js')(tf);   // in a page: registerDeepwireLayers(tf)
//   const model = await tf.loadLayersModel(url);
function registerDeepwireLayers(tf) {
  const classes = [];
${parts.join('\n')}
  for (const c of classes) tf.serialization.registerClass(c);
}
if (typeof module !== 'undefined' && module.exports) module.exports = registerDeepwireLayers;
else globalThis.registerDeepwireLayers = registerDeepwireLayers;
`;
}
