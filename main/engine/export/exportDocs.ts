import * as tf from '@tensorflow/tfjs';
import type { ExportSource, EquivalenceCheck, ExportFormat } from './types';
import type { LoadedSource } from './exportSource';
import type { ReferenceBatchInfo } from './referenceBatch';

/** `deepwire-export.json`: what was exported, from what, how to read its input and output, the check. */
export interface ExportMetadata {
  format: 'deepwire-export';
  version: 1;
  exportFormat: ExportFormat;
  createdAt: string;
  source: {
    run?: string;
    runDir?: string;
    project: string;
    projectFile?: string;
    epochsCompleted?: number;
    weights: string;
  };
  versions: Record<string, string | number>;
  files: string[];
  input: {
    name: string;
    shape: (number | null)[];
    dtype: 'float32';
    layout: string;
    /** A run on the user's own file: inputs must be standardised like this first (as `deepwire predict` does). */
    scaling?: NonNullable<ExportSource['inputScaling']> & { formula: string };
  };
  output: {
    name: string;
    shape: (number | null)[];
    meaning: string;
    classNames?: string[];
    targetNames?: string[];
    targetScaling?: { mean: number[]; std: number[]; formula: string };
  };
  check: EquivalenceCheck & { reference: string; batch?: string };
}

/** What the output values mean, in one sentence. */
function outputMeaning(source: ExportSource, classNames: string[] | undefined): string {
  if (source.project.training?.target === 'input')
    return 'the reconstructed input (same shape and scale as the input).';
  if (source.targetScaler)
    return 'regression targets in standard units: the real value of target k is output[k] × std[k] + mean[k] (targetScaling below); `deepwire predict` prints real units.';
  if (classNames) {
    const width = source.model.outputs[0].shape.at(-1);
    if (width === 1)
      return `the probability (or score) of class "${classNames[1] ?? 'positive'}" against "${classNames[0]}".`;
    return 'one value per class, in the order of classNames (probabilities when the last activation is softmax).';
  }
  return 'the network’s outputs as they are (no dataset says what they mean).';
}

/** Builds deepwire-export.json's content. */
export function exportMetadata(args: {
  loaded: LoadedSource;
  format: ExportFormat;
  files: string[];
  check: EquivalenceCheck;
  reference: ReferenceBatchInfo;
  versions: Record<string, string | number>;
  projectFile?: string;
}): ExportMetadata {
  const { loaded, reference } = args;
  const source = loaded.source;
  const classNames = source.classNames ?? reference.classNames;
  const input = source.model.inputs[0];
  const output = source.model.outputs[0];
  const weights = source.runId
    ? `trained (run ${source.runId}, ${loaded.summary?.epochsCompleted ?? '?'} epochs)`
    : loaded.initialWeights
      ? `the project's initial weights (${loaded.initialWeights.path}${loaded.initialWeights.fresh.length ? `; ${loaded.initialWeights.fresh.length} weights did not fit and start fresh` : ''})`
      : 'untrained: the seeded initial weights Deepwire starts training from';
  return {
    format: 'deepwire-export',
    version: 1,
    exportFormat: args.format,
    createdAt: new Date().toISOString(),
    source: {
      ...(source.runId ? { run: source.runId, runDir: source.runDir } : {}),
      project: source.project.name,
      ...(args.projectFile ? { projectFile: args.projectFile } : {}),
      ...(loaded.summary ? { epochsCompleted: loaded.summary.epochsCompleted } : {}),
      weights,
    },
    versions: { tfjs: tf.version.tfjs, ...args.versions },
    files: args.files,
    input: {
      name: source.model.inputLayers[0].name,
      shape: input.shape,
      dtype: 'float32',
      layout: 'channels-last (NHWC): [batch, ...the Input node’s shape], as in the project',
      ...(source.inputScaling && source.inputScaling.kind !== 'none'
        ? {
            scaling: {
              ...source.inputScaling,
              formula:
                source.inputScaling.kind === 'global'
                  ? 'model input = (x − mean) / std for every value'
                  : 'model input[p] = (x[p] − mean[k]) / std[k] for each listed position p = positions[k]',
            },
          }
        : {}),
    },
    output: {
      name: source.analysis.outputs[0] ?? source.model.outputLayers[0].name,
      shape: output.shape,
      meaning: outputMeaning(source, classNames),
      ...(classNames ? { classNames } : {}),
      ...(reference.targetNames ? { targetNames: reference.targetNames } : {}),
      ...(source.targetScaler
        ? { targetScaling: { ...source.targetScaler, formula: 'real = output × std + mean (per target)' } }
        : {}),
    },
    check: { ...args.check, reference: 'deepwire predict (the TF.js model, raw outputs)', batch: reference.origin },
  };
}

const FORMAT_TITLES: Record<ExportFormat, string> = {
  onnx: 'ONNX',
  pytorch: 'PyTorch',
  keras: 'Keras',
  tfjs: 'TensorFlow.js',
};

