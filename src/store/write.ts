/**
 * Writing one document: its old records are replaced by the new ones in one transaction, so a reader sees
 * either the old version or the new one, never a mix, and a failure leaves nothing half-written.
 */
import type { DB } from './db.ts';
import { stmt } from './statements.ts';
import type { ExtractedDocument, Format, Message, Proposal } from '../types.ts';
import { diffSnapshots, documentAdded, sameProposals, snapshotDocument, type Change, type Snapshot } from './changes.ts';
import { indexProposal, indexRows, type HeldRow, type IndexRow } from '../search/index.ts';
import { KeyIndex } from './keys.ts';
import { loadRules } from '../rules/index.ts';
import { applyCorrections } from './corrections.ts';

export interface DocumentMeta {
  path: string;
  sha256: string;
  format: Format | null;
  pages: number | null;
  sizeBytes: number | null;
  /** The file's modification time when it was read: with the size, lets an unchanged file be skipped unread. */
  mtimeMs?: number | null;
  extractorVersion: string;
  rulesHash: string;
  extractedAt: string;
}

export interface WriteOptions {
  /** A row of the same path whose content changed: it is replaced in the same transaction. */
  replaces?: number | null;
  /** The extraction run, to record what changed. */
  runId?: number | null;
  /** Title similarity that links a proposal without a BC number to a known one (default: rules/reconcile.json). */
  keyTitleSimilarity?: number;
  /** A batch run's key index, kept across its documents; without one, the write makes its own. */
  keyIndex?: KeyIndex;
  /** Full-text index rows per proposal seq, stemmed in a worker; computed here when absent. */
  searchRows?: Record<number, IndexRow[]>;
  /**
   * The full-text rows are not written but returned (`heldIndexRows`), for the run's commit group to write once the
   * document's transaction is released (src/store/groups.ts).
   */
  holdIndex?: boolean;
}

export interface Finding {
  proposalSeq: number | null;
  code: string;
  severity: 'error' | 'warning' | 'info';
  tableKind?: string | null;
  year?: number | null;
  expected?: number | null;
  actual?: number | null;
  message: string;
}

