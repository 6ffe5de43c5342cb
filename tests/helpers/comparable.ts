// The part of a record that must agree across formats (schema.md): everything but `source`,
// every `provenance`, and diagnostics of severity info.
import type { FormRecord } from '../../src/normalize/schema.js';

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'provenance') out[k] = strip(v);
    return out;
  }
  return value;
}

export function comparable(record: FormRecord): unknown {
  const { source: _source, ...rest } = record;
  return strip({ ...rest, diagnostics: rest.diagnostics.filter((d) => d.severity !== 'info') });
}
