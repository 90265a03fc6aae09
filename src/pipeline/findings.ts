/** The findings stored with a document: the parser's content messages and the reconciliation checks. */
import type { ExtractedDocument } from '../types.ts';
import type { Rules } from '../rules/index.ts';
import type { Finding } from '../store/write.ts';
import { reconcile } from '../validate/reconcile.ts';

/** A message's expected or actual value, where it is a number (findings.expected/actual are numbers; text stays in the message). */
function numeric(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function findingsFor(doc: ExtractedDocument, rules: Rules): Finding[] {
  const messages: Finding[] = doc.messages.map((m) => ({
    proposalSeq: m.proposalSeq ?? null,
    code: m.code,
    severity: m.severity,
    tableKind: m.tableKind ?? null,
    year: m.year ?? null,
    expected: numeric(m.expected),
    actual: numeric(m.actual),
    message: m.message,
  }));
  return [...messages, ...reconcile(doc, rules)];
}
