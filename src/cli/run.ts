// Converting one input given on the command line (a file, or an archive with all its entries),
// in this thread or in a worker thread.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { emitResults, type Converted } from '../emit/output.js';
import { zipFileFormat } from '../ingest/zip-file.js';
import { extractAll, extractArchiveFile } from '../pipeline.js';
import { failure } from './failure.js';

export type { Converted } from '../emit/output.js';

export interface Task {
  abs: string;
  rel: string;
  /** The output folder, where the record files are written. */
  out: string;
}

/**
 * Converts one input and writes its record files (in the worker thread, when there is one: file
 * writes are slow next to conversion, and the main thread only appends the lines). The sha256 is
 * the input file's own (an archive's, for an archive).
 */
export async function convertInput(
  task: Task,
  streamAbove = STREAM_ARCHIVES_ABOVE,
): Promise<Converted> {
  try {
    if ((await isZip(task.abs)) > streamAbove) {
      const format = await zipFileFormat(task.abs);
      if (format === 'zip') {
        const results = await extractArchiveFile(task.abs, task.rel);
        return emitResults(task.out, (await hashFile(task.abs)) ?? '', results);
      }
      // a Word or Excel package this large, or a zip whose directory cannot be read, is read as
      // any file is (and refused as too large, or as a damaged container)
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return emitResults(task.out, '', [failure(task.rel, 'read_error', message)]);
  }
  let buf: Buffer;
  try {
    buf = await readFile(task.abs);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return emitResults(task.out, '', [failure(task.rel, 'read_error', message)]);
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  return emitResults(task.out, sha256, await extractAll(buf, task.rel));
}

/**
 * Archives larger than this are read from disk entry by entry instead of whole: memory then
 * holds one entry, not the archive (a year of submissions in one zip can be gigabytes).
 */
export const STREAM_ARCHIVES_ABOVE = 64 * 2 ** 20;

/** The size of a file that starts like a zip archive, else -1. */
async function isZip(abs: string): Promise<number> {
  const handle = await open(abs, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.toString('latin1') === 'PK\x03\x04' ? (await handle.stat()).size : -1;
  } finally {
    await handle.close();
  }
}

/** The sha256 of a file on disk, read in chunks (for `--resume`, before deciding to convert). */
export async function hashFile(abs: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(abs)) hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest('hex');
}
