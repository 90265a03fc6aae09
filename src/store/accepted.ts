/**
 * Errors accepted as known: the archive's documents hold errors that stay (a stated total that does not add up is
 * the document's, never "fixed"), and a nightly report that exits 1 for them every night alerts no one. An accepted
 * error is held by what it says and where, not by its row: the document's path and content (sha256), the proposal
 * as its document names it (its BC number and title: `proposal_ident`), the code, and the table, year and amounts it
 * names. Not by the proposal's key, which can change because of another document, nor by its place in the document
 * (its seq), which changes when new rules cut the document otherwise; both are kept to be read. A re-extraction that
 * finds it again finds it accepted; an error of another file, of an edited file, of another proposal, or the same
 * error with other amounts is new. A failure of the run rather than of the file (a time limit, a worker that died)
 * is never accepted: the next run tries the file again.
 */
import type { DB } from './db.ts';
import { RUN_FAILURE_CODES } from '../errors.ts';

/** The error findings of documents at their path, with what an acceptance is matched by. */
const CURRENT_ERRORS = `SELECT d.path, d.sha256, p.proposal_key, p.seq, ${proposalIdent('p')}, f.code, f.table_kind, f.year, f.expected, f.actual
  FROM findings f JOIN documents d ON d.id = f.document_id LEFT JOIN proposals p ON p.id = f.proposal_id
  WHERE f.severity = 'error' AND d.missing = 0 AND f.code NOT IN (${RUN_FAILURE_CODES.map((c) => `'${c}'`).join(', ')})`;

/**
 * The proposal as its document names it, in SQL: its BC number and title (NULL for a finding of the document). Two
 * proposals of one document under the same BC number and title are one proposal told twice: an acceptance covers both.
 */
export function proposalIdent(p: string): string {
  return `CASE WHEN ${p}.id IS NULL THEN NULL ELSE json_array(${p}.bc_number, ${p}.title) END`;
}

/**
 * An SQL condition, true when the finding `f` (of document `d`, proposal `p`) is accepted. An acceptance an earlier
 * release made whose proposal could not be told when the archive was migrated (db.ts) is matched by its key.
 */
const IS_ACCEPTED = acceptedBy(`CASE WHEN a.proposal_ident IS NOT NULL THEN a.proposal_ident IS ${proposalIdent('p')} ELSE a.proposal_key IS p.proposal_key END`);

function acceptedBy(proposal: string): string {
  return `EXISTS (SELECT 1 FROM accepted_errors a WHERE a.document_path = d.path AND a.document_sha256 = d.sha256
  AND (${proposal}) AND a.code = f.code AND a.table_kind IS f.table_kind AND a.year IS f.year
  AND ${sameAmount('expected')} AND ${sameAmount('actual')})`;
}

/**
 * An amount of an accepted error and of a finding are the same: equal, or both NULL. A TABLE_MISMATCH counts a table
 * with nothing in the year as 0, and releases before this one stored that as 0 where it is NULL now ('states
 * nothing'): for it NULL and 0 are the same, so that an acceptance made then still holds.
 */
function sameAmount(col: 'expected' | 'actual'): string {
  return `(a.${col} IS f.${col} OR (a.code = 'TABLE_MISMATCH' AND coalesce(a.${col}, 0) = coalesce(f.${col}, 0)))`;
}

/**
 * IS_ACCEPTED for a database read as it is, as the release that wrote it matched: '0' (none accepted) in an archive
 * written before accepted errors existed, by the proposal's place or else its key in one written before acceptances
 * held the proposal's BC number and title, by its key before that (a write migrates them all).
 */
export function isAcceptedIn(db: DB): string {
  const cols = db.prepare("SELECT name FROM pragma_table_info('accepted_errors')").pluck().all() as string[];
  if (!cols.length) return '0';
  if (cols.includes('proposal_ident')) return IS_ACCEPTED;
  if (cols.includes('proposal_seq')) return acceptedBy('CASE WHEN a.proposal_seq IS NOT NULL THEN a.proposal_seq = p.seq ELSE a.proposal_key IS p.proposal_key END');
  return acceptedBy('a.proposal_key IS p.proposal_key');
}

/** Accepts every error the archive holds now that is not accepted yet; the number accepted. */
export function acceptErrors(db: DB, reason: string): number {
  const now = new Date().toISOString();
  return db.transaction(() =>
    db.prepare(
      `INSERT OR IGNORE INTO accepted_errors (document_path, document_sha256, proposal_key, proposal_seq, proposal_ident, code, table_kind, year, expected, actual, reason, accepted_at)
       SELECT DISTINCT e.*, ?, ? FROM (${CURRENT_ERRORS} AND NOT ${IS_ACCEPTED}) e`,
    ).run(reason, now).changes,
  )();
}

/** Takes back every acceptance; the number taken back. */
export function clearAcceptedErrors(db: DB): number {
  return db.prepare('DELETE FROM accepted_errors').run().changes;
}

/**
 * Of a run's failed files, the paths of those that failed as they did when their error was accepted as known (an
 * empty or broken file that stays so): a run that meets only those again exits 0, so a nightly job that mails on a
 * non-zero exit is quiet about them, as the report is. The document must hold that failure now, with the code this
 * run met: a file that cannot be read now and keeps a version from before (`kept`, even a failed one) is this run's
 * failure, never an accepted one.
 */
export function acceptedFailures(db: DB, failed: readonly { path: string; code: string; kept?: number }[]): Set<string> {
  const q = db.prepare(
    `SELECT 1 FROM documents d JOIN findings f ON f.document_id = d.id AND f.severity = 'error' AND f.code = d.error_code
     LEFT JOIN proposals p ON p.id = f.proposal_id
     WHERE d.path = ? AND d.status = 'failed' AND d.error_code = ? AND d.missing = 0 AND ${IS_ACCEPTED}`,
  );
  return new Set(failed.filter((o) => o.kept === undefined && q.get(o.path, o.code) !== undefined).map((o) => o.path));
}
