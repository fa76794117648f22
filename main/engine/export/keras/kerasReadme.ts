import type { ExportSource } from '../types';
import type { KerasModel } from './kerasModel';

/** README.md of a Keras export, saying plainly what was checked and what was not. */
export function kerasReadme(source: ExportSource, model: KerasModel): string {
  const json = JSON.stringify(model.config);
  const customs = [...json.matchAll(/"deepwire>([A-Za-z_]+)"/g)].map((m) => m[1]);
  const unique = [...new Set(customs)];
  return `# ${source.project.name ?? 'Model'} — Keras 3 export

Written by Deepwire${source.runId ? ` from run ${source.runId}` : ' from the project (initial weights)'}.

| file | what it is |
|---|---|
| \`model.keras\` | the Keras 3 model file: \`config.json\` (architecture), \`model.weights.h5\` (weights), \`metadata.json\` |
| \`model.py\` | the same architecture as Keras 3 functional code; layer names are the node ids |

\`\`\`python
import keras
import model                     # registers Deepwire's own layers/activations${unique.length ? `: ${unique.join(', ')}` : ' (none needed here)'}
net = keras.saving.load_model("model.keras")
y = net.predict(x)               # x: float32, channels-last (NHWC) like Deepwire's data
\`\`\`
${unique.length ? `\nThis model uses objects Keras 3 does not have (${unique.join(', ')}): they are defined in \`model.py\`, so import it before loading.\n` : ''}
## What was verified

- Deepwire wrote \`model.weights.h5\` in Keras 3's layout (\`layers/<snake_case class>[_N]/vars/<i>\`,
  trainable variables first; recurrent layers under \`cell/\`), and its tests read it back with h5py.
- The numbers: a NumPy forward pass over the exported file (each layer as Keras 3 defines it)
  reproduced Deepwire's outputs on a fixed batch; \`deepwire-export.json\` has the figure.

## What was not

- TensorFlow/Keras could not be installed where this export was made, so **Keras itself did not load
  this file** here. The config follows what Keras 3 writes (module, class_name, config,
  registered_name, build_config, dtype policy), but a given Keras release may still refuse or
  change something; please report it if yours does.
- Keras 3's \`hard_sigmoid\` is x/6 + 0.5 while TF.js (which trained the model) uses 0.2x + 0.5, and
  Keras resizes bilinearly with half-pixel centres while TF.js does not: where the model uses those,
  \`model.py\` defines the TF.js versions (\`tfjs_hard_sigmoid\`, \`TfjsBilinearUpSampling2D\`).
`;
}
