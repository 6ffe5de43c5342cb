// The library API: extract records from a file or a buffer, with the record's schema and types.
import path from 'node:path';
import { extractBuffer as extractFromBuffer, readInputFile, type FileResult } from './pipeline.js';

export type { FileResult, FileStatus, FileError } from './pipeline.js';
export * from './normalize/schema.js';

export interface ExtractOptions {
  /** The name recorded in source.file; defaults to the path relative to `root`, or the base name. */
  file?: string;
  /** Folder that source.file is relative to. */
  root?: string;
}

/** Extracts every form in a file held in memory. */
export async function extractBuffer(
  buf: Buffer | Uint8Array,
  options: { file?: string } = {},
): Promise<FileResult> {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return extractFromBuffer(b, options.file ?? 'input');
}

/** Reads a file and extracts every form in it; a file that cannot be read is a `read_error` result. */
export async function extractFile(
  filePath: string,
  options: ExtractOptions = {},
): Promise<FileResult> {
  const file =
    options.file ??
    (options.root
      ? path.relative(options.root, filePath).split(path.sep).join('/')
      : path.basename(filePath));
  // a file larger than any form is refused from its size (file_too_large), not read
  const read = readInputFile(filePath, file);
  return Buffer.isBuffer(read) ? extractFromBuffer(read, file) : read;
}
