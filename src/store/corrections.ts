/**
 * Corrections: an archivist's fix of one value, keyed by proposal_key so it survives re-extraction. Targets
 * are a header field (title, subtitle, summary, fund, kind, bc_number, presenting_department,
 * price_level_year) or a budget amount '<consequences|investments>/<line_no>/<year>'. A correction is applied
 * to every version of the proposal; the extracted value is kept in correction_applications. A correction
 * whose target is gone after a re-extraction gets status 'target_missing' and is reported, never dropped.
 */
import type { DB } from './db.ts';
import { stmt } from './statements.ts';
import { parseDanishNumber } from '../normalize/numbers.ts';
import { markRelinkPending } from './keys.ts';
import { reindexFields } from '../search/index.ts';
import { UNREADABLE_AMOUNT } from '../parse/tables.ts';

/** The fields the full-text index holds (search/index.ts): a correction of one is indexed as corrected. */
const INDEXED_FIELDS = new Set(['title', 'subtitle', 'summary']);
const touchesIndex = (t: Target) => t.kind === 'field' && INDEXED_FIELDS.has(t.field);

/**
 * The proposals whose indexed fields a correction changed: a run writes their index rows as extracted, and indexes
 * them again as corrected at its end (reindexFields writes only the rows that differ).
 */
export function correctedIndexedProposals(db: DB): number[] {
  return stmt(db, `SELECT DISTINCT a.proposal_id FROM correction_applications a JOIN corrections c ON c.id = a.correction_id
    WHERE c.target IN (${[...INDEXED_FIELDS].map((f) => `'${f}'`).join(', ')})`).pluck().all() as number[];
}

/** The fields a proposal's key is made of (src/store/keys.ts): a correction of one has the keys relinked on the next run. */
const KEY_FIELDS = new Set(['bc_number', 'title', 'price_level_year', 'presenting_department']);
const touchesKey = (t: Target) => t.kind === 'field' && KEY_FIELDS.has(t.field);

export const CORRECTABLE_FIELDS = ['title', 'subtitle', 'summary', 'fund', 'kind', 'bc_number', 'presenting_department', 'price_level_year'] as const;

export type Target = { kind: 'field'; field: string } | { kind: 'amount'; table: 'consequences' | 'investments'; lineNo: number; year: number };

export class CorrectionError extends Error {}

export function parseTarget(target: string): Target {
  const t = target.trim();
  if ((CORRECTABLE_FIELDS as readonly string[]).includes(t)) return { kind: 'field', field: t };
  const m = /^(consequences|investments)\/(\d+)\/(\d{4})$/.exec(t);
  if (m) return { kind: 'amount', table: m[1] as 'consequences' | 'investments', lineNo: Number(m[2]), year: Number(m[3]) };
  throw new CorrectionError(`unknown target "${target}": use one of ${CORRECTABLE_FIELDS.join(', ')}, or <consequences|investments>/<line_no>/<year>`);
}

/** A target as a correction stores it: ' title' is 'title', 'consequences/05/2021' is 'consequences/5/2021'. */
export const targetText = (t: Target): string => (t.kind === 'field' ? t.field : `${t.table}/${t.lineNo}/${t.year}`);

/** The correction of a key's target, however its target was written when it was made. */
function correctionOf(db: DB, key: string, target: Target): { id: number; target: string } | undefined {
  const all = stmt(db, 'SELECT id, target FROM corrections WHERE proposal_key = ? ORDER BY id').all(key) as { id: number; target: string }[];
  return all.find((c) => targetText(parseTarget(c.target)) === targetText(target));
}

/** A correction's value as stored, or an error saying why it cannot be one; `departments`: the rules' codes. */
function checkValue(target: Target, value: string, departments?: readonly string[]): string | number | null {
  if (target.kind === 'amount') {
    const n = parseDanishNumber(value);
    if (n === null) throw new CorrectionError(`"${value}" is not an amount (1.000 kr., e.g. 1.025 or -200)`);
    return n;
  }
  if (target.field === 'price_level_year') {
    if (!/^(19|20)\d{2}$/.test(value)) throw new CorrectionError(`"${value}" is not a year`);
    return Number(value);
  }
  if (target.field === 'kind' && !['investeringsforslag', 'innovationsforslag', 'business_case'].includes(value))
    throw new CorrectionError('kind must be investeringsforslag, innovationsforslag or business_case');
  if (target.field === 'presenting_department' && departments && !departments.includes(value))
    throw new CorrectionError(`"${value}" is not a department code: use one of ${departments.join(', ')}`);
  return value === '' ? null : value;
}

