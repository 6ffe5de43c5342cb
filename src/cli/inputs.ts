// Expands the command line's inputs into files, each with the path recorded in source.file:
// relative to the folder given (recursive, sorted), or the file's own name for a file given.
// What cannot be read as a file (a folder that cannot be listed, a link to a folder already
// read, a fifo or a device) is an input too, carrying its reason, so that the manifest lists it.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { notAnInput } from '../ingest/names.js';

export interface InputFile {
  /** Absolute path on disk. */
  abs: string;
  /** Path relative to the input root, with forward slashes. */
  rel: string;
  /** Why the path is listed but not read (read_error, not_a_file). */
  error?: { code: 'read_error' | 'not_a_file'; message: string };
}

interface Walk {
  out: InputFile[];
  /** Real paths not to read (the output folder). */
  skip: ReadonlySet<string>;
  /** Real paths of the folders being read, from the root down: a link back to one is a loop. */
  open: Set<string>;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

const relOf = (root: string, abs: string): string =>
  path.relative(root, abs).split(path.sep).join('/') || path.basename(abs);

async function walk(root: string, dir: string, w: Walk): Promise<void> {
  const real = await realpath(dir).catch(() => dir);
  // (a folder given as input is read even when it is the output folder: its own results are left
  // out by their paths)
  if (dir !== root && w.skip.has(real)) return;
  if (w.open.has(real)) {
    w.out.push({
      abs: dir,
      rel: relOf(root, dir),
      error: {
        code: 'not_a_file',
        message: 'A link to a folder that holds it (a loop); not read again.',
      },
    });
    return;
  }
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    w.out.push({
      abs: dir,
      rel: relOf(root, dir),
      error: { code: 'read_error', message: `The folder cannot be read: ${errorText(err)}` },
    });
    return;
  }
  w.open.add(real);
  for (const e of entries) {
    if (notAnInput(e.name)) continue;
    const abs = path.join(dir, e.name);
    if (w.skip.has(abs)) continue;
    const rel = relOf(root, abs);
    if (e.isDirectory()) await walk(root, abs, w);
    else if (e.isFile()) w.out.push({ abs, rel });
    else if (e.isSymbolicLink()) {
      // a link to a file is an input, a link to a folder is read (a loop is listed, not
      // followed); a dangling link is an input too, so that the manifest lists it (read_error)
      const target = await stat(abs).catch(() => null);
      if (target?.isDirectory()) await walk(root, abs, w);
      else if (target === null || target.isFile()) w.out.push({ abs, rel });
      else w.out.push(notAFile(abs, rel));
    } else w.out.push(notAFile(abs, rel));
  }
  w.open.delete(real);
}

/** A fifo, socket or device: reading one may never end, so it is listed and not read. */
function notAFile(abs: string, rel: string): InputFile {
  return {
    abs,
    rel,
    error: {
      code: 'not_a_file',
      message: 'Not a regular file (a fifo, socket or device); not read.',
    },
  };
}

function byPath(a: InputFile, b: InputFile): number {
  return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0;
}

/**
 * Files of all inputs, deterministic order; throws for an input that does not exist. Folders in
 * `exclude` (the output folder, when it lies inside an input folder, by whatever path it is
 * reached) are not read.
 */
export async function collectInputs(
  inputs: string[],
  exclude: string[] = [],
): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const skip = new Set<string>();
  for (const d of exclude) {
    skip.add(path.resolve(d));
    skip.add(await realpath(d).catch(() => path.resolve(d)));
  }
  for (const input of inputs) {
    const abs = path.resolve(input);
    const st = await stat(abs);
    if (st.isDirectory()) await walk(abs, abs, { out: files, skip, open: new Set() });
    else if (st.isFile()) files.push({ abs, rel: path.basename(abs) });
    else files.push(notAFile(abs, path.basename(abs)));
  }
  const seen = new Set<string>();
  return files.sort(byPath).filter((f) => (seen.has(f.abs) ? false : (seen.add(f.abs), true)));
}
