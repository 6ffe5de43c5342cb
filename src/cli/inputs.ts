// Expands the command line's inputs into files, each with the path recorded in source.file:
// relative to the folder given (recursive, sorted), or the file's own name for a file given.
// What cannot be read as a file (a folder that cannot be listed, a link to a folder already
// read, a fifo or a device) is an input too, carrying its reason, so that the manifest lists it.
// Names are read as bytes: a name that is not UTF-8 (copied from a Chinese Windows disk, or
// unpacked from a GBK zip by a tool that kept the bytes) is read as GBK for source.file, and the
// file is opened by its bytes.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { notAnInput } from '../ingest/names.js';
import { decodeName } from '../ingest/zip.js';

/** A path on disk: a string, or the bytes of a path with a name that is not UTF-8. */
export type FsPath = string | Buffer;

/** A path as one string for sets, maps and ordering (its bytes, one character each). */
export function pathKey(p: FsPath): string {
  return (typeof p === 'string' ? Buffer.from(p) : p).toString('latin1');
}

/** A path for messages (a name that is not UTF-8 shown with replacement characters). */
export function pathText(p: FsPath): string {
  return typeof p === 'string' ? p : p.toString('utf8');
}

export interface InputFile {
  /** Absolute path on disk. */
  abs: FsPath;
  /** Path relative to the input root, with forward slashes. */
  rel: string;
  /** Why the path is listed but not read (read_error, not_a_file). */
  error?: { code: 'read_error' | 'not_a_file'; message: string };
}

interface Walk {
  out: InputFile[];
  /** Paths not to read (the output folder), real and as given, as pathKey. */
  skip: ReadonlySet<string>;
  /** Real paths (pathKey) of the folders being read, from the root down: a link back to one is a loop. */
  open: Set<string>;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A folder's entry: a string path when the folder's and the name's bytes are UTF-8, else bytes. */
function childPath(dir: FsPath, name: Buffer): FsPath {
  if (typeof dir === 'string') {
    try {
      return path.join(dir, utf8.decode(name));
    } catch {
      // not UTF-8: the path stays bytes
    }
  }
  const base = typeof dir === 'string' ? Buffer.from(dir) : dir;
  return Buffer.concat([base, Buffer.from(path.sep), name]);
}

/**
 * Reads folder `dir`, whose path relative to the input folder is `rel` ('' for the input folder
 * itself, whose own name `rel` then falls back to for messages about it).
 */
async function walk(dir: FsPath, rel: string, w: Walk): Promise<void> {
  const real = pathKey(await realpath(dir, { encoding: 'buffer' }).catch(() => dir));
  const self = rel || path.basename(pathText(dir));
  // (a folder given as input is read even when it is the output folder: its own results are left
  // out by their paths)
  if (rel !== '' && w.skip.has(real)) return;
  if (w.open.has(real)) {
    w.out.push({
      abs: dir,
      rel: self,
      error: {
        code: 'not_a_file',
        message: 'A link to a folder that holds it (a loop); not read again.',
      },
    });
    return;
  }
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (err) {
    w.out.push({
      abs: dir,
      rel: self,
      error: { code: 'read_error', message: `The folder cannot be read: ${errorText(err)}` },
    });
    return;
  }
  w.open.add(real);
  for (const e of entries) {
    const name = decodeName(e.name);
    if (notAnInput(name)) continue;
    const abs = childPath(dir, e.name);
    if (w.skip.has(pathKey(abs))) continue;
    const relPath = rel === '' ? name : `${rel}/${name}`;
    if (e.isDirectory()) await walk(abs, relPath, w);
    else if (e.isFile()) w.out.push({ abs, rel: relPath });
    else if (e.isSymbolicLink()) {
      // a link to a file is an input, a link to a folder is read (a loop is listed, not
      // followed); a dangling link is an input too, so that the manifest lists it (read_error)
      const target = await stat(abs).catch(() => null);
      if (target?.isDirectory()) await walk(abs, relPath, w);
      else if (target === null || target.isFile()) w.out.push({ abs, rel: relPath });
      else w.out.push(notAFile(abs, relPath));
    } else w.out.push(notAFile(abs, relPath));
  }
  w.open.delete(real);
}

/** A fifo, socket or device: reading one may never end, so it is listed and not read. */
function notAFile(abs: FsPath, rel: string): InputFile {
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
  const [x, y] = [pathKey(a.abs), pathKey(b.abs)];
  return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : x < y ? -1 : x > y ? 1 : 0;
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
    skip.add(pathKey(path.resolve(d)));
    skip.add(pathKey(await realpath(d, { encoding: 'buffer' }).catch(() => path.resolve(d))));
  }
  for (const input of inputs) {
    const abs = path.resolve(input);
    const st = await stat(abs);
    if (st.isDirectory()) await walk(abs, '', { out: files, skip, open: new Set() });
    else if (st.isFile()) files.push({ abs, rel: path.basename(abs) });
    else files.push(notAFile(abs, path.basename(abs)));
  }
  const seen = new Set<string>();
  return files.sort(byPath).filter((f) => {
    const key = pathKey(f.abs);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
