/**
 * proposal_key: the same for the same proposal across documents and formats. A proposal with a BC number
 * is 'BC07/2018' (BC number / p/l year), or 'BC07/2018/SOF' when two departments used that number for proposals
 * whose titles are not alike (sharedBcKeys). One without takes the key of a proposal of the same p/l year and
 * presenting department whose title is similar enough (threshold in rules/reconcile.json); failing that,
 * it gets 'DEPT/YEAR/title-slug', shared with similar titles of the same year and department.
 * Keys are made from the extracted values, never from values corrected by hand.
 */
import type { DB } from './db.ts';
import { stmt } from './statements.ts';
import { canReach, normalizeTitle, profileSimilarity, titleProfile, type TitleProfile } from './similarity.ts';

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

/**
 * SQL for a field of proposal `p` as extracted: the value a correction replaced (also when that was empty: NULL),
 * else the stored one.
 */
export const extracted = (field: string) => {
  const applied = `FROM correction_applications a JOIN corrections c ON c.id = a.correction_id WHERE a.proposal_id = p.id AND c.target = '${field}'`;
  return `(CASE WHEN EXISTS (SELECT 1 ${applied}) THEN (SELECT a.extracted_value ${applied}) ELSE p.${field} END)`;
};

/** Proposals as extracted (corrections undone), oldest documents first. */
const IDENTITY_SQL = `SELECT p.id, ${extracted('bc_number')} AS bc_number, ${extracted('title')} AS title,
  CAST(${extracted('price_level_year')} AS INTEGER) AS price_level_year, ${extracted('presenting_department')} AS presenting_department, p.proposal_key, p.document_id
  FROM proposals p JOIN documents d ON d.id = p.document_id`;

const yearOf = (r: Identity) => (r.price_level_year === null ? 'unknown' : String(r.price_level_year));

function slugKey(r: Identity): string {
  return `${r.presenting_department ?? 'unknown'}/${yearOf(r)}/${normalizeTitle(r.title ?? `untitled-${r.id}`).replace(/\s+/g, '-').slice(0, 60)}`;
}

/** Proposals are only compared within the same p/l year and presenting department (as extracted). */
const bucketOf = (r: Omit<Identity, 'id'>) => JSON.stringify([r.price_level_year ?? null, r.presenting_department ?? null]);

/** The keyed proposals of a bucket, by their extracted year and department, in id order. */
const BUCKET_SQL = `${IDENTITY_SQL} WHERE p.proposal_key IS NOT NULL AND CAST(${extracted('price_level_year')} AS INTEGER) IS ? AND ${extracted('presenting_department')} IS ? ORDER BY p.id`;

type Keyed = { row: Identity; key: string; profile?: TitleProfile; sig?: string };

/**
 * The key for a proposal without a BC number, given the keyed proposals of its bucket (same extracted year and
 * department), in id order. `keyed` may instead be only those of them whose titles have the same bigrams as this
 * one's (a similarity of 1, which no other can beat, and ties follow the same order), with `all` the whole bucket,
 * where the tie rule looks up whose a key is: the answer is the same.
 */
export function similarKey(
  r: Identity, keyed: Keyed[], threshold: number, all: Keyed[] = keyed, mine: TitleProfile | null = r.title ? titleProfile(r.title) : null,
): { key: string; matched: boolean } {
  let best: { key: string; sim: number } | null = null;
  if (r.title && mine) {
    for (const k of keyed) {
      if (!k.row.title) continue;
      const theirs = (k.profile ??= titleProfile(k.row.title));
      if (!canReach(theirs, mine, threshold)) continue;
      const sim = profileSimilarity(theirs, mine);
      // a tie goes to a proposal with a BC number, unless the key found first belongs to one
      if (sim >= threshold && (!best || sim > best.sim || (sim === best.sim && k.row.bc_number && !all.find((x) => x.key === best!.key)?.row.bc_number)))
        best = { key: k.key, sim };
    }
  }
  return best ? { key: best.key, matched: true } : { key: slugKey(r), matched: false };
}

/**
 * The key of each new proposal, against what the archive holds when it is written. The keyed proposals of a
 * bucket are read from the database once and then kept up to date by the writer (the only one), which tells
 * it what it adds and which documents it deletes; after a rolled-back write it starts over. A batch run keeps
 * one for the whole run instead of reading the bucket again for every new proposal.
 */
export class KeyIndex {
  private buckets = new Map<string, (Keyed & { docId: number })[]>();
  private bucketsOfDoc = new Map<number, Set<string>>();
  /**
   * Per bucket, its entries by the bigrams of their titles, in bucket order. Versions of one proposal in other
   * documents and formats mostly have the same title: those are found here instead of by comparing the title with
   * every title of the bucket.
   */
  private sameTitles = new Map<string, Map<string, Keyed[]>>();

  constructor(
    private db: DB,
    private threshold: number,
  ) {}

  private bucket(r: Omit<Identity, 'id'>, name = bucketOf(r)): (Keyed & { docId: number })[] {
    let b = this.buckets.get(name);
    if (!b) {
      const rows = stmt(this.db, BUCKET_SQL).all(r.price_level_year, r.presenting_department) as (Identity & { proposal_key: string; document_id: number })[];
      b = rows.map((row) => ({ row, key: row.proposal_key, docId: row.document_id }));
      this.buckets.set(name, b);
      for (const e of b) this.noteDoc(e.docId, name);
    }
    return b;
  }

