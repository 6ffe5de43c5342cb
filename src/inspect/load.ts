// Reading the records of a run for `diff` and `review`: an output folder of `convert`, a
// forms.jsonl file, or one record's JSON file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readJsonl } from '../emit/jsonl.js';
import type { ManifestEntry } from '../emit/manifest.js';
import { FORMS, MANIFEST } from '../emit/output.js';
import type { FormRecord } from '../normalize/schema.js';

export class InspectError extends Error {}

/**
 * A record kept as its JSON text (a run of 10,000 forms holds far less memory as text than as
 * objects), with what pairing needs read out of it. `parse` gives the record.
 */
export interface Item {
  file: string;
  formIndex: number;
  name: string | null;
  fiscalYear: number | null;
  text: string;
}

export const parse = (item: Item): FormRecord => JSON.parse(item.text) as FormRecord;

function item(record: FormRecord, text: string): Item {
  return {
    file: record.source.file,
    formIndex: record.source.form_index,
    name: record.fields?.name ?? null,
    fiscalYear: record.fiscal_year ?? null,
    text,
  };
}

/** One side of a comparison. */
export interface Run {
  /** What was given on the command line. */
  label: string;
  /** Records in file order. */
  items: Item[];
  /** The manifest, when the side is an output folder. */
  manifest: ManifestEntry[] | null;
  /** Lines of a JSON Lines file that were cut short or unreadable, left out. */
  unreadable: number;
}

function isRecord(value: unknown): value is FormRecord {
  const r = value as FormRecord | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.source === 'object' &&
    r.source !== null &&
    typeof r.source.file === 'string' &&
    Array.isArray(r.indicators)
  );
}

function jsonlItems(file: string, label: string): { items: Item[]; unreadable: number } {
  const bad = { count: 0 };
  const items: Item[] = [];
  for (const { value, text } of readJsonl<unknown>(file, bad)) {
    if (isRecord(value)) items.push(item(value, text));
    else bad.count++;
  }
  if (items.length === 0 && bad.count > 0) {
    throw new InspectError(`${label} holds no form record (${bad.count} line(s) unreadable).`);
  }
  return { items, unreadable: bad.count };
}

/** Loads a run from a folder, a .jsonl file or a single record's .json file. */
export function loadRun(input: string): Run {
  if (!existsSync(input)) throw new InspectError(`${input} does not exist.`);
  if (statSync(input).isDirectory()) {
    const forms = path.join(input, FORMS);
    if (!existsSync(forms)) {
      throw new InspectError(`${input} is not an output folder of convert (no ${FORMS}).`);
    }
    const { items, unreadable } = jsonlItems(forms, input);
    const manifest = [...readJsonl<ManifestEntry>(path.join(input, MANIFEST))].map((l) => l.value);
    return { label: input, items, manifest, unreadable };
  }
  const text = readFileSync(input, 'utf8');
  if (input.endsWith('.jsonl')) {
    return { label: input, ...jsonlItems(input, input), manifest: null };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InspectError(`${input} is not JSON: ${(err as Error).message}`);
  }
  const records = Array.isArray(value) ? value : [value];
  if (records.length === 0 || !records.every(isRecord)) {
    throw new InspectError(`${input} is not a form record.`);
  }
  const items = records.map((r) => item(r, JSON.stringify(r)));
  return { label: input, items, manifest: null, unreadable: 0 };
}
