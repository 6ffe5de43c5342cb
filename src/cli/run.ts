// Converting one input given on the command line (a file, or an archive with all its entries),
// in this thread or in a worker thread.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extractAll, type FileResult } from '../pipeline.js';
import { failure } from './failure.js';

export interface Task {
  abs: string;
  rel: string;
}

/** An input's results, with the sha256 of the input file itself (an archive's, for an archive). */
export interface Converted {
  sha256: string;
  results: FileResult[];
}

export async function convertInput(task: Task): Promise<Converted> {
  let buf: Buffer;
  try {
    buf = await readFile(task.abs);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { sha256: '', results: [failure(task.rel, 'read_error', message)] };
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  return { sha256, results: await extractAll(buf, task.rel) };
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
