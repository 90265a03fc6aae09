/** DOCX reader (placeholder until the mammoth reader lands). */
import type { ReaderOutput, IngestLimits } from './index.ts';
import { DocumentError } from '../errors.ts';

export async function readDocx(_buf: Buffer, path: string, _limits: IngestLimits): Promise<ReaderOutput> {
  throw new DocumentError('UNSUPPORTED_FORMAT', `${path}: DOCX reading is not implemented yet`);
}
