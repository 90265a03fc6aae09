import { openReadOnly, type DB } from '../store/db.ts';
import { BC_SPELLING, canonicalBcNumber } from '../normalize/bc.ts';
import { cut, yearOption } from './format.ts';

interface ProposalRow {
  id: number; document_id: number; seq: number; kind: string | null; bc_number: string | null; title: string | null; subtitle: string | null;
  summary: string | null; fund: string | null; presenting_department: string | null; price_level_year: number | null;
  page_start: number | null; page_end: number | null; proposal_key: string | null; field_rules: string | null; path: string; format: string;
}

const BC_ID = new RegExp(`^(${BC_SPELLING})(/.*)?$`, 'i');

export function findProposals(db: DB, id: string, year?: string): ProposalRow[] {
  // the versions of a proposal come in the order current_proposals ranks them (bundle first, then the rules' format
  // preference); a version of a file gone missing has no rank and comes last
  const base = `SELECT p.*, d.path, d.format FROM proposals p JOIN documents d ON d.id = p.document_id
    LEFT JOIN proposal_versions v ON v.proposal_id = p.id WHERE d.status = 'ok' AND `;
  const order = ' ORDER BY p.proposal_key, v.rank IS NULL, v.rank, d.path, p.seq';
  if (/^\d+$/.test(id)) return db.prepare(`${base} p.id = ?${order}`).all(Number(id)) as ProposalRow[];
  // 'BC7', 'bc 07' and 'BC7/2018' find what is stored as BC07 and BC07/2018 (src/normalize/bc.ts)
  const asBc = BC_ID.exec(id.trim());
  const bc = asBc ? canonicalBcNumber(asBc[1]!) : null;
  const key = asBc ? `${bc}${asBc[2] ?? ''}` : id;
  // a BC number alone matches every version; a key ('BC07/2018', in any case: 'bc07/2019/buf') its own, and the
  // keys it split into when two departments numbered different proposals alike (BC07/2018/BUF, BC07/2018/KFF)
  // SQLite's upper() folds ASCII only: keys hold Danish letters ('SOF/2021/ældre-...')
  db.function('fold', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? v.toLocaleUpperCase('da') : null));
  const params: (string | number | null)[] = [asBc?.[2] ? null : bc, key, key, key];
  if (year !== undefined) params.push(Number(year));
  return db
    .prepare(`${base} (p.bc_number = ? OR fold(p.proposal_key) = fold(?) OR fold(substr(p.proposal_key, 1, length(?) + 1)) = fold(? || '/'))${year !== undefined ? ' AND p.price_level_year = ?' : ''}${order}`)
    .all(...params) as ProposalRow[];
}

export function renderProposal(db: DB, p: ProposalRow): string {
  const out: string[] = [];
  out.push(`${p.bc_number ?? '(no BC number)'} ${p.title ?? '(no title)'}`);
  if (p.subtitle) out.push(`  ${p.subtitle}`);
  out.push('');
  const depts = db.prepare('SELECT department, role FROM proposal_departments WHERE proposal_id = ? ORDER BY role, department').all(p.id) as { department: string; role: string }[];
  const field = (k: string, v: unknown) => out.push(`${k.padEnd(24)}${v ?? '—'}`);
  field('Kind', p.kind);
  field('Fund', p.fund);
  field('Presenting department', p.presenting_department);
  field('Affected departments', depts.filter((d) => d.role === 'affected').map((d) => d.department).join(', ') || '—');
  field('Price level (p/l)', p.price_level_year);
  field('Proposal key', p.proposal_key);
  field('Source', `${p.path} (${p.format}${p.page_start ? `, pages ${p.page_start}-${p.page_end}` : ''}), proposal ${p.seq} in the document`);
  if (p.field_rules) field('Rules', Object.entries(JSON.parse(p.field_rules) as Record<string, string>).map(([k, v]) => `${k}: ${v}`).join('; '));
  if (p.summary) out.push('', 'Kort resumé:', p.summary);
  for (const kind of ['consequences', 'investments']) {
    const lines = db.prepare('SELECT line_no, label, category, steering_area, is_total, year, amount_tdkk, page, rule_id FROM budget_lines WHERE proposal_id = ? AND table_kind = ? ORDER BY line_no, year').all(p.id, kind) as {
      line_no: number; label: string; category: string | null; steering_area: string | null; is_total: number; year: number; amount_tdkk: number; page: number | null; rule_id: string;
    }[];
    if (!lines.length) continue;
    const years = [...new Set(lines.map((l) => l.year))].sort();
    out.push('', `${kind === 'consequences' ? 'Economic consequences' : 'Investments'} (1.000 kr.)  [rule ${lines[0]!.rule_id}]`);
    out.push(`  ${'line'.padEnd(52)}${years.map((y) => String(y).padStart(9)).join('')}  page`);
    const byLine = new Map<number, typeof lines>();
    for (const l of lines) byLine.set(l.line_no, [...(byLine.get(l.line_no) ?? []), l]);
    for (const [, ls] of byLine) {
      const l = ls[0]!;
      const label = cut(`${l.is_total ? '= ' : '  '}${l.label}`, 50).padEnd(52);
      out.push(`  ${label}${years.map((y) => String(ls.find((x) => x.year === y)?.amount_tdkk ?? '').padStart(9)).join('')}  ${l.page ?? ''}`);
    }
  }
  const corrections = db
    .prepare('SELECT c.target, c.value, c.reason, a.extracted_value FROM corrections c JOIN correction_applications a ON a.correction_id = c.id WHERE a.proposal_id = ? ORDER BY c.id')
    .all(p.id) as { target: string; value: string; reason: string; extracted_value: string | null }[];
  if (corrections.length) {
    out.push('', 'Corrected by hand:');
    for (const c of corrections) out.push(`  ${c.target} = ${c.value} (extracted: ${c.extracted_value ?? 'nothing'}; reason: ${c.reason})`);
  }
  const findings = db.prepare('SELECT code, severity, message FROM findings WHERE proposal_id = ? ORDER BY id').all(p.id) as { code: string; severity: string; message: string }[];
  if (findings.length) {
    out.push('', 'Findings:');
    for (const f of findings) out.push(`  ${f.severity.toUpperCase()} ${f.code}: ${f.message}`);
  }
  const sections = db.prepare('SELECT ord, key, heading, page FROM sections WHERE proposal_id = ? ORDER BY ord').all(p.id) as { ord: number; key: string | null; heading: string; page: number | null }[];
  if (sections.length) {
    out.push('', 'Sections:');
    for (const s of sections) out.push(`  ${s.heading}${s.key ? `  [${s.key}]` : ''}${s.page ? `  p. ${s.page}` : ''}`);
  }
  return out.join('\n') + '\n';
}

export async function runShow(id: string, o: { db: string; year?: string }): Promise<number> {
  yearOption(o.year);
  const db = openReadOnly(o.db);
  try {
    const rows = findProposals(db, id, o.year);
    if (!rows.length) {
      process.stderr.write(`proposals show: no proposal matches "${id}"${o.year ? ` with p/l year ${o.year}` : ''}\n`);
      return 1;
    }
    process.stdout.write(rows.map((r) => renderProposal(db, r)).join('\n' + '─'.repeat(72) + '\n\n'));
    return 0;
  } finally {
    db.close();
  }
}
