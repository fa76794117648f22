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

/** What the field accepts, in words: "a whole number of at least 1". */
export function numberRule({
  min,
  max,
  below,
  positive,
  integer,
}: Pick<NumberFieldProps, 'min' | 'max' | 'below' | 'positive' | 'integer'>): string {
  const what = integer ? 'a whole number' : 'a number';
  const low = positive && (min === undefined || min <= 0) ? 'above 0' : min !== undefined ? `${min}` : undefined;
  const high = below !== undefined ? `below ${below}` : max !== undefined ? `${max}` : undefined;
  if (low && high) return low === 'above 0' ? `${what} above 0 and up to ${high}` : `${what} from ${low} to ${high}`;
  if (low) return low === 'above 0' ? `${what} above 0` : `${what} of at least ${low}`;
  if (high) return `${what} up to ${high}`;
  return what;
}

/**
 * A number input that commits only values that are valid, so half-typed text ("0.", "1e-") never
 * reaches the project. A value it cannot take (Epochs 0) is refused visibly: the text stays, marked,
 * with what the field accepts, until it is corrected (it used to snap back silently on leaving).
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
  const errorId = `${id}-error`;
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
  const rule = numberRule({ min, max, below, positive, integer });
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
        aria-describedby={bad ? errorId : undefined}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && valid(v) && v !== value) onChange(v);
        }}
        onBlur={() => {
          if (!bad) setText(null);
        }}
      />
      {bad && (
        <span className="dw-field__error" id={errorId} role="alert" data-testid={testId && `${testId}-error`}>
          {text?.trim() === '' ? 'Enter' : `${text} is not used: enter`} {rule}.
        </span>
      )}
    </label>
  );
}
