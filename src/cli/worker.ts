// A worker thread of the convert pool: reads one input file (or archive) and extracts its forms. Everything a
// file costs (parsing, pdf.js, SheetJS) runs here, off the main thread.
import { readFile } from 'node:fs/promises';
import { extractAll, type FileResult } from '../pipeline.js';
import { failure } from './failure.js';

export interface Task {
  abs: string;
  rel: string;
}

export default async function extract(task: Task): Promise<FileResult[]> {
  let buf: Buffer;
  try {
    buf = await readFile(task.abs);
  } catch (err) {
    return [failure(task.rel, 'read_error', err instanceof Error ? err.message : String(err))];
  }
  return extractAll(buf, task.rel);
}
