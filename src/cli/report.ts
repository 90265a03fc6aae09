/**
 * The data-quality report: findings by code and severity, failed documents, missing fields. Exit 1 when there are
 * errors that are not accepted as known (proposals accept-errors), or corrections whose target is gone.
 */
import { openReadOnly } from '../store/db.ts';
import { isAcceptedIn } from '../store/accepted.ts';
import { UsageError } from '../pipeline/files.ts';
import { toTable } from './format.ts';

export function buildReport(dbPath: string) {
  const db = openReadOnly(dbPath);
  try {
    // as the archive was written: by a release before accepted errors, or before they held the proposal's place
    const accepted = isAcceptedIn(db);
    const byCode = db.prepare(
      `SELECT f.code, f.severity, COUNT(*) AS findings, COUNT(DISTINCT f.document_id) AS documents
       FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.missing = 0 GROUP BY f.code, f.severity ORDER BY f.severity, f.code`,
    ).all() as { code: string; severity: string; findings: number; documents: number }[];
    const failed = db.prepare(
      `SELECT d.path, d.error_code, d.error_message, EXISTS (SELECT 1 FROM findings f LEFT JOIN proposals p ON p.id = f.proposal_id
         WHERE f.document_id = d.id AND f.severity = 'error' AND ${accepted}) AS accepted
       FROM documents d WHERE d.status = 'failed' AND d.missing = 0 ORDER BY d.path`,
    ).all();
    const details = db.prepare(
      `SELECT d.path, p.proposal_key, f.code, f.severity, f.table_kind, f.year, f.expected, f.actual, f.message,
              CASE WHEN f.severity = 'error' THEN ${accepted} ELSE 0 END AS accepted
       FROM findings f JOIN documents d ON d.id = f.document_id LEFT JOIN proposals p ON p.id = f.proposal_id
       WHERE d.status = 'ok' AND d.missing = 0 AND f.severity IN ('error', 'warning') ORDER BY f.severity, f.code, d.path, p.seq, f.year`,
    ).all();
    const missing = db.prepare(
      `SELECT d.path, p.proposal_key, f.message FROM findings f JOIN documents d ON d.id = f.document_id LEFT JOIN proposals p ON p.id = f.proposal_id
       WHERE f.code = 'MISSING_FIELD' AND d.missing = 0 ORDER BY d.path, p.seq`,
    ).all();
    const corrections = db.prepare('SELECT proposal_key, target, value, reason, status, created_at FROM corrections ORDER BY status DESC, proposal_key, target').all() as { status: string }[];
    const counts = db.prepare(`SELECT COUNT(*) AS documents, SUM(status = 'ok') AS ok, SUM(status = 'failed') AS failed, SUM(missing) AS missing FROM documents`).get() as Record<string, number>;
    const errorFindings = byCode.filter((c) => c.severity === 'error').reduce((s, c) => s + c.findings, 0);
    const acceptedErrors = (db.prepare(
      `SELECT COUNT(*) AS n FROM findings f JOIN documents d ON d.id = f.document_id LEFT JOIN proposals p ON p.id = f.proposal_id
       WHERE f.severity = 'error' AND d.missing = 0 AND ${accepted}`,
    ).get() as { n: number }).n;
    // what the exit code counts: the errors not accepted as known, and the corrections that no longer apply
    const errors = errorFindings - acceptedErrors + corrections.filter((c) => c.status === 'target_missing').length;
    return { documents: counts, findingsByCode: byCode, failedDocuments: failed, proposalsMissingFields: missing, findings: details, corrections, errors, acceptedErrors };
  } finally {
    db.close();
  }
}

export async function runReport(o: { db: string; format: string }): Promise<number> {
  if (!['table', 'json'].includes(o.format)) throw new UsageError(`--format must be table or json, not "${o.format}"`);
  const r = buildReport(o.db);
  if (o.format === 'json') process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  else {
    const d = r.documents;
    const out = [
      `Documents: ${d.documents} (${d.ok ?? 0} ok, ${d.failed ?? 0} failed, ${d.missing ?? 0} missing from their path)`,
      `Errors: ${r.errors}${r.acceptedErrors ? ` (and ${r.acceptedErrors} accepted as known: accepted = 1 below)` : ''}`,
      '',
    ];
    out.push('Findings by code and severity:', toTable(['code', 'severity', 'findings', 'documents'], r.findingsByCode));
    out.push('Failed documents:', toTable(['path', 'error_code', 'error_message', 'accepted'], r.failedDocuments as never));
    out.push('Proposals missing fields:', toTable(['path', 'proposal_key', 'message'], r.proposalsMissingFields as never));
    out.push("Corrections (status target_missing: the target is gone after a re-extraction):", toTable(['proposal_key', 'target', 'value', 'reason', 'status'], r.corrections as never));
    out.push('Errors and warnings:', toTable(['path', 'proposal_key', 'code', 'table_kind', 'year', 'expected', 'actual', 'accepted', 'message'], r.findings as never));
    process.stdout.write(out.join('\n'));
  }
  return r.errors > 0 ? 1 : 0;
}
