/** The findings stored with a document: the parser's content messages and the reconciliation checks. */
import type { ExtractedDocument } from '../types.ts';
import type { Rules } from '../rules/index.ts';
import type { Finding } from '../store/write.ts';
import { reconcile } from '../validate/reconcile.ts';

export function findingsFor(doc: ExtractedDocument, rules: Rules): Finding[] {
  const messages: Finding[] = doc.messages.map((m) => ({ proposalSeq: m.proposalSeq ?? null, code: m.code, severity: m.severity, tableKind: m.tableKind ?? null, year: m.year ?? null, message: m.message }));
  return [...messages, ...reconcile(doc, rules)];
}
