import { useId, useState } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number;
  onChange(value: number): void;
  min?: number;
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** Exclusive upper bound (validation split < 1). */
  below?: number;
  /** Strictly greater than 0 (a learning rate). */
  positive?: boolean;
  step?: number | 'any';
  title?: string;
  testId?: string;
  disabled?: boolean;
}

/**
 * A number input that commits only values that are valid, so half-typed text ("0.", "1e-") never
 * reaches the project; leaving the field shows the committed value again.
 */
export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  below,
  positive,
  integer,
  step = 'any',
  title,
  testId,
  disabled,
}: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const valid = (v: number) =>
    Number.isFinite(v) &&
    (!integer || Number.isInteger(v)) &&
    (min === undefined || v >= min) &&
    (max === undefined || v <= max) &&
    (below === undefined || v < below) &&
    (!positive || v > 0);
  const shown = text ?? String(value);
  const bad = text !== null && (text.trim() === '' || !valid(Number(text)));
  return (
    <label className="dw-field" htmlFor={id} title={title}>
      <span className="dw-field__label">{label}</span>
      <input
        id={id}
        className={`dw-input${bad ? ' is-invalid' : ''}`}
        type="number"
        inputMode="decimal"
        step={step}
        min={min}
        max={max}
        value={shown}
        disabled={disabled}
        aria-invalid={bad || undefined}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && valid(v) && v !== value) onChange(v);
        }}
        onBlur={() => setText(null)}
      />
    </label>
  );
}