  private noteDoc(docId: number, bucket: string): void {
    let s = this.bucketsOfDoc.get(docId);
    if (!s) this.bucketsOfDoc.set(docId, (s = new Set()));
    s.add(bucket);
  }

  /** The bucket's entries by title bigrams, made when first needed after the bucket was read or lost entries. */
  private titlesOf(name: string, b: Keyed[]): Map<string, Keyed[]> {
    let m = this.sameTitles.get(name);
    if (!m) {
      this.sameTitles.set(name, (m = new Map()));
      for (const e of b) addTitle(m, e);
    }
    return m;
  }

  keyFor(r: Omit<Identity, 'id'>): string {
    const known = bcKey(r.bc_number, r.price_level_year);
    if (known) return known;
    const name = bucketOf(r);
    const b = this.bucket(r, name);
    const mine = r.title ? titleProfile(r.title) : null;
    const same = mine ? this.titlesOf(name, b).get(signature(mine)) : undefined;
    return similarKey({ ...r, id: 0 }, same ?? b, this.threshold, b, mine).key;
  }

  /** A proposal the writer inserted with this key. */
  added(row: Identity, docId: number, key: string): void {
    const name = bucketOf(row);
    const b = this.buckets.get(name);
    if (!b) return; // read from the database when first needed
    const e = { row, key, docId };
    b.push(e);
    const m = this.sameTitles.get(name);
    if (m) addTitle(m, e);
    this.noteDoc(docId, name);
  }

  /** The writer deleted the proposals of this document. */
  deletedDocument(docId: number): void {
    for (const name of this.bucketsOfDoc.get(docId) ?? []) {
      const b = this.buckets.get(name);
      if (b) this.buckets.set(name, b.filter((e) => e.docId !== docId));
      this.sameTitles.delete(name);
    }
    this.bucketsOfDoc.delete(docId);
  }

  /** After a write was rolled back, nothing held may be trusted. */
  reset(): void {
    this.buckets.clear();
    this.bucketsOfDoc.clear();
    this.sameTitles.clear();
  }
}

/** Titles with the same bigrams have a similarity of 1 (and only those). */
const signature = (p: TitleProfile) => `${p.bigrams.join(',')}|${p.bigrams.length ? '' : p.norm}`;

function addTitle(m: Map<string, Keyed[]>, e: Keyed): void {
  if (!e.row.title) return; // similarKey passes over untitled proposals
  const sig = (e.sig ??= signature((e.profile ??= titleProfile(e.row.title))));
  const list = m.get(sig);
  if (list) list.push(e);
  else m.set(sig, [e]);
}

/**
 * The keys of the proposals that share a BC number and p/l year. They are one proposal, unless they come from
 * different presenting departments under titles that are not alike (two administrations that numbered a
 * proposal of theirs alike): then each department's proposals get the key with the department added
 * ('BC20/2018/BUF'), and a version without a department joins the department whose title it shares.
 */
function sharedBcKeys(key: string, group: Identity[], threshold: number): [Identity, string][] {
  const depts = [...new Set(group.map((r) => r.presenting_department).filter((d): d is string => d !== null && d !== ''))];
  if (depts.length < 2) return group.map((r) => [r, key]);
  // each title prepared once: the pairs below grow with the square of the group (every version of the proposal)
  const profiles = new Map(group.map((r) => [r, r.title === null ? null : titleProfile(r.title)]));
  const same = (a: Identity, b: Identity) => {
    const x = profiles.get(a);
    const y = profiles.get(b);
    return !!x && !!y && canReach(x, y, threshold) && profileSimilarity(x, y) >= threshold;
  };
  const apart = !group.some((a) => group.some((b) => a.presenting_department && b.presenting_department && a.presenting_department !== b.presenting_department && same(a, b)));
  if (!apart) return group.map((r) => [r, key]);
  return group.map((r) => {
    const dept = r.presenting_department || group.find((o) => o.presenting_department && same(o, r))?.presenting_department || 'unknown';
    return [r, `${key}/${dept}`];
  });
}

/**
 * schema_meta key set by a run that changed the archive, in the transaction of its first change, and removed once
 * the keys are relinked and the corrections applied after it: a run killed in between leaves it, and the next run
 * relinks even when it has nothing else to do.
 */
const RELINK_PENDING = 'relink_pending';

export function markRelinkPending(db: DB): void {
  stmt(db, "INSERT OR REPLACE INTO schema_meta (key, value) VALUES (?, '1')").run(RELINK_PENDING);
}

export function relinkPending(db: DB): boolean {
  return stmt(db, 'SELECT 1 FROM schema_meta WHERE key = ?').get(RELINK_PENDING) !== undefined;
}

export function relinkDone(db: DB): void {
  stmt(db, 'DELETE FROM schema_meta WHERE key = ?').run(RELINK_PENDING);
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
  const byBcKey = new Map<string, Identity[]>();
  for (const r of rows) {
    const k = bcKey(r.bc_number, r.price_level_year);
    if (!k) continue;
    let g = byBcKey.get(k);
    if (!g) byBcKey.set(k, (g = []));
    g.push(r);
  }
  for (const [k, group] of byBcKey)
    for (const [r, key] of sharedBcKeys(k, group, threshold)) {
      keys.set(r.id, key);
      bucket(r).push({ row: r, key });
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
