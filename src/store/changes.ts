/**
 * What a re-extraction changed in one document: proposals added or removed, header fields and amounts that
 * changed, how a budget line is read (its group, Styringsområde, whether it is a total or part of the
 * request), and the rest of what is extracted (details(): affected departments, sections, committee split,
 * consultations, follow-up, findings, the overview). A proposal is known within its document by its BC number as
 * extracted, else by its position (named()).
 */
import type { DB } from './db.ts';
import { stmt } from './statements.ts';
import { extracted } from './keys.ts';

export interface Change {
  proposal: string | null;
  change:
    | 'document_added' | 'document_missing' | 'document_returned' | 'proposal_added' | 'proposal_removed' | 'field_changed'
    | 'amount_changed' | 'amount_added' | 'amount_removed' | 'line_changed' | 'detail_changed';
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
}

/** What names a proposal within its document: its BC number as extracted (else null), its extracted title, its position. */
export interface ProposalName {
  bc: string | null;
  title: string | null;
  seq: number;
}

/**
 * The rest of what is extracted of a proposal or a document, item by item: the item's name (`section "Baggrund"`,
 * `committee_split "BUU" 2021`, `finding TOTAL_MISMATCH investments 2021`) and its value as text.
 */
export type Details = Map<string, string>;

export type ProposalSnapshot = ProposalName & {
  id: number;
  title: string | null;
  fields: Record<string, unknown>;
  amounts: Map<string, number>;
  lines: Map<string, Record<string, unknown>>;
  details: Details;
};

/** A document's proposals, in order, each with its id and what names it; `details`: those of the document itself. */
export type Snapshot = ProposalSnapshot[] & { details?: Details };

const LINE_FIELDS = ['category', 'steering_area', 'is_total', 'in_request'];

const FIELDS = ['kind', 'bc_number', 'title', 'subtitle', 'summary', 'fund', 'presenting_department', 'price_level_year'];

export function snapshotDocument(db: DB, documentId: number | null): Snapshot | null {
  if (documentId === null) return null;
  const status = stmt(db, 'SELECT status FROM documents WHERE id = ?').get(documentId) as { status: string } | undefined;
  if (!status) return null;
  const snap: Snapshot = [];
  const props = stmt(db,
    `SELECT id, seq, ${FIELDS.join(', ')}, ${extracted('bc_number')} AS extracted_bc, ${extracted('title')} AS extracted_title FROM proposals p WHERE document_id = ? ORDER BY seq`,
  ).all(documentId) as Record<string, unknown>[];
  const rows = stmt(db, `SELECT table_kind, line_no, label, year, amount_tdkk, ${LINE_FIELDS.join(', ')} FROM budget_lines WHERE proposal_id = ?`);
  snap.details = documentDetails(db, documentId);
  for (const p of props) {
    const amounts = new Map<string, number>();
    const lines = new Map<string, Record<string, unknown>>();
    for (const l of rows.all(p.id) as { table_kind: string; line_no: number; label: string; year: number; amount_tdkk: number }[]) {
      const line = `${l.table_kind} line ${l.line_no} "${l.label}"`;
      amounts.set(`${line} ${l.year}`, l.amount_tdkk);
      lines.set(line, l);
    }
    const fields = Object.fromEntries(FIELDS.map((f) => [f, p[f] ?? null]));
    snap.push({ id: p.id as number, bc: p.extracted_bc as string | null, title: p.extracted_title as string | null, seq: p.seq as number, fields, amounts, lines, details: proposalDetails(db, p.id as number, fields.presenting_department) });
  }
  return snap;
}

type Row = Record<string, string | number | null>;

/** Items of details: a name met again gets ` #2`, ` #3`, ... (two sections of the same heading). */
function itemsOf(entries: Iterable<[string, string]>): Details {
  const out: Details = new Map();
  for (const [name, value] of entries) {
    let n = name;
    for (let i = 2; out.has(n); i++) n = `${name} #${i}`;
    out.set(n, value);
  }
  return out;
}

const joined = (...parts: unknown[]) => parts.filter((x) => x !== null && x !== undefined && x !== '').map(String).join(' | ');
const q = (s: unknown) => `"${String(s ?? '')}"`;

function findingItems(rows: Row[]): [string, string][] {
  return rows.map((f) => [`finding ${[f.code, f.table_kind, f.year].filter((x) => x !== null).join(' ')}`, joined(f.severity, f.message)]);
}