/** A line's label as corrections compare it: case and spacing aside. */
const sameLabel = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Applies one correction to one proposal version; false when the target does not exist in it: no such field or line,
 * or a line of that number whose label is not the one the correction was made to (lines were added or removed).
 */
function applyTo(db: DB, correctionId: number, proposalId: number, target: Target, value: string | number | null, label: string | null): boolean {
  if (stmt(db, 'SELECT 1 FROM correction_applications WHERE correction_id = ? AND proposal_id = ?').get(correctionId, proposalId)) return true;
  let extracted: unknown;
  let extractedRule: string | null = null;
  if (target.kind === 'field') {
    // the field's entry in field_rules says the value is the correction's, as a corrected amount's rule_id does
    const f = target.field;
    const row = stmt(db, `SELECT ${f} AS v, json_extract(field_rules, '$.${f}') AS r FROM proposals WHERE id = ?`).get(proposalId) as { v: unknown; r: string | null };
    extracted = row.v;
    extractedRule = row.r;
    stmt(db, `UPDATE proposals SET ${f} = ?, field_rules = json_set(COALESCE(field_rules, '{}'), '$.${f}', ?) WHERE id = ?`).run(value, `correction:${correctionId}`, proposalId);
  } else {
    const line = stmt(db, 'SELECT label, category, steering_area, is_total, in_request, page, rule_id FROM budget_lines WHERE proposal_id = ? AND table_kind = ? AND line_no = ? LIMIT 1').get(proposalId, target.table, target.lineNo) as Record<string, unknown> | undefined;
    if (!line || (label !== null && !sameLabel(line.label, label))) return false;
    const row = stmt(db, 'SELECT id, amount_tdkk, rule_id FROM budget_lines WHERE proposal_id = ? AND table_kind = ? AND line_no = ? AND year = ?').get(proposalId, target.table, target.lineNo, target.year) as { id: number; amount_tdkk: number; rule_id: string | null } | undefined;
    extracted = row?.amount_tdkk ?? null;
    extractedRule = row?.rule_id ?? null;
    if (row) stmt(db, 'UPDATE budget_lines SET amount_tdkk = ?, rule_id = ? WHERE id = ?').run(value, `correction:${correctionId}`, row.id);
    else
      stmt(db, 'INSERT INTO budget_lines (proposal_id, table_kind, line_no, label, category, steering_area, is_total, in_request, year, amount_tdkk, page, rule_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)').run(
        proposalId, target.table, target.lineNo, line.label, line.category, line.steering_area, line.is_total, line.in_request, target.year, value, line.page, `correction:${correctionId}`,
      );
  }
  stmt(db, 'INSERT INTO correction_applications (correction_id, proposal_id, extracted_value, extracted_rule_id) VALUES (?,?,?,?)').run(
    correctionId, proposalId, extracted === null || extracted === undefined ? null : String(extracted), extractedRule,
  );
  return true;
}

