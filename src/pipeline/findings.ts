/** The findings stored with a document: the parser's content messages and the reconciliation checks. */
import type { ExtractedDocument } from '../types.ts';
import type { Rules } from '../rules/index.ts';
import type { Finding } from '../store/write.ts';
import { reconcile } from '../validate/reconcile.ts';

export function findingsFor(doc: ExtractedDocument, rules: Rules): Finding[] {
  const messages: Finding[] = doc.messages
    // The reconciliation says the same as NO_CONSEQUENCES_TABLE, with its own code.
    .filter((m) => m.code !== 'NO_CONSEQUENCES_TABLE')
    .map((m) => ({ proposalSeq: m.proposalSeq ?? null, code: m.code, severity: m.severity, message: m.message }));
  return [...messages, ...reconcile(doc, rules)];
}
