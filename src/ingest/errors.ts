// The one exception ingest throws: input that cannot be read as a document at all.
// Doubtful content never throws; it becomes an IngestNote. The batch turns these into manifest entries.

/** Stable, snake_case codes carried by IngestError (the batch may add its own). */
export const INGEST_ERROR_CODES = {
  /** The file has no bytes, or only whitespace. */
  empty_file: 'empty_file',
  /** The file is readable but is not a document a form could live in (random bytes, an image …). */
  not_a_form_document: 'not_a_form_document',
  /** The bytes cannot be decoded as text in any plausible encoding. */
  undecodable_text: 'undecodable_text',
  /** The file is password-protected / encrypted. */
  encrypted: 'encrypted',
  /** The container is damaged (truncated zip, broken PDF …). */
  corrupt_container: 'corrupt_container',
  /** A PDF whose pages are images only (a scan). */
  no_text_layer: 'no_text_layer',
  /** A file that took longer to read than its time limit. */
  timeout: 'timeout',
  /** A PDF whose text is all in fonts with no usable Unicode mapping. */
  unmapped_font: 'unmapped_font',
} as const;

export type IngestErrorCode = keyof typeof INGEST_ERROR_CODES;

export class IngestError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}
