/** PDF reader (placeholder until the pdfjs reader lands). */
import type { ReaderOutput } from './index.ts';
import { DocumentError } from '../errors.ts';

export async function readPdf(_buf: Buffer, path: string): Promise<ReaderOutput> {
  throw new DocumentError('UNSUPPORTED_FORMAT', `${path}: PDF reading is not implemented yet`);
}
