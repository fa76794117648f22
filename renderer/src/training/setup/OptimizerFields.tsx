import {
  OPTIMIZER_DEFAULTS,
  OPTIMIZERS,
  type OptimizerConfig,
  type OptimizerKind,
} from '../../../../shared/training/options';
import { NumberField } from './NumberField';

const OPTIMIZER_LABELS: Record<OptimizerKind, string> = {
  sgd: 'SGD',
  momentum: 'SGD with momentum',
  adagrad: 'Adagrad',
  adadelta: 'Adadelta',
  rmsprop: 'RMSprop',
  adam: 'Adam',
  adamax: 'Adamax',
};

const SETTING_LABELS: Record<string, string> = {
  learningRate: 'Learning rate',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  initialAccumulatorValue: 'Initial accumulator',
  rho: 'Rho (decay)',
  epsilon: 'Epsilon',
  beta1: 'Beta 1',
  beta2: 'Beta 2',
};

/**
 * The optimizer and its settings, each defaulting to Keras's value (OPTIMIZER_DEFAULTS). Only
 * settings the user changed are written; switching optimizer keeps the learning rate only when the
 * user had set one.
 */
export function OptimizerFields({
  value,
  onChange,
  disabled,
}: {
  value: OptimizerConfig;
  onChange(next: OptimizerConfig): void;
  disabled?: boolean;
}) {
  const defaults = OPTIMIZER_DEFAULTS[value.kind] ?? OPTIMIZER_DEFAULTS.adam;
  return (
    <div className="dw-group">
      <label className="dw-field">
        <span className="dw-field__label">Optimizer</span>
        <select
          className="dw-input"
          value={value.kind}
          disabled={disabled}
          data-testid="optimizer-select"
          onChange={(e) => onChange({ kind: e.target.value as OptimizerKind })}
        >
          {OPTIMIZERS.map((k) => (
            <option key={k} value={k}>
              {OPTIMIZER_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <div className="dw-grid2">
        {Object.entries(defaults).map(([name, def]) => {
          const current = value[name] ?? def;
          if (typeof def === 'boolean') {
            return (
              <label key={name} className="dw-field dw-field--check">
                <input
                  type="checkbox"
                  checked={current === true}
                  disabled={disabled}
                  onChange={(e) => onChange({ ...value, [name]: e.target.checked })}
                />
                <span className="dw-field__label">{SETTING_LABELS[name] ?? name}</span>
              </label>
            );
          }
          return (
            <NumberField
              key={`${value.kind}:${name}`}
              label={SETTING_LABELS[name] ?? name}
              value={typeof current === 'number' ? current : def}
              min={0}
              positive={name === 'learningRate'}
              disabled={disabled}
              testId={`optimizer-${name}`}
              onChange={(v) => onChange({ ...value, [name]: v })}
            />
          );
        })}
      </div>
    </div>
  );
}
