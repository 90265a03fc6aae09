/** One JSON file per document with everything extracted, keys in a fixed order, no timestamps: re-runs diff cleanly. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { makeDirs } from '../paths.ts';
import { basename, join } from 'node:path';
import { openReadOnly, type DB } from '../store/db.ts';

function rows(db: DB, sql: string, ...args: unknown[]): Record<string, unknown>[] {
  return db.prepare(sql).all(...args) as Record<string, unknown>[];
}

export function documentJson(db: DB, docId: number): Record<string, unknown> {
  const d = db.prepare('SELECT id, path, sha256, format, status, missing, error_code, error_message, pages, extractor_version, rules_hash, title FROM documents WHERE id = ?').get(docId) as Record<string, unknown>;
  const { id: _id, ...doc } = d;
  const overview = db.prepare('SELECT title, price_level_year, total_mdkk, page FROM overviews WHERE document_id = ?').get(docId) ?? null;
  const proposals = rows(db, 'SELECT * FROM proposals WHERE document_id = ? ORDER BY seq', docId).map((p) => {
    const pid = p.id;
    const { id: _pid, document_id: _d, field_rules, ...rest } = p;
    return {
      ...rest,
      field_rules: field_rules ? JSON.parse(String(field_rules)) : null,
      departments: rows(db, 'SELECT department, role FROM proposal_departments WHERE proposal_id = ? ORDER BY role, department', pid),
      budget_lines: rows(db, 'SELECT table_kind, line_no, label, category, steering_area, is_total, in_request, year, amount_tdkk, page, rule_id FROM budget_lines WHERE proposal_id = ? ORDER BY table_kind, line_no, year', pid),
      committee_split: rows(db, 'SELECT committee, kind, share, is_total, year, amount_tdkk, page FROM committee_split WHERE proposal_id = ? ORDER BY id', pid),
      sections: rows(db, 'SELECT ord, key, heading, text, page FROM sections WHERE proposal_id = ? ORDER BY ord', pid),
      consultations: rows(db, 'SELECT ord, body, answer, date, note FROM consultations WHERE proposal_id = ? ORDER BY ord', pid),
      follow_ups: rows(db, 'SELECT ord, criterion, method, responsible, timing FROM follow_ups WHERE proposal_id = ? ORDER BY ord', pid),
      findings: rows(db, 'SELECT code, severity, table_kind, year, expected, actual, message FROM findings WHERE proposal_id = ? ORDER BY code, table_kind, year, id', pid),
      corrections: rows(db, 'SELECT c.target, c.value, a.extracted_value, c.reason FROM corrections c JOIN correction_applications a ON a.correction_id = c.id WHERE a.proposal_id = ? ORDER BY c.target', pid),
    };
  });
  return {
    ...doc,
    overview: overview
      ? {
          ...(overview as object),
          items: rows(db, 'SELECT o.line_no, o.committee, o.bc_number, o.title, o.amount_mdkk, o.not_committee_approved, o.cross_cutting, o.markers, p.seq AS proposal_seq, o.page FROM overview_items o LEFT JOIN proposals p ON p.id = o.proposal_id WHERE o.document_id = ? ORDER BY o.line_no', docId),
          footnotes: rows(db, 'SELECT marker, text FROM overview_footnotes WHERE document_id = ? ORDER BY marker', docId),
        }
      : null,
    proposals,
    findings: rows(db, 'SELECT code, severity, table_kind, year, expected, actual, message FROM findings WHERE document_id = ? AND proposal_id IS NULL ORDER BY code, id', docId),
  };
}

/**
 * The file name of each document's JSON: its own file name (letters of any alphabet kept, 'Bilag 3 Økonomi.pdf' ->
 * 'Bilag_3_Økonomi.pdf.json'); documents of the same name from different folders get the start of their content
 * hash as well, so that none overwrites another.
 */
export function exportNames<D extends { path: string; sha256: string }>(docs: D[]): [D, string][] {
  const base = (d: D) => basename(d.path).replace(/[^\p{L}\p{N}._-]+/gu, '_');
  const count = new Map<string, number>();
  for (const d of docs) count.set(base(d).toLowerCase(), (count.get(base(d).toLowerCase()) ?? 0) + 1);
  return docs.map((d) => {
    const b = base(d);
    const hash = d.sha256.replace(/^unreadable:/, '').slice(0, 12);
    return [d, count.get(b.toLowerCase())! > 1 ? `${b}.${hash}.json` : `${b}.json`];
  });
}

/** The list of files the last export wrote to a folder, so the next one removes those it no longer writes. */
const MANIFEST = '.proposals-export.json';

function lastExported(out: string): string[] {
  try {
    const names: unknown = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8'));
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && basename(n) === n) : [];
  } catch {
    return [];
  }
}

export async function runExport(o: { db: string; out: string }): Promise<number> {
  const db = openReadOnly(o.db);
  try {
    makeDirs(o.out);
    const docs = db.prepare('SELECT id, path, sha256 FROM documents ORDER BY path').all() as { id: number; path: string; sha256: string }[];
    const names = exportNames(docs);
    for (const [d, name] of names) writeFileSync(join(o.out, name), JSON.stringify(documentJson(db, d.id), null, 2) + '\n');
    // A document gone from the archive, or named otherwise now (a copy of its name came in): its old file goes.
    // Files this command did not write are left alone.
    const written = new Set(names.map(([, n]) => n));
    const stale = lastExported(o.out).filter((n) => !written.has(n));
    for (const n of stale) rmSync(join(o.out, n), { force: true });
    writeFileSync(join(o.out, MANIFEST), JSON.stringify([...written].sort(), null, 1) + '\n');
    process.stdout.write(`exported ${docs.length} documents to ${o.out}${stale.length ? `; removed ${stale.length} file(s) of an earlier export that no document has now` : ''}\n`);
    return 0;
  } finally {
    db.close();
  }
}
