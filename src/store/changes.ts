/**
 * What a re-extraction changed in one document: proposals added or removed, header fields and amounts that
 * changed, and how a budget line is read (its group, Styringsområde, whether it is a total or part of the
 * request). A proposal is known within its document by its BC number as extracted, else by its position
 * (named()).
 */
import type { DB } from './db.ts';
import { stmt } from './statements.ts';
import { extracted } from './keys.ts';

export interface Change {
  proposal: string | null;
  change: 'document_added' | 'document_missing' | 'document_returned' | 'proposal_added' | 'proposal_removed' | 'field_changed' | 'amount_changed' | 'amount_added' | 'amount_removed' | 'line_changed';
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

/** A document's proposals, in order, each with its id and what names it. */
export type Snapshot = (ProposalName & {
  id: number;
  title: string | null;
  fields: Record<string, unknown>;
  amounts: Map<string, number>;
  lines: Map<string, Record<string, unknown>>;
})[];

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
  for (const p of props) {
    const amounts = new Map<string, number>();
    const lines = new Map<string, Record<string, unknown>>();
    for (const l of rows.all(p.id) as { table_kind: string; line_no: number; label: string; year: number; amount_tdkk: number }[]) {
      const line = `${l.table_kind} line ${l.line_no} "${l.label}"`;
      amounts.set(`${line} ${l.year}`, l.amount_tdkk);
      lines.set(line, l);
    }
    const fields = Object.fromEntries(FIELDS.map((f) => [f, p[f] ?? null]));
    snap.push({ id: p.id as number, bc: p.extracted_bc as string | null, title: p.extracted_title as string | null, seq: p.seq as number, fields, amounts, lines });
  }
  return snap;
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

export function diffSnapshots(beforeVersion: Snapshot, afterVersion: Snapshot): Change[] {
  const out: Change[] = [];
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
  }
  return out;
}
