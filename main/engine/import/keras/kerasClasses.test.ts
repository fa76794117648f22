import { describe, expect, it } from 'vitest';
import { ImportError } from '../importError';
import { kerasToTfjsClasses } from './kerasClasses';

/** A functional Keras 2-form topology: in → each layer in turn → output. */
function functional(layers: { class_name: string; config: Record<string, unknown> }[]) {
  const all = [
    {
      class_name: 'InputLayer',
      name: 'in',
      config: { name: 'in', batch_input_shape: [null, 10, 3] },
      inbound_nodes: [],
    },
    ...layers.map((l, i) => ({
      ...l,
      name: l.config.name,
      inbound_nodes: [[[i === 0 ? 'in' : layers[i - 1].config.name, 0, 0, {}]]],
    })),
  ];
  const last = layers.at(-1)!.config.name;
  return { class_name: 'Model', config: { layers: all, input_layers: [['in', 0, 0]], output_layers: [[last, 0, 0]] } };
}

const refusal = (topology: unknown, keras3 = true) => {
  try {
    kerasToTfjsClasses(topology, 'm.keras', keras3);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as ImportError).message;
  }
  return null;
};

describe('Keras classes and activations as TF.js builds them', () => {
  it('leaky_relu becomes a linear layer and LeakyReLU(0.2) __act, rewired to what read the layer', () => {
    const t = functional([
      { class_name: 'Dense', config: { name: 'd', units: 2, activation: 'leaky_relu' } },
      { class_name: 'Dense', config: { name: 'e', units: 2, activation: 'silu' } },
    ]);
    kerasToTfjsClasses(t, 'm.keras', true);
    const layers = t.config.layers as { class_name: string; config: Record<string, unknown>; inbound_nodes: unknown }[];
    expect(layers.map((l) => l.class_name)).toEqual(['InputLayer', 'Dense', 'LeakyReLU', 'Dense']);
    expect(layers[1].config.activation).toBe('linear');
    expect(layers[2].config).toMatchObject({ name: 'd__act', alpha: 0.2 });
    expect(layers[3].inbound_nodes).toEqual([[['d__act', 0, 0, {}]]]);
    expect(layers[3].config.activation).toBe('swish');
  });

  it('a causal Conv1D gets the causal padding layer before it and pads valid', () => {
    const t = functional([
      { class_name: 'Conv1D', config: { name: 'c', kernel_size: [3], dilation_rate: [2], padding: 'causal' } },
    ]);
    kerasToTfjsClasses(t, 'm.keras', true);
    const [, pad, conv] = t.config.layers as {
      class_name: string;
      config: Record<string, unknown>;
      inbound_nodes: unknown;
    }[];
    expect(pad).toMatchObject({ class_name: 'DeepwireCausalPadding1D', config: { name: 'c__pad', amount: 4 } });
    expect(pad.inbound_nodes).toEqual([[['in', 0, 0, {}]]]);
    expect(conv.inbound_nodes).toEqual([[['c__pad', 0, 0, {}]]]);
    expect(conv.config.padding).toBe('valid');
  });

  it('refuses what TF.js would silently compute otherwise, and functions it does not know', () => {
    const hs = functional([{ class_name: 'Dense', config: { name: 'd', activation: 'hard_sigmoid' } }]);
    expect(refusal(hs)).toMatch(/Keras 3's hard_sigmoid \(x\/6 \+ 0\.5\)/);
    // Keras 2's hard_sigmoid is TF.js's (0.2x + 0.5).
    expect(
      refusal(functional([{ class_name: 'Dense', config: { name: 'd', activation: 'hard_sigmoid' } }]), false),
    ).toBeNull();
    const up = functional([
      { class_name: 'UpSampling2D', config: { name: 'u', size: [2, 2], interpolation: 'bilinear' } },
    ]);
    expect(refusal(up)).toMatch(/half-pixel centres/);
    const fn = functional([
      { class_name: 'Dense', config: { name: 'd', activation: { class_name: 'function', config: 'my_act' } } },
    ]);
    expect(refusal(fn)).toMatch(/activation my_act, a function defined in the model's own code/);
    const rnn = functional([{ class_name: 'LSTM', config: { name: 'r', activation: 'leaky_relu' } }]);
    expect(refusal(rnn)).toMatch(/inside a recurrent layer's steps/);
  });
});