/** Usage per format, for a README the exporter did not write itself. */
function usage(format: ExportFormat, m: ExportMetadata): string {
  const shape = `(n, ${m.input.shape
    .slice(1)
    .map((d) => d ?? 'L')
    .join(', ')})`;
  if (format === 'onnx') {
    return [
      '```python',
      'import numpy as np, onnxruntime as ort',
      'session = ort.InferenceSession("model.onnx")',
      `x = np.load("x.npy").astype(np.float32)  # ${shape}, channels last`,
      `y = session.run(None, {"${m.input.name}": x})[0]`,
      '```',
      '',
      '```js',
      "const ort = require('onnxruntime-node');",
      "const session = await ort.InferenceSession.create('model.onnx');",
      `const y = await session.run({ '${m.input.name}': new ort.Tensor('float32', data, [n, ${m.input.shape.slice(1).join(', ')}]) });`,
      '```',
      '',
      `The model is ONNX IR version ${m.versions.onnxIrVersion}, opset ${m.versions.onnxOpset}, with a dynamic batch dimension. It takes channels-last input, as your data is; it transposes to channels-first inside where an operator needs it.`,
    ].join('\n');
  }
  if (format === 'tfjs') {
    const custom = (m.versions.customLayers as string | undefined) ?? '';
    const only = (m.versions.deepwireOnlyLayers as string | undefined) ?? '';
    return [
      '```js',
      "const tf = require('@tensorflow/tfjs');",
      ...(custom ? ["require('./deepwire-layers.js')(tf); // Deepwire's own layers: " + custom] : []),
      "const model = await tf.loadLayersModel('https://your.site/model/model.json'); // or a file:// URL with tfjs-node",
      `const y = model.predict(tf.tensor(data, [n, ${m.input.shape.slice(1).join(', ')}]));`,
      '```',
      custom
        ? `\nThe model uses Deepwire's own layer classes (${custom}); deepwire-layers.js registers them (in a page, load it and call registerDeepwireLayers(tf)).`
        : '',
      only
        ? `\nNot portable: ${only} load only in Deepwire (which registers them itself); plain TF.js cannot load this model.json. The ONNX and PyTorch exports of the same run have no such limit.`
        : '',
    ].join('\n');
  }
  return '';
}

/** README.md for an export folder (the exporter's own README gets only the check section appended). */
export function exportReadme(m: ExportMetadata, target: string, exporterReadme?: string): string {
  const check = m.check;
  const checkText =
    check.status === 'skipped'
      ? `The equivalence check was skipped: ${check.reason}`
      : `On ${check.examples} examples (${check.batch}), ${check.runtime} gave the same outputs as \`deepwire predict\` within a maximum relative error of ${check.maxRelativeError.toExponential(2)} (tolerance ${check.tolerance}): **${check.status}**.`;
  const checkSection = [
    '## Equivalence check',
    '',
    checkText,
    '',
    'Compare it yourself:',
    '',
    '```sh',
    `deepwire predict ${target} --input x.npy --output y.npy`,
    '```',
    '',
  ].join('\n');
  if (exporterReadme) return `${exporterReadme.trimEnd()}\n\n${checkSection}`;
  const out = m.output;
  return [
    `# ${m.source.project} — ${FORMAT_TITLES[m.exportFormat]} export`,
    '',
    `Exported by Deepwire ${m.versions.deepwire} from ${m.source.run ? `run ${m.source.run}` : `the project ${m.source.projectFile ?? m.source.project}`}; weights: ${m.source.weights}.`,
    '',
    `Files: ${m.files.map((f) => `\`${f}\``).join(', ')}, and \`deepwire-export.json\` (all of this in machine-readable form).`,
    '',
    '## Input and output',
    '',
    `- Input \`${m.input.name}\`: float32, shape [${m.input.shape.map((d) => d ?? 'batch').join(', ')}], ${m.input.layout}.`,
    ...(m.input.scaling
      ? [
          `- The model was trained on standardised inputs: ${m.input.scaling.formula} (the numbers are in deepwire-export.json, input.scaling). \`deepwire predict\` does this itself.`,
        ]
      : []),
    `- Output \`${out.name}\`: shape [${out.shape.map((d) => d ?? 'batch').join(', ')}], ${out.meaning}`,
    ...(out.classNames ? [`- Classes, in output order: ${out.classNames.join(', ')}.`] : []),
    ...(out.targetScaling
      ? [
          `- Target scaling: mean ${JSON.stringify(out.targetScaling.mean)}, std ${JSON.stringify(out.targetScaling.std)}${out.targetNames ? ` for ${out.targetNames.join(', ')}` : ''}.`,
        ]
      : []),
    '',
    '## Use it',
    '',
    usage(m.exportFormat, m),
    '',
    checkSection,
    '## Export it again',
    '',
    '```sh',
    `deepwire export ${target} --format ${m.exportFormat} --out DIR --force`,
    '```',
    '',
  ].join('\n');
}
