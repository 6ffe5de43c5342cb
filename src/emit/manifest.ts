// One manifest line per file converted (an archive's entries each have their own), and one
// journal line per input given on the command line, written once all of its files are.
import type { FileResult } from '../model/result.js';

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

/**
 * An input (a file, or an archive with all its entries) that was converted completely: the line
 * in inputs.jsonl that `--resume` and `merge` rely on. `failed` counts its files that failed.
 */
export interface InputEntry {
  input: string;
  sha256: string;
  files: number;
  forms: number;
  failed: number;
}

/**
 * The input a manifest or record path belongs to: the path itself, or the archive (or folder
 * inside an archive) it lies in, `a.zip` for `a.zip/inner/b.pdf`. Returns the first prefix at a
 * `/` boundary that `inputs` holds.
 */
export function ownerOf(file: string, inputs: ReadonlySet<string>): string | null {
  if (inputs.has(file)) return file;
  for (let i = file.indexOf('/'); i !== -1; i = file.indexOf('/', i + 1)) {
    const prefix = file.slice(0, i);
    if (inputs.has(prefix)) return prefix;
  }
  return null;
}