function upsertDocument(db: DB, meta: DocumentMeta, status: 'ok' | 'failed', errorCode: string | null, errorMessage: string | null, title: string | null, warnings: number, opts: WriteOptions): number {
  const existing = stmt(db, 'SELECT id FROM documents WHERE sha256 = ?').get(meta.sha256) as { id: number } | undefined;
  const values = [meta.path, meta.format, status, errorCode, errorMessage, meta.pages, meta.extractedAt, meta.extractorVersion, meta.rulesHash, meta.sizeBytes, meta.mtimeMs ?? null, title, warnings];
  if (existing) {
    stmt(db, 'DELETE FROM proposals WHERE document_id = ?').run(existing.id);
    opts.keyIndex?.deletedDocument(existing.id);
    for (const t of ['overviews', 'overview_items', 'overview_footnotes', 'findings']) stmt(db, `DELETE FROM ${t} WHERE document_id = ?`).run(existing.id);
    stmt(db,
      `UPDATE documents SET path=?, format=?, status=?, error_code=?, error_message=?, pages=?, extracted_at=?, extractor_version=?, rules_hash=?, size_bytes=?, file_mtime_ms=?, title=?, warnings=?, missing=0 WHERE id=?`,
    ).run(...values, existing.id);
    return existing.id;
  }
  const r = stmt(
    db,
    `INSERT INTO documents (path, format, status, error_code, error_message, pages, extracted_at, extractor_version, rules_hash, size_bytes, file_mtime_ms, title, warnings, sha256)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(...values, meta.sha256);
  return Number(r.lastInsertRowid);
}

/**
 * A document that could not be extracted: one row with the reason, and no other records. Its finding is an error,
 * but for a failure the next run makes good by itself (NOT_EXTRACTED_YET), which is a warning. The proposals of a
 * version it replaces (this content, or the file's earlier content) go, and the run's changes say so.
 */
export function writeFailure(
  db: DB, meta: DocumentMeta, code: string, message: string, opts: WriteOptions = {}, severity: 'error' | 'warning' = 'error',
): { id: number; changes: Change[] } {
  return inTransaction(db, opts, () => {
    const before = snapshotDocument(db, replacedVersion(db, meta, opts));
    dropReplaced(db, meta, opts);
    const id = upsertDocument(db, meta, 'failed', code, message, null, 0, opts);
    stmt(db, 'INSERT INTO findings (document_id, code, severity, message) VALUES (?, ?, ?, ?)').run(id, code, severity, message);
    const changes = before ? diffSnapshots(before, []) : [];
    recordChanges(db, opts.runId, meta.path, changes);
    return { id, changes };
  });
}

/**
 * Each new proposal's id: the id of the proposal of the replaced version that the run's changes take for the same one
 * (sameProposals: by its BC number as extracted, not as corrected, else `#seq`), so an id an analyst noted still names
 * it; that id only if it is free (a copy of the old content elsewhere may have taken the version over, with its
 * proposals). Else one above every id ever given (a removed proposal's id names no other later) and every id kept.
 */
function claimIds(db: DB, before: Snapshot | null, proposals: readonly Proposal[]): number[] {
  const former = before ? sameProposals(before, proposals.map((p) => ({ bc: p.bcNumber, title: p.title, seq: p.seq }))) : [];
  const formerIds = former.flatMap((e) => (e ? [e.id] : []));
  const taken = new Set(formerIds.length ? (stmt(db, 'SELECT id FROM proposals WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(formerIds)) as number[]) : []);
  const kept = proposals.map((_, i) => (former[i] && !taken.has(former[i]!.id) ? former[i]!.id : null));
  // new ones above every id in use, ever given, and kept, so none is given twice (SQLite's max + 1 could be a kept one)
  const high = Number((stmt(db, 'SELECT value FROM schema_meta WHERE key = ?').get(ID_HIGH_WATER) as { value: string } | undefined)?.value ?? 0);
  let next = Math.max((stmt(db, 'SELECT MAX(id) AS m FROM proposals').get() as { m: number | null }).m ?? 0, high, ...formerIds) + 1;
  const ids = kept.map((id) => id ?? next++);
  if (next - 1 > high) stmt(db, 'INSERT OR REPLACE INTO schema_meta (key, value) VALUES (?, ?)').run(ID_HIGH_WATER, String(next - 1));
  return ids;
}

/** schema_meta key: the highest proposal id ever given, so that the id of a removed proposal is not given again. */
const ID_HIGH_WATER = 'proposal_id_high_water';

/** The extracted version a write of this content replaces: the content's own record, else the file's earlier one. */
function replacedVersion(db: DB, meta: DocumentMeta, opts: WriteOptions): number | null {
  return (stmt(db, "SELECT id FROM documents WHERE sha256 = ? AND status = 'ok'").get(meta.sha256) as { id: number } | undefined)?.id ?? opts.replaces ?? null;
}

/**
 * One transaction (a savepoint inside another); if it rolls back, the run's key index no longer matches the archive
 * and starts over.
 */
export function inTransaction<T>(db: DB, opts: Pick<WriteOptions, 'keyIndex'>, fn: () => T): T {
  try {
    return db.transaction(fn)();
  } catch (e) {
    opts.keyIndex?.reset();
    throw e;
  }
}

/** What a run changed in a document, in run_changes. */
function recordChanges(db: DB, runId: number | null | undefined, path: string, changes: Change[]): void {
  if (runId == null) return;
  const ins = stmt(db, 'INSERT INTO run_changes (run_id, document_path, proposal, change, field, old_value, new_value) VALUES (?,?,?,?,?,?,?)');
  for (const c of changes) ins.run(runId, path, c.proposal, c.change, c.field, c.oldValue, c.newValue);
}

/**
 * A file that is gone from its path (`missing`) or back at it: its records stay either way, left out of the views
 * while it is gone. The run's changes say so, with the number of proposals that left or came back. Nothing (no
 * change) when the records were marked so already. A file found again at another path (`foundAt`, moved) is back
 * there: the change is said at that path, with the path it was missing from as its old value.
 */
export function markMissing(db: DB, path: string, missing: boolean, runId?: number | null, foundAt: string = path): Change[] {
  const docs = stmt(db, 'SELECT id, (SELECT COUNT(*) FROM proposals p WHERE p.document_id = d.id) AS n FROM documents d WHERE path = ? AND missing = ?').all(path, missing ? 0 : 1) as { id: number; n: number }[];
  if (!docs.length) return [];
  stmt(db, 'UPDATE documents SET missing = ? WHERE path = ? AND missing = ?').run(missing ? 1 : 0, path, missing ? 0 : 1);
  const proposals = docs.reduce((s, d) => s + d.n, 0);
  const changes: Change[] = [{ proposal: null, change: missing ? 'document_missing' : 'document_returned', field: null, oldValue: foundAt === path ? null : path, newValue: String(proposals) }];
  recordChanges(db, runId, foundAt, changes);
  return changes;
}

/** A record that only said a file was not extracted yet (it has no other records) gives way to any other record of the file. */
export function dropNotExtractedYet(db: DB, path: string, sha256: string | null = null): void {
  stmt(db, "DELETE FROM documents WHERE path = ? AND error_code = 'NOT_EXTRACTED_YET' AND sha256 IS NOT ?").run(path, sha256);
}

function dropReplaced(db: DB, meta: DocumentMeta, opts: WriteOptions): void {
  dropNotExtractedYet(db, meta.path, meta.sha256);
  if (opts.replaces == null) return;
  // Only the record still at this path: a copy of its old content found elsewhere in the run may have taken it.
  const row = stmt(db, 'SELECT sha256, path FROM documents WHERE id = ?').get(opts.replaces) as { sha256: string; path: string } | undefined;
  if (row && row.sha256 !== meta.sha256 && row.path === meta.path) {
    stmt(db, 'DELETE FROM documents WHERE id = ?').run(opts.replaces);
    opts.keyIndex?.deletedDocument(opts.replaces);
  }
}

/**
 * Deletes the version a file held before when the file now holds a content the archive holds under another path
 * (it became a copy of another file): its records would otherwise stay, of a content no file holds. Only while the
 * record is still at that path. The run's changes say which proposals went.
 */
export function dropStaleVersion(db: DB, documentId: number, path: string, opts: WriteOptions = {}): Change[] {
  return inTransaction(db, opts, () => {
    const row = stmt(db, 'SELECT path FROM documents WHERE id = ?').get(documentId) as { path: string } | undefined;
    if (!row || row.path !== path) return [];
    const changes = diffSnapshots(snapshotDocument(db, documentId) ?? [], []);
    stmt(db, 'DELETE FROM documents WHERE id = ?').run(documentId);
    opts.keyIndex?.deletedDocument(documentId);
    recordChanges(db, opts.runId, path, changes);
    return changes;
  });
}

export function writeDocument(
  db: DB, meta: DocumentMeta, doc: ExtractedDocument, findings: Finding[], messages: Message[], options: WriteOptions = {},
): { id: number; changes: Change[]; heldIndexRows: HeldRow[] } {
  const keyIndex = options.keyIndex ?? new KeyIndex(db, options.keyTitleSimilarity ?? loadRules().reconcile.keyTitleSimilarity);
  const opts = { ...options, keyIndex };
  return inTransaction(db, opts, () => {
    const replaced = replacedVersion(db, meta, opts);
    const before = snapshotDocument(db, replaced);
    dropReplaced(db, meta, opts);
    const title = doc.overview?.title ?? null;
    const docId = upsertDocument(db, meta, 'ok', null, null, title, messages.filter((m) => m.severity !== 'info').length, opts);
    const insProposal = stmt(db,
      `INSERT INTO proposals (id, document_id, seq, kind, bc_number, title, subtitle, summary, fund, presenting_department, price_level_year, page_start, page_end, field_rules, proposal_key)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const insDept = stmt(db, 'INSERT OR IGNORE INTO proposal_departments (proposal_id, department, role) VALUES (?,?,?)');
    const insLine = stmt(db,
      `INSERT INTO budget_lines (proposal_id, table_kind, line_no, label, category, steering_area, is_total, in_request, year, amount_tdkk, page, rule_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const insSplit = stmt(db, 'INSERT INTO committee_split (proposal_id, committee, kind, share, is_total, year, amount_tdkk, page) VALUES (?,?,?,?,?,?,?,?)');
    const insSection = stmt(db, 'INSERT INTO sections (proposal_id, ord, key, heading, text, page) VALUES (?,?,?,?,?,?)');
    const insCons = stmt(db, 'INSERT INTO consultations (proposal_id, ord, body, answer, date, note) VALUES (?,?,?,?,?,?)');
    const insFollow = stmt(db, 'INSERT INTO follow_ups (proposal_id, ord, criterion, method, responsible, timing) VALUES (?,?,?,?,?,?)');
    // once the replaced version's rows are gone: an id still in use then is another document's
    const ids = claimIds(db, before, doc.proposals);
    const idBySeq = new Map<number, number>();
    const keys: string[] = [];
    const held: HeldRow[] = [];
    for (const [i, p] of doc.proposals.entries()) {
      const identity = { bc_number: p.bcNumber, title: p.title, price_level_year: p.priceLevelYear, presenting_department: p.presentingDepartment };
      const key = keyIndex.keyFor(identity);
      keys.push(key);
      const pid = Number(
        insProposal.run(ids[i], docId, p.seq, p.kind, p.bcNumber, p.title, p.subtitle, p.summary, p.fund, p.presentingDepartment, p.priceLevelYear, p.pageStart, p.pageEnd, JSON.stringify(p.fieldRules), key)
          .lastInsertRowid,
      );
      keyIndex.added({ ...identity, id: pid }, docId, key);
      idBySeq.set(p.seq, pid);
      if (p.presentingDepartment) insDept.run(pid, p.presentingDepartment, 'presenting');
      for (const d of p.coPresentingDepartments ?? []) if (d !== p.presentingDepartment) insDept.run(pid, d, 'presenting');
      for (const d of p.affectedDepartments) insDept.run(pid, d, 'affected');
      for (const l of p.budgetLines)
        for (const a of l.amounts) insLine.run(pid, l.tableKind, l.lineNo, l.label, l.category, l.steeringArea, l.isTotal ? 1 : 0, l.inRequest ? 1 : 0, a.year, a.amount, a.page ?? l.page, l.ruleId);
      for (const s of p.committeeSplit) insSplit.run(pid, s.committee, s.kind, s.share, s.isTotal ? 1 : 0, s.year, s.amount, s.page);
      for (const s of p.sections) insSection.run(pid, s.ord, s.key, s.heading, s.text, s.page);
      p.consultations.forEach((c, i) => insCons.run(pid, i + 1, c.body, c.answer, c.date, c.note));
      for (const f of p.followUps) insFollow.run(pid, f.ord, f.criterion, f.method, f.responsible, f.timing);
      indexProposal(db, pid, opts.searchRows?.[p.seq] ?? indexRows(p), opts.holdIndex ? held : undefined);
    }
    if (doc.overview) {
      const o = doc.overview;
      stmt(db, 'INSERT INTO overviews (document_id, title, price_level_year, total_mdkk, page) VALUES (?,?,?,?,?)').run(docId, o.title, o.priceLevelYear, o.totalMdkk, o.page);
      const insItem = stmt(db,
        `INSERT INTO overview_items (document_id, line_no, committee, bc_number, title, amount_mdkk, not_committee_approved, cross_cutting, markers, proposal_id, page) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
      );
      for (const it of o.items) {
        const match = it.bcNumber ? doc.proposals.filter((p) => p.bcNumber === it.bcNumber) : [];
        const pid = match.length === 1 ? idBySeq.get(match[0]!.seq)! : null;
        insItem.run(docId, it.lineNo, it.committee, it.bcNumber, it.title, it.amountMdkk, it.notCommitteeApproved ? 1 : 0, it.crossCutting ? 1 : 0, it.markers, pid, it.page);
      }
      const insNote = stmt(db, 'INSERT INTO overview_footnotes (document_id, marker, text) VALUES (?,?,?)');
      for (const f of o.footnotes) insNote.run(docId, f.marker, f.text);
    }
    const insFinding = stmt(db,
      'INSERT INTO findings (document_id, proposal_id, code, severity, table_kind, year, expected, actual, message) VALUES (?,?,?,?,?,?,?,?,?)',
    );
    for (const f of findings)
      insFinding.run(docId, f.proposalSeq !== null ? (idBySeq.get(f.proposalSeq) ?? null) : null, f.code, f.severity, f.tableKind ?? null, f.year ?? null, f.expected ?? null, f.actual ?? null, f.message);
    // Corrections of proposals whose key is known now are applied in the same transaction.
    if (keys.length) applyCorrections(db, keys);
    // a new document is only 'document_added': it is not read back
    const changes = before ? diffSnapshots(before, snapshotDocument(db, docId)!) : documentAdded(doc.proposals.length);
    recordChanges(db, opts.runId, meta.path, changes);
    return { id: docId, changes, heldIndexRows: held };
  });
}