function proposalDetails(db: DB, id: number, presenting: unknown): Details {
  const depts = stmt(db, 'SELECT department, role FROM proposal_departments WHERE proposal_id = ? ORDER BY role, department').all(id) as Row[];
  const affected = depts.filter((d) => d.role === 'affected').map((d) => d.department);
  const coPresenting = depts.filter((d) => d.role === 'presenting' && d.department !== presenting).map((d) => d.department);
  const items: [string, string][] = [];
  if (affected.length) items.push(['affected_departments', affected.join(', ')]);
  if (coPresenting.length) items.push(['co_presenting_departments', coPresenting.join(', ')]);
  for (const s of stmt(db, 'SELECT key, heading, text FROM sections WHERE proposal_id = ? ORDER BY ord').all(id) as Row[])
    items.push([`section ${q(s.heading)}`, s.key === null ? String(s.text) : `[${s.key}] ${s.text}`]);
  for (const c of stmt(db, 'SELECT body, answer, date, note FROM consultations WHERE proposal_id = ? ORDER BY ord').all(id) as Row[])
    items.push([`consultation ${q(c.body)}`, joined(c.answer, c.date, c.note)]);
  for (const f of stmt(db, 'SELECT ord, criterion, method, responsible, timing FROM follow_ups WHERE proposal_id = ? ORDER BY ord').all(id) as Row[])
    items.push([`follow_up ${f.ord}`, joined(f.criterion, f.method, f.responsible, f.timing)]);
  for (const c of stmt(db, 'SELECT committee, kind, share, is_total, year, amount_tdkk FROM committee_split WHERE proposal_id = ? ORDER BY id').all(id) as Row[])
    items.push([`committee_split ${q(c.committee)}${c.kind ? ` ${c.kind}` : ''}${c.share ? ` ${c.share}` : ''}${c.is_total ? ' total' : ''} ${c.year}`, String(c.amount_tdkk)]);
  items.push(...findingItems(stmt(db, 'SELECT code, severity, table_kind, year, message FROM findings WHERE proposal_id = ? ORDER BY id').all(id) as Row[]));
  return itemsOf(items);
}

function documentDetails(db: DB, documentId: number): Details {
  const items: [string, string][] = [];
  const o = stmt(db, 'SELECT title, price_level_year, total_mdkk FROM overviews WHERE document_id = ?').get(documentId) as Row | undefined;
  if (o) items.push(['overview', joined(o.title, o.price_level_year, o.total_mdkk)]);
  for (const it of stmt(db, 'SELECT line_no, committee, bc_number, title, amount_mdkk, not_committee_approved, cross_cutting, markers FROM overview_items WHERE document_id = ? ORDER BY line_no').all(documentId) as Row[])
    items.push([`overview line ${it.line_no}`, joined(it.committee, it.bc_number, it.title, it.amount_mdkk, it.not_committee_approved ? 'not committee approved' : null, it.cross_cutting ? 'cross-cutting' : null, it.markers)]);
  for (const f of stmt(db, 'SELECT marker, text FROM overview_footnotes WHERE document_id = ?').all(documentId) as Row[]) items.push([`overview footnote ${f.marker}`, String(f.text)]);
  items.push(...findingItems(stmt(db, 'SELECT code, severity, table_kind, year, message FROM findings WHERE document_id = ? AND proposal_id IS NULL ORDER BY id').all(documentId) as Row[]));
  return itemsOf(items);
}

/** The longest value of a detail a change keeps whole; a longer one (a section's text) is kept around where it changed. */
const DETAIL_CHARS = 300;

/**
 * Old and new value of a detail as the run's changes keep them: whole when short, else the stretch around the first
 * character where they differ, with '…' where text is left out, so that a rules change over thousands of sections
 * does not copy their texts into run_changes (the new text is in `sections`).
 */
export function clipped(oldValue: string | null, newValue: string | null): [string | null, string | null] {
  const long = (v: string | null) => v !== null && v.length > DETAIL_CHARS;
  if (!long(oldValue) && !long(newValue)) return [oldValue, newValue];
  let i = 0;
  if (oldValue !== null && newValue !== null) while (i < oldValue.length && i < newValue.length && oldValue[i] === newValue[i]) i++;
  const from = Math.max(0, i - 100);
  const clip = (v: string | null) =>
    v === null || v.length <= DETAIL_CHARS ? v : `${from > 0 ? '…' : ''}${v.slice(from, from + DETAIL_CHARS)}${from + DETAIL_CHARS < v.length ? '…' : ''}`;
  return [clip(oldValue), clip(newValue)];
}

