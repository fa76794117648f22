import type { ExportSource } from '../types';
import type { TorchModel } from './modelPy';
import type { TrainSettings } from './trainingFiles';

/** README.md of a PyTorch export: what each file is and the commands to use them. */
export function pytorchReadme(source: ExportSource, s: TrainSettings, hasData: boolean, model: TorchModel): string {
  const renamed = [...model.names].filter(([id, py]) => id !== py);
  const inputs = source.analysis.inputs.map((id) => {
    const shape = source.analysis.nodes.get(id)!.outputShape!;
    return `\`${model.names.get(id)}\`: (batch, ${shape
      .slice(1)
      .map((d) => d ?? 'any')
      .join(', ')})`;
  });
  return `# ${source.project.name ?? 'Model'} — PyTorch export

Written by Deepwire${source.runId ? ` from run ${source.runId}` : ' from the project (initial weights)'}.

| file | what it is |
|---|---|
| \`model.py\` | the network as a readable \`nn.Module\`: one attribute per layer, named after its node |
| \`model.safetensors\` | its weights, in PyTorch's layouts |
| \`train.py\` | trains it as Deepwire did: loss \`${s.loss}\`, optimizer \`${String(s.optimizer.kind)}\`, batch ${s.batchSize}, ${s.epochs} epochs, seed ${s.seed} |
${hasData ? '| `data.npz` | the data the run used: `x_train`, `y_train`, `x_val`, `y_val`, `x_test`, `y_test` |\n' : ''}
Needs Python 3 with \`torch\` and \`numpy\` (\`safetensors\` is used when installed, but not needed).

## Use the model

\`\`\`python
from model import Model
model = Model().load_weights().eval()
y = model(x)   # ${inputs.join(', ')}; float32, channels-last (NHWC) like Deepwire's data
\`\`\`
${s.targetScaler ? `\nOutputs are standardised: real value = output × std + mean, with mean ${JSON.stringify(s.targetScaler.mean)} and std ${JSON.stringify(s.targetScaler.std)}.\n` : ''}${s.classNames ? `\nOutputs are the classes ${s.classNames.map((c) => `\`${c}\``).join(', ')}, in that order.\n` : ''}${renamed.length ? `\nNode ids that are not Python names were renamed: ${renamed.map(([id, py]) => `\`${id}\` → \`${py}\``).join(', ')}.\n` : ''}
## Train

\`\`\`sh
python3 train.py                                   # one process (GPU when CUDA is available)
python3 -m torch.distributed.run --nproc_per_node=4 train.py    # DistributedDataParallel, 4 processes
\`\`\`

${s.dataNote}

With torch 1.13 on Python 3.11 the launcher crashes on its default output settings: add \`--redirects 2 --tee 1\`
(the processes' output then also goes to log files).

On several machines add \`--nnodes=N --node_rank=I --master_addr=HOST --master_port=29500\`. Processes
use NCCL on GPUs and Gloo on CPUs; each takes \`batch_size / N\` examples of every batch, so one step
is the run's step. \`train.py --help\` lists the options (\`--epochs\`, \`--batch-size\`, \`--data\`, \`--out\`).
Process 0 writes the trained weights back to \`model.safetensors\`.

Differences from Deepwire's training: shuffling uses PyTorch's DistributedSampler, so batches
differ from the run's; recurrent layers' \`dropout\`/\`recurrentDropout\` are not applied; optimizers
are PyTorch's (Adagrad/RMSprop/Adamax place epsilon slightly differently from TF.js).

With Python and PyTorch on PATH (or \`DEEPWIRE_PYTHON\` set), Deepwire ran \`model.py\` on a batch of
the run's test examples and compared its outputs with its own: see \`deepwire-export.json\`.
`;
}
