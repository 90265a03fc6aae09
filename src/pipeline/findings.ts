/** Findings stored with a document: for now the content messages of the parser (reconciliation comes next). */
import type { ExtractedDocument } from '../types.ts';
import type { Finding } from '../store/write.ts';

export function findingsFor(doc: ExtractedDocument): Finding[] {
  return doc.messages.map((m) => ({
    proposalSeq: m.proposalSeq ?? null,
    code: m.code,
    severity: m.severity,
    message: m.message,
  }));
}
