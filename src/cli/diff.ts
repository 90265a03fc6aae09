/** `proposals diff <key>`: where the stored versions of one proposal differ (fields, and totals by table and year). */
import { openReadOnly } from '../store/db.ts';
import { toTable } from './format.ts';

export async function runDiff(key: string, o: { db: string }): Promise<number> {
  const db = openReadOnly(o.db);
  try {
    const versions = db.prepare(
      `SELECT v.proposal_id, v.path, v.format, v.rank, p.bc_number, p.title, p.fund, p.presenting_department, p.price_level_year, p.kind, p.summary
       FROM proposal_versions v JOIN proposals p ON p.id = v.proposal_id WHERE v.proposal_key = ? ORDER BY v.rank`,
    ).all(key) as Record<string, unknown>[];
    if (!versions.length) {
      process.stderr.write(`proposals diff: no proposal has the key "${key}"\n`);
      return 1;
    }
    const out: string[] = [`${key}: ${versions.length} version(s)`];
    versions.forEach((v, i) => out.push(`  v${i + 1}  ${v.path} (${v.format})${v.rank === 1 ? '  <- used by the views' : ''}`));
    const fields = ['bc_number', 'title', 'kind', 'fund', 'presenting_department', 'price_level_year', 'summary'];
    const fieldRows = fields
      .filter((f) => new Set(versions.map((v) => JSON.stringify(v[f]))).size > 1)
      .map((f) => ({ field: f, ...Object.fromEntries(versions.map((v, i) => [`v${i + 1}`, v[f]])) }));
    const totals = db.prepare(
      `SELECT b.table_kind, b.year, b.label, b.amount_tdkk FROM budget_lines b WHERE b.proposal_id = ? AND b.is_total = 1 ORDER BY b.table_kind, b.line_no, b.year`,
    );
    const cells = new Map<string, Record<string, unknown>>();
    versions.forEach((v, i) => {
      for (const t of totals.all(v.proposal_id) as { table_kind: string; year: number; label: string; amount_tdkk: number }[]) {
        const k = `${t.table_kind}|${t.label}|${t.year}`;
        const row = cells.get(k) ?? { table: t.table_kind, total: t.label, year: t.year };
        row[`v${i + 1}`] = t.amount_tdkk;
        cells.set(k, row);
      }
    });
    const amountRows = [...cells.values()].filter((r) => new Set(versions.map((_, i) => r[`v${i + 1}`] ?? null)).size > 1);
    const cols = versions.map((_, i) => `v${i + 1}`);
    out.push('', fieldRows.length ? `Fields that differ:\n${toTable(['field', ...cols], fieldRows)}` : 'Fields: the same in every version.');
    out.push(amountRows.length ? `Totals that differ (1.000 kr.):\n${toTable(['table', 'total', 'year', ...cols], amountRows)}` : 'Totals: the same in every version.\n');
    process.stdout.write(out.join('\n'));
    return 0;
  } finally {
    db.close();
  }
}
