// Writes a batch's results into the output folder: forms.jsonl, manifest.jsonl and one
// pretty-printed JSON per form under forms/. Nothing is written outside the folder.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileResult } from '../pipeline.js';
import type { FormRecord } from '../normalize/schema.js';

export interface ManifestEntry {
  file: string;
  sha256: string;
  format: string;
  status: FileResult['status'];
  forms: number;
  error: FileResult['error'];
  duration_ms: number;
}

export function manifestEntry(r: FileResult): ManifestEntry {
  return {
    file: r.file,
    sha256: r.sha256,
    format: r.format,
    status: r.status,
    forms: r.forms,
    error: r.error,
    duration_ms: r.duration_ms,
  };
}

/** The path of a record's own JSON file, relative to the output folder. */
export function recordPath(record: FormRecord): string {
  const suffix = record.source.form_count > 1 ? `#${record.source.form_index}` : '';
  const safe = record.source.file
    .split(/[\\/]+/u)
    .filter((seg) => seg !== '' && seg !== '.' && seg !== '..')
    .join('/');
  return path.posix.join('forms', `${safe}${suffix}.json`);
}

/** Resolves `rel` inside `root`, refusing anything that would land outside it. */
function inside(root: string, rel: string): string {
  const full = path.resolve(root, rel);
  const base = path.resolve(root);
  if (full !== base && !full.startsWith(base + path.sep)) {
    throw new Error(`refusing to write outside the output folder: ${rel}`);
  }
  return full;
}

/** Writes all outputs of a batch; results must already be in their final order. */
export async function writeOutputs(outDir: string, results: FileResult[]): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const records = results.flatMap((r) => r.records);
  const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r) + '\n').join('');
  await writeFile(inside(outDir, 'forms.jsonl'), jsonl(records));
  await writeFile(inside(outDir, 'manifest.jsonl'), jsonl(results.map(manifestEntry)));
  for (const record of records) {
    const file = inside(outDir, recordPath(record));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(record, null, 2) + '\n');
  }
}
