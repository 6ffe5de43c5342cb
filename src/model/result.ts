// The outcome for one input file (its manifest entry and its records), and the result recorded
// for a file that could not be extracted at all. Kept apart from the pipeline so that the main
// thread of `convert`, which only writes what the worker threads extract, does not load the
// format readers.
import type { DetectedFormat } from '../ingest/detect.js';
import type { FormRecord } from '../normalize/schema.js';

export type FileStatus = 'ok' | 'failed' | 'skipped' | 'empty';

export interface FileError {
  code: string;
  message: string;
}

/** The outcome for one input file: its manifest entry and its records. */
export interface FileResult {
  file: string;
  sha256: string;
  format: DetectedFormat;
  status: FileStatus;
  forms: number;
  error: FileError | null;
  duration_ms: number;
  records: FormRecord[];
}

/** The result recorded for a file that could not be extracted at all (unreadable, timed out …). */
export function failure(
  file: string,
  code: string,
  message: string,
  status: FileStatus = 'failed',
  format: DetectedFormat = 'unknown',
): FileResult {
  return {
    file,
    sha256: '',
    format,
    status,
    forms: 0,
    error: { code, message },
    duration_ms: 0,
    records: [],
  };
}