/** Applies every correction (or those of the given keys) where it is not applied yet; updates each one's status. */
export function applyCorrections(db: DB, keys?: string[]): { applied: number; missing: number } {
  // A run calls this for every document it writes: the corrections of its keys only, and no savepoint when there
  // are none (most documents).
  if (!keys) db.transaction(() => followRekeyed(db))();
  const all = (
    keys
      ? stmt(db, 'SELECT id, proposal_key, target, value, target_label FROM corrections WHERE proposal_key IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(keys))
      : stmt(db, 'SELECT id, proposal_key, target, value, target_label FROM corrections ORDER BY id').all()
  ) as { id: number; proposal_key: string; target: string; value: string | null; target_label: string | null }[];
  if (all.length === 0) return { applied: 0, missing: 0 };
  const versions = stmt(db, "SELECT p.id FROM proposals p JOIN documents d ON d.id = p.document_id WHERE p.proposal_key = ? AND d.status = 'ok'");
  const setStatus = stmt(db, 'UPDATE corrections SET status = ?, checked_at = ? WHERE id = ?');
  let applied = 0;
  let missing = 0;
  db.transaction(() => {
    for (const c of all) {
      const target = parseTarget(c.target);
      const value = c.value === null ? null : checkValue(target, c.value);
      const ids = (versions.all(c.proposal_key) as { id: number }[]).map((r) => r.id);
      const ok = ids.length > 0 && ids.map((id) => applyTo(db, c.id, id, target, value, c.target_label)).every(Boolean);
      setStatus.run(ok ? 'applied' : 'target_missing', new Date().toISOString(), c.id);
      if (ok) applied++;
      else missing++;
    }
  })();
  return { applied, missing };
}

/** Records a correction and applies it at once. The target must exist now. */
export function addCorrection(db: DB, key: string, written: string, value: string, reason: string, departments?: readonly string[]): { id: number; versions: number } {
  const target = parseTarget(written);
  const text = targetText(target);
  checkValue(target, value, departments);
  if (!reason.trim()) throw new CorrectionError('a correction needs a --reason');
  const versions = stmt(db, 'SELECT COUNT(*) AS n FROM proposals WHERE proposal_key = ?').get(key) as { n: number };
  if (!versions.n) throw new CorrectionError(`no proposal has the key "${key}"`);
  return db.transaction(() => {
    const prior = correctionOf(db, key, target);
    if (prior) {
      // A new value for the same target: put the extracted values back, then apply the new one.
      restore(db, prior.id);
      stmt(db, 'DELETE FROM corrections WHERE id = ?').run(prior.id);
    }
    const label = target.kind === 'amount' ? lineLabel(db, key, target) : null;
    const id = Number(stmt(db, 'INSERT INTO corrections (proposal_key, target, value, reason, created_at, target_label) VALUES (?,?,?,?,?,?)').run(key, text, value, reason, new Date().toISOString(), label).lastInsertRowid);
    const r = applyCorrections(db, [key]);
    if (touchesKey(target)) markRelinkPending(db);
    if (touchesIndex(target)) reindexFields(db, stmt(db, 'SELECT id FROM proposals WHERE proposal_key = ?').pluck().all(key) as number[]);
    if (r.missing) throw new CorrectionError(`the target ${text} does not exist in every version of ${key}`);
    return { id, versions: versions.n };
  })();
}

/** Takes a correction back: the extracted values return in every version it was applied to; the versions restored. */
export function removeCorrection(db: DB, key: string, written: string): { id: number; versions: number } {
  const target = parseTarget(written);
  const c = correctionOf(db, key, target);
  if (!c) {
    if (!stmt(db, 'SELECT 1 FROM proposals WHERE proposal_key = ? UNION ALL SELECT 1 FROM corrections WHERE proposal_key = ? LIMIT 1').get(key, key))
      throw new CorrectionError(`no proposal and no correction has the key "${key}"`);
    const others = (stmt(db, 'SELECT target FROM corrections WHERE proposal_key = ? ORDER BY target').all(key) as { target: string }[]).map((r) => r.target);
    throw new CorrectionError(`${key} has no correction of ${targetText(target)}${others.length ? ` (its corrections: ${others.join(', ')})` : ''}`);
  }
  return db.transaction(() => {
    const restored = stmt(db, 'SELECT proposal_id FROM correction_applications WHERE correction_id = ?').pluck().all(c.id) as number[];
    restore(db, c.id);
    stmt(db, 'DELETE FROM corrections WHERE id = ?').run(c.id);
    if (touchesKey(target)) markRelinkPending(db);
    const versions = restored.length;
    return { id: c.id, versions };
  })();
}

/**
 * The label of an amount's line, which every version of the proposal must give that line: a correction is held by
 * it, so that it never lands on another line when lines are added or removed.
 */
function lineLabel(db: DB, key: string, target: Extract<Target, { kind: 'amount' }>): string {
  const rows = stmt(db, `SELECT DISTINCT b.label, d.path FROM budget_lines b JOIN proposals p ON p.id = b.proposal_id JOIN documents d ON d.id = p.document_id
    WHERE p.proposal_key = ? AND d.status = 'ok' AND b.table_kind = ? AND b.line_no = ? ORDER BY d.path`).all(key, target.table, target.lineNo) as { label: string; path: string }[];
  if (!rows.length) throw new CorrectionError(`the target ${target.table}/${target.lineNo}/… does not exist: ${key} has no line ${target.lineNo} in its ${target.table} table`);
  const first = rows[0]!;
  const other = rows.find((r) => !sameLabel(r.label, first.label));
  if (other) throw new CorrectionError(`line ${target.lineNo} of the ${target.table} table of ${key} is "${first.label}" in ${first.path} but "${other.label}" in ${other.path}: the versions differ there, so no one correction fits them all`);
  // a year of the proposal's tables (an amount in a line of either table, whose years are the same columns, or a cell
  // that could not be read): a mistyped year would add an amount the document never states, to every total
  const years = stmt(db, `SELECT b.year FROM budget_lines b JOIN proposals p ON p.id = b.proposal_id JOIN documents d ON d.id = p.document_id
      WHERE p.proposal_key = ? AND d.status = 'ok'
    UNION SELECT f.year FROM findings f JOIN proposals p ON p.id = f.proposal_id JOIN documents d ON d.id = p.document_id
      WHERE p.proposal_key = ? AND d.status = 'ok' AND f.code = ? AND f.year IS NOT NULL ORDER BY 1`).pluck().all(key, key, UNREADABLE_AMOUNT) as number[];
  if (!years.includes(target.year))
    throw new CorrectionError(`the target ${targetText(target)} does not exist: the tables of ${key} have no year ${target.year} (their years: ${years.join(', ')})`);
  return first.label;
}

/**
 * Puts the extracted values back where a correction was applied: in every version, or in the given one only; a title
 * or summary is indexed for search as extracted again. Never called inside a run's commit group (no row is held).
 */
function restore(db: DB, correctionId: number, proposalId?: number): void {
  const c = stmt(db, 'SELECT target FROM corrections WHERE id = ?').get(correctionId) as { target: string };
  const target = parseTarget(c.target);
  const applications = (
    proposalId === undefined
      ? stmt(db, 'SELECT proposal_id, extracted_value, extracted_rule_id FROM correction_applications WHERE correction_id = ?').all(correctionId)
      : stmt(db, 'SELECT proposal_id, extracted_value, extracted_rule_id FROM correction_applications WHERE correction_id = ? AND proposal_id = ?').all(correctionId, proposalId)
  ) as { proposal_id: number; extracted_value: string | null; extracted_rule_id: string | null }[];
  for (const a of applications) {
    if (target.kind === 'field') {
      const f = target.field;
      // the extracted rule comes back in field_rules in place of this correction's entry (an archive whose corrections
      // an earlier release applied has that entry from nameFieldCorrectionsInRules when it is opened for writing)
      stmt(db, `UPDATE proposals SET ${f} = ?, field_rules = CASE WHEN ? IS NULL THEN json_remove(field_rules, '$.${f}') ELSE json_set(field_rules, '$.${f}', ?) END WHERE id = ?`)
        .run(f === 'price_level_year' && a.extracted_value ? Number(a.extracted_value) : a.extracted_value, a.extracted_rule_id, a.extracted_rule_id, a.proposal_id);
    }
    else if (a.extracted_value === null) stmt(db, 'DELETE FROM budget_lines WHERE proposal_id = ? AND table_kind = ? AND line_no = ? AND year = ?').run(a.proposal_id, target.table, target.lineNo, target.year);
    // the rule that read the amount comes back with it (null: applied before the rule was kept, so not known)
    else stmt(db, 'UPDATE budget_lines SET amount_tdkk = ?, rule_id = ? WHERE proposal_id = ? AND table_kind = ? AND line_no = ? AND year = ?').run(Number(a.extracted_value), a.extracted_rule_id, a.proposal_id, target.table, target.lineNo, target.year);
    stmt(db, 'DELETE FROM correction_applications WHERE correction_id = ? AND proposal_id = ?').run(correctionId, a.proposal_id);
  }
  if (touchesIndex(target)) reindexFields(db, applications.map((a) => a.proposal_id));
}

/**
 * Field corrections applied by a release that left the extracting rule in field_rules (before f37408b): the field's
 * entry names the correction now, as one applied today does, and the rule it named is kept with the application, to
 * come back when the correction is taken back. Run when the archive is opened for writing; changes nothing once done.
 */
export function nameFieldCorrectionsInRules(db: DB): void {
  const fields = CORRECTABLE_FIELDS.map((f) => `'${f}'`).join(', ');
  // trimmed: a release before 03f7113 stored a target as it was written (' title')
  const legacy = stmt(db, `SELECT a.correction_id AS cid, a.proposal_id AS pid, f.field, json_extract(p.field_rules, '$.' || f.field) AS rule
    FROM correction_applications a JOIN (SELECT id, trim(target) AS field FROM corrections) f ON f.id = a.correction_id JOIN proposals p ON p.id = a.proposal_id
    WHERE f.field IN (${fields}) AND json_extract(p.field_rules, '$.' || f.field) IS NOT 'correction:' || a.correction_id`).all() as {
    cid: number; pid: number; field: string; rule: string | null;
  }[];
  if (!legacy.length) return;
  const name = stmt(db, `UPDATE proposals SET field_rules = json_set(COALESCE(field_rules, '{}'), '$.' || ?, ?) WHERE id = ?`);
  const keep = stmt(db, 'UPDATE correction_applications SET extracted_rule_id = COALESCE(extracted_rule_id, ?) WHERE correction_id = ? AND proposal_id = ?');
  db.transaction(() => {
    for (const l of legacy) {
      name.run(l.field, `correction:${l.cid}`, l.pid);
      // another correction's entry is no extracting rule
      keep.run(l.rule !== null && !l.rule.startsWith('correction:') ? l.rule : null, l.cid, l.pid);
    }
  })();
}

/**
 * Follows proposals whose key changed since a correction was applied to them. When every one of them went to the
 * same new key and none kept the old one (a draft keyed by its title joined the BC number of its final version),
 * the correction goes with them, unless that key has a correction of the same target. Otherwise (a key split
 * when two proposals turned out to share a BC number: a correction of BC07/2019 says nothing about
 * BC07/2019/BUF or BC07/2019/KFF) it is taken back from the proposals that left its key.
 */
function followRekeyed(db: DB): void {
  const moved = stmt(db, 'SELECT c.id, c.proposal_key AS old_key, c.target, p.id AS proposal_id, p.proposal_key AS new_key FROM correction_applications a JOIN corrections c ON c.id = a.correction_id JOIN proposals p ON p.id = a.proposal_id WHERE p.proposal_key IS NOT c.proposal_key').all() as {
    id: number; old_key: string; target: string; proposal_id: number; new_key: string | null;
  }[];
  const byCorrection = new Map<number, typeof moved>();
  for (const m of moved) byCorrection.set(m.id, [...(byCorrection.get(m.id) ?? []), m]);
  for (const [id, rows] of byCorrection) {
    const newKeys = new Set(rows.map((r) => r.new_key));
    const [only] = newKeys;
    const oldKeyLeft = stmt(db, 'SELECT 1 FROM proposals WHERE proposal_key = ? LIMIT 1').get(rows[0]!.old_key);
    const taken = only && stmt(db, 'SELECT 1 FROM corrections WHERE proposal_key = ? AND target = ?').get(only, rows[0]!.target);
    if (newKeys.size === 1 && only && !oldKeyLeft && !taken) stmt(db, 'UPDATE corrections SET proposal_key = ? WHERE id = ?').run(only, id);
    else for (const r of rows) restore(db, id, r.proposal_id);
  }
}
