// Converting one unit of work (a file, or an entry of an archive given as input), on a worker
// thread of the convert pool.
import { createHash } from 'node:crypto';
import { emitResults, type Converted } from '../emit/output.js';
import { extractAll, readInputFile } from '../pipeline.js';
import type { FsPath } from './inputs.js';

export type { Converted } from '../emit/output.js';

export interface Task {
  /** The path recorded in source.file. */
  rel: string;
  /** The output folder, where the record files are written. */
  out: string;
  /** A file on disk (a path's bytes when a name is not UTF-8) … */
  abs?: FsPath;
  /** … or the bytes of an archive entry, read by the main thread. */
  bytes?: Uint8Array;
  /** An archive entry's sha256 and first bytes, taken before its bytes go to a worker. */
  sha256?: string;
  head?: Buffer;
}

/**
 * Converts one unit (a file, or an entry of an archive given as input) and writes its record
 * files here in the worker thread (file writes are slow next to conversion; the main thread only
 * appends the lines). The sha256 is that of the file or entry itself.
 */
export async function convertInput(task: Task): Promise<Converted> {
  let buf: Buffer;
  if (task.bytes) {
    buf = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  } else {
    const read = readInputFile(diskPath(task.abs!), task.rel);
    if (!Buffer.isBuffer(read)) return emitResults(task.out, read.sha256, [read]);
    buf = read;
  }
  // an archive entry sits one archive deep: archives inside it are opened up to the depth limit
  const results = await extractAll(buf, task.rel, task.bytes ? 1 : 0);
  // a document's own result carries its sha256; an archive's results are those of its entries
  const own = results.length === 1 && results[0]!.file === task.rel ? results[0]!.sha256 : '';
  const sha256 = own || createHash('sha256').update(buf).digest('hex');
  return emitResults(task.out, sha256, results);
}

/** A path's bytes arrive in the worker as a plain Uint8Array (structured clone): a Buffer again. */
export function diskPath(abs: FsPath): FsPath {
  return typeof abs === 'string' ? abs : Buffer.from(abs.buffer, abs.byteOffset, abs.byteLength);
}
