// The result recorded for a file that could not be extracted at all (unreadable, timed out …).
import type { FileResult } from '../pipeline.js';

export function failure(file: string, code: string, message: string): FileResult {
  return {
    file,
    sha256: '',
    format: 'unknown',
    status: 'failed',
    forms: 0,
    error: { code, message },
    duration_ms: 0,
    records: [],
  };
}
