// The units of work of a run: each input file, except that a zip archive given as input (or found
// in a folder) is opened here and each of its entries becomes a unit of its own. The workers then
// share one large archive between them, an entry that hangs is stopped alone, memory holds the
// entries in flight rather than the archive, and --resume goes entry by entry.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Entry, ZipFile } from 'yauzl';
import { isZipArchive, listArchive, openArchive, readArchiveEntry } from '../ingest/zip-file.js';
import type { ArchiveEntry } from '../ingest/zip.js';
import { failure, type FileResult } from '../model/result.js';
import { pathKey, type FsPath, type InputFile } from './inputs.js';

export type Unit =
  | { kind: 'file'; rel: string; abs: FsPath }
  | { kind: 'entry'; rel: string; abs: FsPath; entry: Entry }
  | { kind: 'refused'; rel: string; result: FileResult };

/** The units of the inputs, in input order (an archive's entries in name order). */
export async function expandInputs(files: readonly InputFile[]): Promise<Unit[]> {
  const units: Unit[] = [];
  for (const f of files) {
    if (f.error) {
      const status = f.error.code === 'not_a_file' ? 'skipped' : 'failed';
      units.push({
        kind: 'refused',
        rel: f.rel,
        result: failure(f.rel, f.error.code, f.error.message, status),
      });
      continue;
    }
    if (!(await isZipArchive(f.abs))) {
      units.push({ kind: 'file', rel: f.rel, abs: f.abs });
      continue;
    }
    const { items } = await listArchive(f.abs, f.rel);
    if (items.length === 0) {
      const result = failure(
        f.rel,
        'empty_archive',
        'The zip archive holds no file.',
        'empty',
        'zip',
      );
      units.push({ kind: 'refused', rel: f.rel, result });
    }
    for (const item of items) {
      units.push(
        'entry' in item
          ? { kind: 'entry', rel: item.rel, abs: f.abs, entry: item.entry }
          : {
              kind: 'refused',
              rel: item.rel,
              result: failure(item.rel, item.error.code, item.error.message),
            },
      );
    }
  }
  return units;
}

/**
 * Open archives while their entries are read: each archive is opened at its first entry and
 * closed once its last entry is read, so only the archives in flight hold a file descriptor.
 */
export class Archives {
  private readonly open = new Map<string, { zip: Promise<ZipFile>; left: number }>();
  private readonly remaining = new Map<string, number>();

  constructor(units: readonly Unit[]) {
    for (const u of units) {
      if (u.kind !== 'entry') continue;
      const key = pathKey(u.abs);
      this.remaining.set(key, (this.remaining.get(key) ?? 0) + 1);
    }
  }

  /** Inflates an entry unit (each entry unit is read exactly once). */
  async read(unit: Extract<Unit, { kind: 'entry' }>): Promise<ArchiveEntry> {
    const key = pathKey(unit.abs);
    let slot = this.open.get(key);
    if (!slot) {
      slot = { zip: openArchive(unit.abs), left: this.remaining.get(key) ?? 1 };
      this.open.set(key, slot);
    }
    try {
      return await readArchiveEntry(await slot.zip, unit.rel, unit.entry);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { rel: unit.rel, error: { code: 'read_error', message } };
    } finally {
      if (--slot.left === 0) {
        this.open.delete(key);
        slot.zip.then((z) => z.close()).catch(() => undefined);
      }
    }
  }

  /** Closes what is still open (a run stopped early). */
  closeAll(): void {
    for (const slot of this.open.values()) slot.zip.then((z) => z.close()).catch(() => undefined);
    this.open.clear();
  }
}

/** The sha256 of an entry's bytes (for --resume), or null when it cannot be read. */
export async function entrySha256(
  archives: Archives,
  unit: Extract<Unit, { kind: 'entry' }>,
): Promise<string | null> {
  const read = await archives.read(unit);
  return 'buf' in read ? createHash('sha256').update(read.buf).digest('hex') : null;
}

/** The sha256 of a file on disk, read in chunks (for `--resume`, before deciding to convert). */
export async function hashFile(abs: FsPath): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(abs)) hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest('hex');
}
