// Converting one unit of work (a file, or an entry of an archive given as input), in this thread
// or in a worker thread.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { emitResults, type Converted } from '../emit/output.js';
import { extractAll } from '../pipeline.js';
import { failure } from './failure.js';

export type { Converted } from '../emit/output.js';

export interface Task {
  /** The path recorded in source.file. */
  rel: string;
  /** The output folder, where the record files are written. */
  out: string;
  /** A file on disk … */
  abs?: string;
  /** … or the bytes of an archive entry, read by the main thread. */
  bytes?: Uint8Array;
}

/**
 * Converts one unit (a file, or an entry of an archive given as input) and writes its record
 * files (in the worker thread, when there is one: file writes are slow next to conversion, and
 * the main thread only appends the lines). The sha256 is that of the file or entry itself.
 */
export async function convertInput(task: Task): Promise<Converted> {
  let buf: Buffer;
  if (task.bytes) {
    buf = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  } else {
    try {
      buf = await readFile(task.abs!);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return emitResults(task.out, '', [failure(task.rel, 'read_error', message)]);
    }
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  // an archive entry sits one archive deep: archives inside it are opened up to the depth limit
  return emitResults(task.out, sha256, await extractAll(buf, task.rel, task.bytes ? 1 : 0));
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
