// Expands the command line's inputs into files, each with the path recorded in source.file:
// relative to the folder given (recursive, sorted), or the file's own name for a file given.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { notAnInput } from '../ingest/names.js';

export interface InputFile {
  /** Absolute path on disk. */
  abs: string;
  /** Path relative to the input root, with forward slashes. */
  rel: string;
}

async function walk(
  root: string,
  dir: string,
  out: InputFile[],
  skip: ReadonlySet<string>,
): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (notAnInput(e.name)) continue;
    const abs = path.join(dir, e.name);
    if (skip.has(abs)) continue;
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (e.isDirectory()) await walk(root, abs, out, skip);
    else if (e.isFile()) out.push({ abs, rel });
    else if (e.isSymbolicLink()) {
      // a link to a file is an input; a dangling or looping link is one too, so that the
      // manifest lists it (read_error) instead of the batch stopping. Links to folders are not
      // followed (a link to a parent would never end).
      const target = await stat(abs).catch(() => null);
      if (target === null || target.isFile()) out.push({ abs, rel });
    }
  }
}

function byPath(a: InputFile, b: InputFile): number {
  return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0;
}

/**
 * Files of all inputs, deterministic order; throws for an input that does not exist. Folders in
 * `exclude` (the output folder, when it lies inside an input folder) are not read.
 */
export async function collectInputs(
  inputs: string[],
  exclude: string[] = [],
): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const skip = new Set(exclude.map((d) => path.resolve(d)));
  for (const input of inputs) {
    const abs = path.resolve(input);
    const st = await stat(abs);
    if (st.isDirectory()) await walk(abs, abs, files, skip);
    else files.push({ abs, rel: path.basename(abs) });
  }
  const seen = new Set<string>();
  return files.sort(byPath).filter((f) => (seen.has(f.abs) ? false : (seen.add(f.abs), true)));
}
