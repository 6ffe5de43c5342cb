// Converting one input given on the command line (a file, or an archive with all its entries),
// in this thread or in a worker thread.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { emitResults, type Converted } from '../emit/output.js';
import { extractAll } from '../pipeline.js';
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
export async function convertInput(task: Task): Promise<Converted> {
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
