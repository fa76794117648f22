import { memo, useId, useState } from 'react';
import { INITIALIZERS, type InitializerValue, type ParamSpec, type RegularizerValue } from '../../../shared/catalog';
import { checkParam } from '../../../shared/catalog/paramValues';
import { formatParam, readParam } from './paramText';

interface FieldProps {
  name: string;
  spec: ParamSpec;
  /** The effective value (the default filled in when the file omits it). */
  value: unknown;
  onChange(name: string, value: unknown): void;
}

/**
 * A text field that writes its value only when it is valid: an invalid one stays in the field,
 * red with the reason, and never reaches the project.
 */
function TextField({
  id,
  spec,
  value,
  onCommit,
  testId,
  inputMode,
  placeholder,
}: {
  id: string;
  spec: ParamSpec;
  value: unknown;
  onCommit(value: unknown): void;
  testId: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  placeholder?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const number = spec.type === 'int' || spec.type === 'float';
  return (
    <>
      <input
        id={id}
        className={`field__input${error ? ' is-invalid' : ''}`}
        type={number ? 'number' : 'text'}
        inputMode={inputMode}
        min={number ? spec.min : undefined}
        max={number ? spec.max : undefined}
        step={spec.type === 'int' ? 1 : spec.type === 'float' ? 'any' : undefined}
        placeholder={placeholder}
        value={draft ?? formatParam(spec, value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const r = readParam(spec, text);
          setError(r.ok ? null : r.message);
          if (r.ok) onCommit(r.value);
        }}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
      {error && (
        <span className="field__error" id={`${id}-error`} role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </>
  );
}

function InitializerField({ id, name, value, onChange }: FieldProps & { id: string }) {
  const v = value as InitializerValue;
  const current = typeof v === 'string' ? v : v.name;
  const constant = typeof v === 'object' && v.name === 'constant' ? (v.value ?? 0) : 0;
  const floatSpec: ParamSpec = { type: 'float', default: 0, doc: '' };
  return (
    <div className="field__row">
      <select
        id={id}
        className="field__input"
        value={current}
        data-testid={`param-${name}`}
        onChange={(e) =>
          onChange(name, e.target.value === 'constant' ? { name: 'constant', value: constant } : e.target.value)
        }
      >
        {INITIALIZERS.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {current === 'constant' && (
        <TextField
          id={`${id}-value`}
          spec={floatSpec}
          value={constant}
          testId={`param-${name}-value`}
          inputMode="decimal"
          onCommit={(x) => onChange(name, { name: 'constant', value: x ?? 0 })}
        />
      )}
    </div>
  );
}

function RegularizerField({ id, name, spec, value, onChange }: FieldProps & { id: string }) {
  const v = (value ?? null) as RegularizerValue;
  const amount: ParamSpec = { type: 'float', default: null, nullable: true, min: 0, doc: '' };
  const set = (which: 'l1' | 'l2', x: unknown) => {
    const next: { l1?: number; l2?: number } = { ...(v ?? {}) };
    if (typeof x === 'number' && x > 0) next[which] = x;
    else delete next[which];
    const out = Object.keys(next).length ? next : null;
    if (!checkParam(spec, out)) onChange(name, out);
  };
  return (
    <div className="field__row">
      {(['l1', 'l2'] as const).map((which) => (
        <label key={which} className="field__sub">
          <span>{which.toUpperCase()}</span>
          <TextField
            id={`${id}-${which}`}
            spec={amount}
            value={v?.[which] ?? null}
            testId={`param-${name}-${which}`}
            inputMode="decimal"
            placeholder="off"
            onCommit={(x) => set(which, x)}
          />
        </label>
      ))}
    </div>
  );
}

/** "kernelSize" → "Kernel size": the form speaks words; the TF.js name stays beside it. */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One parameter's control, chosen by its type in the spec. */
function ParamFieldView(props: FieldProps) {
  const { name, spec, value, onChange } = props;
  const id = useId();
  const label = spec.label ?? humanize(name);
  let control: React.ReactNode;
  switch (spec.type) {
    case 'bool':
      control = (
        <input
          id={id}
          type="checkbox"
          className="field__check"
          checked={value === true}
          data-testid={`param-${name}`}
          onChange={(e) => onChange(name, e.target.checked)}
        />
      );
      break;
    case 'select':
      control = (
        <select
          id={id}
          className="field__input"
          value={value === null ? '' : String(value)}
          data-testid={`param-${name}`}
          onChange={(e) => onChange(name, e.target.value === '' ? null : e.target.value)}
        >
          {spec.nullable && <option value="">none</option>}
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'initializer':
      control = <InitializerField {...props} id={id} />;
      break;
    case 'regularizer':
      control = <RegularizerField {...props} id={id} />;
      break;
    default:
      control = (
        <TextField
          id={id}
          spec={spec}
          value={value}
          testId={`param-${name}`}
          inputMode={spec.type === 'float' ? 'decimal' : 'numeric'}
          placeholder={'nullable' in spec && spec.nullable ? 'none' : undefined}
          onCommit={(x) => onChange(name, x)}
        />
      );
  }
  return (
    <div className={`field field--${spec.type}`} data-testid={`field-${name}`}>
      <label className="field__label" htmlFor={id} title={spec.doc}>
        {label}
        {label !== name && <code className="field__name">{name}</code>}
      </label>
      <div className="field__control">{control}</div>
      <p className="field__doc">{spec.doc}</p>
    </div>
  );
}

export const ParamField = memo(ParamFieldView);
