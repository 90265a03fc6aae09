/**
 * Ingest: one file -> the block model (paragraphs and tables with cells and pages).
 * The format is detected from the content; a name that disagrees gives a warning, not a failure.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Block, IngestedDocument, Message } from '../types.ts';
import { DocumentError } from '../errors.ts';
import { detectFormat, formatFromName } from './detect.ts';
import { decodeText, txtToBlocks } from './txt.ts';
import { linkToNothingOn } from './reach.ts';

export { detectFormat, formatFromName } from './detect.ts';
export { decodeText, txtToBlocks } from './txt.ts';

export interface IngestLimits {
  /** Largest input file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest text file accepted, in bytes: no proposal comes near it. */
  maxTextBytes: number;
  /** Largest total uncompressed size of a DOCX, in bytes (zip bombs). */
  maxDocxUncompressedBytes: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxTextBytes: 5 * 1024 * 1024,
  maxDocxUncompressedBytes: 100 * 1024 * 1024,
};

export interface ReaderOutput {
  blocks: Block[];
  pages: number | null;
  messages: Message[];
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

export async function readInput(path: string, limits: IngestLimits = DEFAULT_LIMITS): Promise<Buffer> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      // gone, unless a link on its path leads to nothing (a share that is not mounted): then out of reach
      const link = linkToNothingOn(path);
      if (link) throw new DocumentError('UNREADABLE', `${path}: cannot be read: the link ${link} on its path leads to nothing (a share that is not mounted?)`);
      throw new DocumentError('NOT_FOUND', `${path}: no such file`);
    }
    // there, or not known to be gone, but out of reach: EACCES on a stat is a folder on the way that may not be entered
    const why = code === 'EACCES' || code === 'EPERM' ? 'a folder on its path cannot be read' : 'it cannot be reached';
    throw new DocumentError('UNREADABLE', `${path}: cannot be read: ${why} (${(e as Error).message})`);
  }
  if (!st.isFile()) throw new DocumentError('UNREADABLE', `${path}: not a regular file`);
  if (st.size > limits.maxFileBytes)
    throw new DocumentError('TOO_LARGE', `${path}: ${st.size} bytes is more than the limit of ${limits.maxFileBytes}`);
  try {
    return await readFile(path);
  } catch (e) {
    throw new DocumentError('UNREADABLE', `${path}: cannot be read (${(e as Error).message})`);
  }
}

/** The warning for a file whose name says another format than its content, or null when they agree. */
export function formatNameMismatch(path: string, format: string): Message | null {
  const named = formatFromName(path);
  if (!named || named === format) return null;
  return {
    code: 'FORMAT_NAME_MISMATCH',
    severity: 'warning',
    message: `${path}: named .${named} but the content is ${format.toUpperCase()}; read as ${format.toUpperCase()}`,
    actual: format,
    expected: named,
  };
}

/** Parses the bytes of one document into blocks. Throws DocumentError for a file that cannot be read. */
export async function ingestBuffer(buf: Buffer, path: string, limits: IngestLimits = DEFAULT_LIMITS): Promise<IngestedDocument> {
  if (buf.length === 0) throw new DocumentError('EMPTY_FILE', `${path}: the file is empty (0 bytes)`);
  const format = detectFormat(buf)!;
  const messages: Message[] = [];
  const mismatch = formatNameMismatch(path, format);
  if (mismatch) messages.push(mismatch);
  let out: ReaderOutput;
  if (format === 'pdf') {
    const { readPdf } = await import('./pdf.ts');
    out = await readPdf(buf, path);
  } else if (format === 'docx') {
    const { readDocx } = await import('./docx.ts');
    out = await readDocx(buf, path, limits);
  } else {
    if (buf.length > limits.maxTextBytes)
      throw new DocumentError('TOO_LARGE', `${path}: a ${buf.length}-byte text file is far larger than any proposal (limit ${limits.maxTextBytes})`);
    let text: string;
    try {
      text = decodeText(buf, path);
    } catch (e) {
      // bytes that are no text, in a file named .pdf or .docx: neither what its name says nor text
      if (!(e instanceof DocumentError && e.code === 'BINARY_FILE' && mismatch)) throw e;
      const named = mismatch.expected;
      throw new DocumentError('BINARY_FILE', `${path}: named .${named}, but the content is not ${named === 'pdf' ? 'a PDF' : 'a Word document'}, nor text (contains NUL bytes)`);
    }
    out = { blocks: txtToBlocks(text), pages: null, messages: [] };
  }
  return { path, format, sha256: sha256(buf), pages: out.pages, blocks: out.blocks, messages: [...messages, ...out.messages] };
}

export async function ingestFile(path: string, limits: IngestLimits = DEFAULT_LIMITS): Promise<IngestedDocument> {
  return ingestBuffer(await readInput(path, limits), path, limits);
}
