import type { ColumnInfo, DataDescription } from '../../../../shared/data/description';
import type { DataPreview } from '../../../../shared/protocol/client';
import { classColor } from '../classColors';
import { ExampleImage, Sparkline } from '../activations/ExampleImage';
import { formatShape } from '../format';
import type { FileDataState } from './useFileData';

const number = (v: number) => v.toLocaleString('en-US');
const bytes = (n: number) =>
  n < 1024 ** 2
    ? `${Math.max(1, Math.round(n / 1024))} KB`
    : n < 1024 ** 3
      ? `${(n / 1024 ** 2).toFixed(1)} MB`
      : `${(n / 1024 ** 3).toFixed(2)} GB`;

/** How many examples each class has, as bars (a lopsided set is seen at once). */
function ClassBalance({ d }: { d: DataDescription }) {
  const classes = d.classes ?? [];
  const most = Math.max(1, ...classes.map((c) => c.count));
  return (
    <div className="dw-bars-wrap">
      <span className="dw-bars__title">Examples per class</span>
      <ul className="dw-bars" data-testid="class-balance" aria-label="Examples per class">
        {classes.map((c, k) => (
          <li key={c.name}>
            <span className="dw-bars__label" title={c.name}>
              {c.name}
            </span>
            <span className="dw-bars__track">
              <span
                className="dw-bars__fill"
                style={{ width: `${(c.count / most) * 100}%`, background: classColor(k) }}
              />
            </span>
            <span className="dw-bars__value dw-mono">{number(c.count)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const typeLabel = (c: ColumnInfo) =>
  c.type === 'category'
    ? `category (${c.categories?.length ?? 0})`
    : c.type === 'number' && c.width
      ? `number ×${c.width}`
      : c.type;

/** The first rows as the network gets them, under each column's name and type; the target marked. */
function TableRows({ d, rows }: { d: DataDescription; rows: NonNullable<DataPreview['rows']> }) {
  const byName = new Map((d.columns ?? []).map((c) => [c.name, c]));
  const left = (d.columns ?? []).filter(
    (c) => c.name !== d.target && !(d.features ?? []).some((f) => f.name === c.name),
  );
  return (
    <div className="dw-table-wrap">
      <table className="dw-datatable" data-testid="data-rows">
        <thead>
          <tr>
            {rows.columns.map((name) => (
              <th key={name} scope="col" className={name === d.target ? 'is-target' : undefined}>
                {name}
                <span className="dw-datatable__type">
                  {name === d.target ? 'target · ' : ''}
                  {byName.get(name) ? typeLabel(byName.get(name)!) : ''}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.values.map((row, i) => (
            <tr key={i}>
              {row.map((v, j) => (
                <td key={j} className={rows.columns[j] === d.target ? 'is-target' : undefined}>
                  {v === '' ? <span className="dw-muted">missing</span> : v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {left.length > 0 && (
        <p className="dw-doc" data-testid="left-out">
          Left out: {left.map((c) => `${c.name} (${c.type})`).join(', ')}.
        </p>
      )}
    </div>
  );
}

/** A few examples per class, drawn as the network sees them. */
function Thumbnails({ preview }: { preview: DataPreview }) {
  const d = preview.description;
  const examples = preview.examples ?? [];
  const label = (y: number | number[]) =>
    typeof y === 'number' ? (d.classes?.[y]?.name ?? String(y)) : y.map((v) => Number(v.toPrecision(3))).join(', ');
  if (!examples.some((e) => e.x)) return null;
  return (
    <ul className="dw-thumbs" data-testid="data-thumbnails">
      {examples.map((e, i) =>
        e.x ? (
          <li key={i}>
            {preview.kind === 'series' ? (
              <Sparkline values={e.x} width={120} />
            ) : (
              <ExampleImage x={e.x} shape={d.inputShape} label={label(e.y)} />
            )}
            <span className="dw-thumbs__label">{label(e.y)}</span>
          </li>
        ) : null,
      )}
    </ul>
  );
}

/**
 * What Deepwire read in the user's data: the facts (format, examples, shape, task), the classes and
 * how many of each, the first rows of a table or a few pictures per class, an array's type and
 * range, and what is wrong with it in plain words.
 */
export function FileDataPreview({ fileData }: { fileData: FileDataState }) {
  if (fileData.loading) return <p className="dw-muted">Reading your data…</p>;
  if (fileData.error)
    return (
      <div className="dw-preview" data-testid="file-preview">
        <p className="dw-error">{fileData.error.message}</p>
        {fileData.error.hint && <p className="dw-doc">{fileData.error.hint}</p>}
      </div>
    );
  const preview = fileData.preview;
  if (!preview) return <p className="dw-muted">Choose your data to see what Deepwire reads in it.</p>;
  const d = preview.description;
  return (
    <div className="dw-preview" data-testid="file-preview">
      <dl className="dw-facts">
        <div>
          <dt>Examples</dt>
          <dd data-testid="data-examples">{number(d.examples)}</dd>
        </div>
        <div>
          <dt>Example shape</dt>
          <dd className="dw-mono">{formatShape(d.inputShape)}</dd>
        </div>
        <div>
          <dt>Task</dt>
          <dd>
            {d.task === 'classification'
              ? `${d.classes?.length ?? '?'} classes`
              : `numbers (${(d.targetNames ?? [d.target ?? 'target']).join(', ')})`}
          </dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{bytes(d.bytes)}</dd>
        </div>
        {d.dtype && (
          <div>
            <dt>Stored as</dt>
            <dd className="dw-mono">{d.dtype}</dd>
          </div>
        )}
        {d.range && (
          <div>
            <dt>Values</dt>
            <dd className="dw-mono">
              {Number(d.range[0].toPrecision(4))} … {Number(d.range[1].toPrecision(4))}
            </dd>
          </div>
        )}
      </dl>
      {d.problems.length > 0 && (
        <ul className="dw-data-problems" data-testid="data-problems">
          {d.problems.map((p, i) => (
            <li key={i} className={p.severity === 'error' ? 'dw-error' : 'dw-warning'}>
              {p.message}
              {p.where ? ` (${p.where})` : ''}
              {p.hint ? <span className="dw-doc"> {p.hint}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {d.skipped ? <p className="dw-warning">{d.skipped} unreadable examples will be skipped.</p> : null}
      {d.task === 'classification' && d.classes && <ClassBalance d={d} />}
      {preview.rows && <TableRows d={d} rows={preview.rows} />}
      <Thumbnails preview={preview} />
    </div>
  );
}
