/**
 * proposal_key: the same for the same proposal across documents and formats. A proposal with a BC number
 * is 'BC07/2018' (BC number / p/l year). One without takes the key of a proposal of the same p/l year and
 * presenting department whose title is similar enough (threshold in rules/reconcile.json); failing that,
 * it gets 'DEPT/YEAR/title-slug', shared with similar titles of the same year and department.
 * Keys are made from the extracted values, never from values corrected by hand.
 */
import type { DB } from './db.ts';
import { stmt } from './statements.ts';
import { normalizeTitle, titleSimilarity } from './similarity.ts';

export interface Identity {
  id: number;
  bc_number: string | null;
  title: string | null;
  price_level_year: number | null;
  presenting_department: string | null;
}

/** The key of a proposal with a BC number, known at once. */
export function bcKey(bcNumber: string | null, year: number | null): string | null {
  return bcNumber ? `${bcNumber}/${year ?? 'unknown'}` : null;
}

const extracted = (field: string) =>
  `COALESCE((SELECT a.extracted_value FROM correction_applications a JOIN corrections c ON c.id = a.correction_id
             WHERE a.proposal_id = p.id AND c.target = '${field}'), p.${field})`;

/** Proposals as extracted (corrections undone), oldest documents first. */
const IDENTITY_SQL = `SELECT p.id, ${extracted('bc_number')} AS bc_number, ${extracted('title')} AS title,
  CAST(${extracted('price_level_year')} AS INTEGER) AS price_level_year, ${extracted('presenting_department')} AS presenting_department, p.proposal_key
  FROM proposals p JOIN documents d ON d.id = p.document_id`;

const yearOf = (r: Identity) => (r.price_level_year === null ? 'unknown' : String(r.price_level_year));

function slugKey(r: Identity): string {
  return `${r.presenting_department ?? 'unknown'}/${yearOf(r)}/${normalizeTitle(r.title ?? `untitled-${r.id}`).replace(/\s+/g, '-').slice(0, 60)}`;
}

/** The key for a proposal without a BC number, given the keyed proposals to compare with. */
/** Proposals are only compared within the same p/l year and presenting department. */
const bucketOf = (r: Identity) => `${yearOf(r)}|${r.presenting_department ?? ''}`;

export function similarKey(r: Identity, keyed: { row: Identity; key: string }[], threshold: number): { key: string; matched: boolean } {
  let best: { key: string; sim: number } | null = null;
  for (const k of keyed) {
    if (bucketOf(k.row) !== bucketOf(r) || !k.row.title || !r.title) continue;
    const sim = titleSimilarity(k.row.title, r.title);
    if (sim >= threshold && (!best || sim > best.sim || (sim === best.sim && k.row.bc_number && !keyed.find((x) => x.key === best!.key)?.row.bc_number)))
      best = { key: k.key, sim };
  }
  return best ? { key: best.key, matched: true } : { key: slugKey(r), matched: false };
}

/** Key for one new proposal, against what the archive holds now (used while a document is written). */
export function keyForNew(db: DB, r: Omit<Identity, 'id'>, threshold: number): string {
  const bc = bcKey(r.bc_number, r.price_level_year);
  if (bc) return bc;
  const rows = stmt(db, `${IDENTITY_SQL} WHERE p.proposal_key IS NOT NULL AND p.price_level_year IS ? AND p.presenting_department IS ?`).all(r.price_level_year, r.presenting_department) as (Identity & { proposal_key: string })[];
  return similarKey({ ...r, id: 0 }, rows.map((row) => ({ row, key: row.proposal_key })), threshold).key;
}

/** Recomputes every key (after a run), so that the order documents arrive in does not matter. */
export function relinkProposalKeys(db: DB, threshold: number): number {
  const rows = stmt(db, `${IDENTITY_SQL} ORDER BY d.path, p.seq`).all() as Identity[];
  const keys = new Map<number, string>();
  const buckets = new Map<string, { row: Identity; key: string }[]>();
  const bucket = (r: Identity) => {
    let b = buckets.get(bucketOf(r));
    if (!b) buckets.set(bucketOf(r), (b = []));
    return b;
  };
  for (const r of rows) {
    const k = bcKey(r.bc_number, r.price_level_year);
    if (k) {
      keys.set(r.id, k);
      bucket(r).push({ row: r, key: k });
    }
  }
  // Titles seen before in a bucket give the same answer: compare each distinct title once.
  const known = new Map<string, { key: string; matched: boolean }>();
  for (const r of rows) {
    if (r.bc_number) continue;
    const memo = `${bucketOf(r)}|${r.title ?? ''}`;
    let found = r.title ? known.get(memo) : undefined;
    if (!found) {
      found = similarKey(r, bucket(r), threshold);
      if (!found.matched) bucket(r).push({ row: r, key: found.key });
      if (r.title) known.set(memo, { key: found.key, matched: true });
    }
    keys.set(r.id, found.key);
  }
  const upd = stmt(db, 'UPDATE proposals SET proposal_key = ? WHERE id = ? AND proposal_key IS NOT ?');
  let changed = 0;
  db.transaction(() => {
    for (const [id, k] of keys) changed += upd.run(k, id, k).changes;
  })();
  return changed;
}
