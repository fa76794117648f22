import { useState } from 'react';
import { parseFields, parseRow } from './rowInput';

/** Up to this many values get a field each; longer inputs (a light curve) take a pasted row. */
const MAX_FIELDS = 24;

/** Typed values: one named field per feature, or one box for a long row; refused in plain words. */
export function RowInput({
  count,
  names,
  onInput,
  onError,
}: {
  count: number;
  names: readonly string[];
  onInput(values: number[]): void;
  onError(message: string): void;
}) {
  const [fields, setFields] = useState<string[]>(() => Array.from({ length: count }, () => ''));
  const [text, setText] = useState('');
  const perField = count <= MAX_FIELDS;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = perField ? parseFields(fields, names) : parseRow(text, count);
    if ('error' in parsed) onError(parsed.error);
    else onInput(parsed.values);
  };
  return (
    <form className="dw-try__row" onSubmit={submit} data-testid="try-row">
      {perField ? (
        <div className="dw-try__fields">
          {fields.map((v, i) => (
            <label key={i}>
              <span>{names[i]}</span>
              <input
                className="dw-input dw-mono"
                inputMode="decimal"
                value={v}
                onChange={(e) => setFields(fields.map((f, j) => (j === i ? e.target.value : f)))}
              />
            </label>
          ))}
        </div>
      ) : (
        <label className="dw-try__paste">
          <span>{count} numbers, separated by commas or spaces (paste a row of your data)</span>
          <textarea className="dw-input dw-mono" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
      )}
      <button type="submit" className="dw-button dw-button--primary" data-testid="try-row-submit">
        Predict
      </button>
    </form>
  );
}
