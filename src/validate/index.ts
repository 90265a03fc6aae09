/** Validate: schema checks on every record. Reconciliation findings build on this. */
import type { ExtractedDocument } from '../types.ts';
import { DocumentError } from '../errors.ts';
import { overviewSchema, proposalSchema } from './schemas.ts';

export { proposalSchema, overviewSchema, budgetLineSchema } from './schemas.ts';

/** Throws INVALID_RECORD naming the record and field when any record breaks its schema. */
export function validateDocument(doc: ExtractedDocument, path: string): void {
  if (doc.overview) {
    const r = overviewSchema.safeParse(doc.overview);
    if (!r.success) throw new DocumentError('INVALID_RECORD', `${path}: overview: ${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
  }
  for (const p of doc.proposals) {
    const r = proposalSchema.safeParse(p);
    if (!r.success) {
      const i = r.error.issues[0]!;
      throw new DocumentError('INVALID_RECORD', `${path}: proposal ${p.seq}${p.bcNumber ? ` (${p.bcNumber})` : ''}: ${i.path.join('.')}: ${i.message}`);
    }
  }
}