/** The items of details that differ: added (old null), removed (new null) or changed. */
function diffDetails(proposal: string | null, before: Details, after: Details): Change[] {
  const out: Change[] = [];
  const change = (field: string, o: string | null, n: string | null) => {
    const [oldValue, newValue] = clipped(o, n);
    out.push({ proposal, change: 'detail_changed', field, oldValue, newValue });
  };
  for (const [k, v] of after) if (before.get(k) !== v) change(k, before.get(k) ?? null, v);
  for (const [k, v] of before) if (!after.has(k)) change(k, v, null);
  return out;
}

/**
 * How the changes name the proposals of two versions of a document: by the BC number as extracted (a correction does
 * not rename one), else `#seq`. A BC number that either version holds more than once has the extracted title beside
 * it in both, and the position as well where that is the same too, so that no two proposals share a name and the
 * removal of one of them is seen.
 */
function named<B extends ProposalName, A extends ProposalName>(before: readonly B[], after: readonly A[]): [Map<string, B>, Map<string, A>] {
  const twice = new Set<string>();
  for (const v of [before, after]) {
    const seen = new Set<string>();
    for (const e of v) if (e.bc !== null) (seen.has(e.bc) ? twice : seen).add(e.bc);
  }
  const name = <T extends ProposalName>(v: readonly T[]) => {
    const base = (e: ProposalName) => (e.bc === null ? `#${e.seq}` : twice.has(e.bc) ? `${e.bc} "${e.title ?? ''}"` : e.bc);
    const n = new Map<string, number>();
    for (const e of v) n.set(base(e), (n.get(base(e)) ?? 0) + 1);
    return new Map(v.map((e) => [n.get(base(e))! > 1 ? `${base(e)} #${e.seq}` : base(e), e]));
  };
  return [name(before), name(after)];
}

/**
 * For each proposal of a new version of a document, the one of the old version that the changes take for the same
 * proposal (undefined for one they call added): a proposal that is there again keeps its id (src/store/write.ts).
 */
export function sameProposals(before: Snapshot, after: readonly ProposalName[]): (Snapshot[number] | undefined)[] {
  const [old, now] = named(before, after);
  const byEntry = new Map([...now].map(([n, e]) => [e, old.get(n)]));
  return after.map((e) => byEntry.get(e));
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The change of a document seen for the first time: its number of proposals. */
export function documentAdded(proposals: number): Change[] {
  return [{ proposal: null, change: 'document_added', field: null, oldValue: null, newValue: String(proposals) }];
}

/** The changes from one version of a document to the next (none: the document's version is gone or failed). */
export function diffSnapshots(beforeVersion: Snapshot, afterVersion: Snapshot | readonly ProposalSnapshot[]): Change[] {
  const out: Change[] = [];
  const afterDetails = (afterVersion as Snapshot).details;
  if (afterDetails && beforeVersion.details) out.push(...diffDetails(null, beforeVersion.details, afterDetails));
  const [before, after] = named(beforeVersion, afterVersion);
  for (const [id] of before) if (!after.has(id)) out.push({ proposal: id, change: 'proposal_removed', field: null, oldValue: null, newValue: null });
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) {
      out.push({ proposal: id, change: 'proposal_added', field: null, oldValue: null, newValue: null });
      continue;
    }
    for (const f of FIELDS) if (str(a.fields[f]) !== str(b.fields[f])) out.push({ proposal: id, change: 'field_changed', field: f, oldValue: str(b.fields[f]), newValue: str(a.fields[f]) });
    for (const [k, v] of a.amounts) {
      const old = b.amounts.get(k);
      if (old === undefined) out.push({ proposal: id, change: 'amount_added', field: k, oldValue: null, newValue: String(v) });
      else if (old !== v) out.push({ proposal: id, change: 'amount_changed', field: k, oldValue: String(old), newValue: String(v) });
    }
    for (const [k, v] of b.amounts) if (!a.amounts.has(k)) out.push({ proposal: id, change: 'amount_removed', field: k, oldValue: String(v), newValue: null });
    for (const [k, line] of a.lines) {
      const old = b.lines.get(k);
      if (old) for (const f of LINE_FIELDS) if (str(line[f]) !== str(old[f])) out.push({ proposal: id, change: 'line_changed', field: `${k} ${f}`, oldValue: str(old[f]), newValue: str(line[f]) });
    }
    out.push(...diffDetails(id, b.details, a.details));
  }
  return out;
}
