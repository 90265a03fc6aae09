/**
 * The closed set of codes a document can fail with (documents.error_code), and the error that carries one.
 * Content problems inside a readable document are Messages (see types.ts), not errors.
 */
export const DOCUMENT_ERROR_CODES = [
  'NOT_FOUND',
  'UNREADABLE',
  'EMPTY_FILE',
  'BINARY_FILE',
  'TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'PDF_CORRUPT',
  'PDF_ENCRYPTED',
  'PDF_NO_TEXT',
  'DOCX_INVALID',
  'DOCX_TOO_LARGE',
  'TIMEOUT',
  'NO_PROPOSALS',
  'INVALID_RECORD',
  'INTERNAL_ERROR',
  'NOT_EXTRACTED_YET',
] as const;

export type DocumentErrorCode = (typeof DOCUMENT_ERROR_CODES)[number];

/**
 * Failures that say more about the run than about the file (the machine was busy past the time limit, a worker
 * died, a file edited since its earlier content turned up at another path and was not extracted in that run): the
 * next import or reextract tries such a file again instead of keeping the failure as its result.
 */
export const RUN_FAILURE_CODES: readonly DocumentErrorCode[] = ['TIMEOUT', 'INTERNAL_ERROR', 'NOT_EXTRACTED_YET'];
const RUN_FAILURES: ReadonlySet<string> = new Set(RUN_FAILURE_CODES);
export const isRunFailure = (code: string | null): boolean => code !== null && RUN_FAILURES.has(code);

export class DocumentError extends Error {
  constructor(
    readonly code: DocumentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}

/** Turns anything thrown while extracting one document into a DocumentError. */
export function asDocumentError(e: unknown): DocumentError {
  if (e instanceof DocumentError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new DocumentError('INTERNAL_ERROR', msg);
}
