/** What a typed row became: the numbers, or what is wrong with it in plain words. */
export type ParsedRow = { values: number[] } | { error: string };

/**
 * One value per field (a feature each, named), as typed: every field must hold one number
 * ("1.5", "-2e-3", "1,5" with a decimal comma).
 */
export function parseFields(fields: readonly string[], names: readonly string[]): ParsedRow {
  const values: number[] = [];
  for (let i = 0; i < fields.length; i++) {
    const text = fields[i].trim();
    const name = names[i] ?? `value ${i + 1}`;
    if (!text) return { error: `Type a number for ${name}.` };
    const v = toNumber(text);
    if (v === null) return { error: `"${text}" (${name}) is not a number. Type digits, like 1.5 or -0.2.` };
    values.push(v);
  }
  return { values };
}

/**
 * A pasted row of `count` numbers, separated by commas, semicolons, tabs or spaces (a CSV line or a
 * spreadsheet's row). Says which entry is not a number, or how many there were.
 */
export function parseRow(text: string, count: number): ParsedRow {
  const parts = text
    .trim()
    .split(/[\s,;]+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return { error: `Type or paste ${count} numbers, separated by commas or spaces.` };
  const values: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const v = toNumber(parts[i]);
    if (v === null) return { error: `Entry ${i + 1}, "${parts[i]}", is not a number.` };
    values.push(v);
  }
  if (values.length !== count)
    return {
      error: `The network takes ${count} numbers, but this row has ${values.length}. ${values.length < count ? 'Add the missing ones.' : 'Remove the extra ones.'}`,
    };
  return { values };
}

function toNumber(text: string): number | null {
  const t = /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}
