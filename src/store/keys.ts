/**
 * proposal_key: the same for the same proposal across documents and formats. A proposal with a BC number
 * is 'BC07/2018' (BC number / p/l year). One without takes the key of a proposal of the same p/l year and
 * presenting department whose title is similar enough (threshold in rules/reconcile.json); failing that,
 * it gets 'DEPT/YEAR/title-slug', shared with similar titles of the same year and department.
 */
import type { DB } from './db.ts';
import type { Rules } from '../rules/index.ts';
import { normalizeTitle, titleSimilarity } from './similarity.ts';

interface Row {
  id: number;
  bc_number: string | null;
  title: string | null;
  price_level_year: number | null;
  presenting_department: string | null;
  path: string;
}

export function relinkProposalKeys(db: DB, rules: Rules): number {
  const rows = db
    .prepare(`SELECT p.id, p.bc_number, p.title, p.price_level_year, p.presenting_department, d.path FROM proposals p JOIN documents d ON d.id = p.document_id ORDER BY d.path, p.seq`)
    .all() as Row[];
  const keys = new Map<number, string>();
  const year = (r: Row) => (r.price_level_year === null ? 'unknown' : String(r.price_level_year));
  const keyed: { row: Row; key: string }[] = [];
  for (const r of rows)
    if (r.bc_number) {
      const k = `${r.bc_number}/${year(r)}`;
      keys.set(r.id, k);
      keyed.push({ row: r, key: k });
    }
  const threshold = rules.reconcile.keyTitleSimilarity;
  for (const r of rows) {
    if (r.bc_number) continue;
    const sameGroup = (o: Row) => year(o) === year(r) && o.presenting_department === r.presenting_department && o.title && r.title;
    let best: { key: string; sim: number } | null = null;
    for (const k of keyed) {
      if (!sameGroup(k.row)) continue;
      const sim = titleSimilarity(k.row.title!, r.title!);
      if (sim >= threshold && (!best || sim > best.sim)) best = { key: k.key, sim };
    }
    const key = best?.key ?? `${r.presenting_department ?? 'unknown'}/${year(r)}/${normalizeTitle(r.title ?? `untitled-${r.id}`).replace(/\s+/g, '-').slice(0, 60)}`;
    keys.set(r.id, key);
    if (!best) keyed.push({ row: r, key });
  }
  const upd = db.prepare('UPDATE proposals SET proposal_key = ? WHERE id = ? AND proposal_key IS NOT ?');
  let changed = 0;
  db.transaction(() => {
    for (const [id, k] of keys) changed += upd.run(k, id, k).changes;
  })();
  return changed;
}
