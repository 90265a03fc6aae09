/**
 * Errors accepted as known: the archive's documents hold errors that stay (a stated total that does not add up is
 * the document's, never "fixed"), and a nightly report that exits 1 for them every night alerts no one. An accepted
 * error is held by what it says and where, not by its row: the document's path and content (sha256), the proposal's
 * key, the code, and the table, year and amounts it names. A re-extraction that finds it again finds it accepted; an
 * error of another file, of an edited file, or the same error with other amounts is new. A failure of the run rather
 * than of the file (a time limit, a worker that died) is never accepted: the next run tries the file again.
 */
import type { DB } from './db.ts';
import { RUN_FAILURE_CODES } from '../errors.ts';

/** The error findings of documents at their path, with what an acceptance is matched by. */
const CURRENT_ERRORS = `SELECT d.path, d.sha256, p.proposal_key, f.code, f.table_kind, f.year, f.expected, f.actual
  FROM findings f JOIN documents d ON d.id = f.document_id LEFT JOIN proposals p ON p.id = f.proposal_id
  WHERE f.severity = 'error' AND d.missing = 0 AND f.code NOT IN (${RUN_FAILURE_CODES.map((c) => `'${c}'`).join(', ')})`;

/** An SQL condition, true when the finding `f` (of document `d`, proposal `p`) is accepted. */
export const IS_ACCEPTED = `EXISTS (SELECT 1 FROM accepted_errors a WHERE a.document_path = d.path AND a.document_sha256 = d.sha256
  AND a.proposal_key IS p.proposal_key AND a.code = f.code AND a.table_kind IS f.table_kind AND a.year IS f.year
  AND a.expected IS f.expected AND a.actual IS f.actual)`;

export const hasAcceptedErrors = (db: DB) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'accepted_errors'").get() !== undefined;

/** Accepts every error the archive holds now that is not accepted yet; the number accepted. */
export function acceptErrors(db: DB, reason: string): number {
  const now = new Date().toISOString();
  return db.transaction(() =>
    db.prepare(
      `INSERT OR IGNORE INTO accepted_errors (document_path, document_sha256, proposal_key, code, table_kind, year, expected, actual, reason, accepted_at)
       SELECT DISTINCT e.*, ?, ? FROM (${CURRENT_ERRORS}) e`,
    ).run(reason, now).changes,
  )();
}

/** Takes back every acceptance; the number taken back. */
export function clearAcceptedErrors(db: DB): number {
  return db.prepare('DELETE FROM accepted_errors').run().changes;
}
