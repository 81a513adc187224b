// A list of name → value pairs (profile attributes to set, WhatsApp template variables). Rows are
// kept locally so a half-typed row (no name yet) does not vanish; only named rows are stored.
import { useEffect, useId, useState } from 'react';

type Row = { key: string; value: string };

function rowsOf(value: Record<string, unknown>): Row[] {
  return Object.entries(value).map(([key, v]) => ({
    key,
    value: typeof v === 'string' ? v : JSON.stringify(v),
  }));
}

export function KeyValueField<V>({
  label,
  keyLabel,
  valueLabel,
  value,
  onChange,
  parse,
}: {
  label: string;
  keyLabel: string;
  valueLabel: string;
  value: Record<string, V>;
  onChange: (value: Record<string, V>) => void;
  /** Turns the typed value into the stored one. */
  parse: (text: string) => V;
}) {
  const legendId = useId();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(value));
  const stored = JSON.stringify(value);
  useEffect(() => {
    setRows((current) => {
      const named = Object.fromEntries(
        current.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), parse(r.value)]),
      );
      return JSON.stringify(named) === stored
        ? current
        : rowsOf(JSON.parse(stored) as Record<string, unknown>);
    });
    // `parse` is a pure conversion: re-sync only when the stored value itself changes.
  }, [stored]);

  function commit(next: Row[]) {
    setRows(next);
    onChange(
      Object.fromEntries(next.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), parse(r.value)])),
    );
  }

  return (
    <fieldset className="key-values" aria-labelledby={legendId}>
      <legend id={legendId} className="field__label">
        {label}
      </legend>
      {rows.length === 0 && <p className="muted small">None.</p>}
      {rows.map((row, index) => (
        <div key={index} className="key-values__row">
          <input
            className="input"
            aria-label={`${label}: ${keyLabel.toLowerCase()} ${index + 1}`}
            placeholder={keyLabel}
            value={row.key}
            onChange={(event) =>
              commit(rows.map((r, i) => (i === index ? { ...r, key: event.target.value } : r)))
            }
          />
          <input
            className="input"
            aria-label={`${label}: ${valueLabel.toLowerCase()} ${index + 1}`}
            placeholder={valueLabel}
            value={row.value}
            onChange={(event) =>
              commit(rows.map((r, i) => (i === index ? { ...r, value: event.target.value } : r)))
            }
          />
          <button
            type="button"
            className="button button--small button--quiet"
            aria-label={`Remove ${keyLabel.toLowerCase()} ${index + 1}`}
            onClick={() => commit(rows.filter((_, i) => i !== index))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--small"
        onClick={() => setRows([...rows, { key: '', value: '' }])}
      >
        Add {keyLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}
