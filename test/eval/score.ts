/**
 * Scores extracted records against the hand-written gold set in test/gold/: per-field accuracy, for one format.
 * Used by the test suite (which fails below 99% on any field) and by `npm run eval` (which prints the table).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractedDocument, Format } from '../../src/types.ts';
import { ingestFile } from '../../src/ingest/index.ts';
import { parseDocument } from '../../src/parse/index.ts';
import { loadRules } from '../../src/rules/index.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const goldDir = join(root, 'test', 'gold');

export interface GoldLine {
  table: 'consequences' | 'investments';
  label: string;
  category: string | null;
  steeringArea: string | null;
  isTotal: boolean;
  amounts: Record<string, number>;
}
export interface GoldProposal {
  seq: number;
  kind: string | null;
  bcNumber: string | null;
  title: string | null;
  subtitle: string | null;
  summaryStart: string;
  summaryEnd: string;
  fund: string | null;
  presentingDepartment: string | null;
  affectedDepartments: string[];
  priceLevelYear: number | null;
  budgetLines: GoldLine[];
  expectedFindings?: { code: string; table: string | null; year: number | null; expected: number | null; actual: number | null; note?: string }[];
}
export interface GoldDocument {
  document: string;
  overview: null | {
    priceLevelYear: number | null;
    totalMdkk: number | null;
    items: { committee: string | null; bcNumber: string | null; title: string; amountMdkk: number | null; notCommitteeApproved: boolean; crossCutting: boolean }[];
  };
  proposals: GoldProposal[];
}

export function loadGold(dir = goldDir): GoldDocument[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldDocument);
}

const ws = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export class Tally {
  readonly fields = new Map<string, { ok: number; total: number; misses: string[] }>();
  add(field: string, ok: boolean, detail: string) {
    const f = this.fields.get(field) ?? { ok: 0, total: 0, misses: [] };
    f.total++;
    if (ok) f.ok++;
    else f.misses.push(detail);
    this.fields.set(field, f);
  }
  accuracy(field: string): number {
    const f = this.fields.get(field);
    return f && f.total ? f.ok / f.total : 0;
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function scoreDocument(gold: GoldDocument, got: ExtractedDocument | null, tally: Tally) {
  const where = gold.document;
  if (gold.overview) {
    const o = got?.overview ?? null;
    tally.add('overview.priceLevelYear', o?.priceLevelYear === gold.overview.priceLevelYear, `${where}: ${o?.priceLevelYear}`);
    tally.add('overview.totalMdkk', o?.totalMdkk === gold.overview.totalMdkk, `${where}: ${o?.totalMdkk}`);
    gold.overview.items.forEach((g, i) => {
      const it = o?.items[i];
      const at = `${where} overview row ${i + 1}`;
      tally.add('overview.committee', it?.committee === g.committee, `${at}: ${it?.committee} != ${g.committee}`);
      tally.add('overview.bcNumber', it?.bcNumber === g.bcNumber, `${at}: ${it?.bcNumber} != ${g.bcNumber}`);
      tally.add('overview.title', ws(it?.title) === ws(g.title), `${at}: ${it?.title} != ${g.title}`);
      tally.add('overview.amountMdkk', it?.amountMdkk === g.amountMdkk, `${at}: ${it?.amountMdkk} != ${g.amountMdkk}`);
      tally.add('overview.flags', it?.notCommitteeApproved === g.notCommitteeApproved && it?.crossCutting === g.crossCutting, `${at}: flags`);
    });
    tally.add('overview.rows', (o?.items.length ?? 0) === gold.overview.items.length, `${where}: ${o?.items.length} rows`);
  } else tally.add('overview.rows', !got?.overview, `${where}: unexpected overview`);

  tally.add('proposals.count', (got?.proposals.length ?? 0) === gold.proposals.length, `${where}: ${got?.proposals.length} proposals`);
  for (const g of gold.proposals) {
    const p = got?.proposals.find((x) => x.seq === g.seq);
    const at = `${where} #${g.seq}`;
    tally.add('kind', p?.kind === g.kind, `${at}: ${p?.kind} != ${g.kind}`);
    tally.add('bcNumber', p?.bcNumber === g.bcNumber, `${at}: ${p?.bcNumber} != ${g.bcNumber}`);
    tally.add('title', ws(p?.title) === ws(g.title), `${at}: ${p?.title} != ${g.title}`);
    tally.add('subtitle', ws(p?.subtitle) === ws(g.subtitle), `${at}: ${p?.subtitle} != ${g.subtitle}`);
    const summary = ws(p?.summary);
    tally.add('summary', summary.startsWith(ws(g.summaryStart)) && summary.endsWith(ws(g.summaryEnd)), `${at}: ${summary.slice(0, 40)}…${summary.slice(-30)}`);
    tally.add('fund', p?.fund === g.fund, `${at}: ${p?.fund} != ${g.fund}`);
    tally.add('presentingDepartment', p?.presentingDepartment === g.presentingDepartment, `${at}: ${p?.presentingDepartment} != ${g.presentingDepartment}`);
    tally.add('affectedDepartments', same([...(p?.affectedDepartments ?? [])].sort(), [...g.affectedDepartments].sort()), `${at}: ${p?.affectedDepartments} != ${g.affectedDepartments}`);
    tally.add('priceLevelYear', p?.priceLevelYear === g.priceLevelYear, `${at}: ${p?.priceLevelYear} != ${g.priceLevelYear}`);
    for (const table of ['consequences', 'investments'] as const) {
      const gl = g.budgetLines.filter((l) => l.table === table);
      const pl = p?.budgetLines.filter((l) => l.tableKind === table) ?? [];
      tally.add('budget.lineCount', gl.length === pl.length, `${at} ${table}: ${pl.length} lines, gold ${gl.length}`);
      gl.forEach((l, i) => {
        const x = pl[i];
        const lat = `${at} ${table} line ${i + 1}`;
        tally.add('budget.label', ws(x?.label) === ws(l.label), `${lat}: ${x?.label} != ${l.label}`);
        tally.add('budget.category', (x?.category ?? null) === l.category, `${lat}: ${x?.category} != ${l.category}`);
        tally.add('budget.steeringArea', (x?.steeringArea ?? null) === l.steeringArea, `${lat}: ${x?.steeringArea} != ${l.steeringArea}`);
        tally.add('budget.isTotal', x?.isTotal === l.isTotal, `${lat}: ${x?.isTotal} != ${l.isTotal}`);
        const amounts = Object.fromEntries((x?.amounts ?? []).map((a) => [String(a.year), a.amount]));
        const years = new Set([...Object.keys(amounts), ...Object.keys(l.amounts)]);
        for (const y of years) tally.add('budget.amount', amounts[y] === l.amounts[y], `${lat} ${y}: ${amounts[y]} != ${l.amounts[y]}`);
      });
    }
  }
}

/** The corpus file of a gold document in one format. */
export function corpusFile(gold: GoldDocument, format: Format): string {
  return join(root, 'corpus', format, `${gold.document}.${format}`);
}

export async function extractForEval(path: string): Promise<ExtractedDocument | null> {
  try {
    const doc = await ingestFile(path);
    return parseDocument(doc.blocks, loadRules());
  } catch {
    return null;
  }
}

export async function scoreFormat(format: Format): Promise<Tally> {
  const tally = new Tally();
  for (const gold of loadGold()) scoreDocument(gold, await extractForEval(corpusFile(gold, format)), tally);
  return tally;
}

/** Findings the reconciliation makes on a document, in the gold set's shape, for comparison with expectedFindings. */
export function findingKeys(findings: { proposalSeq: number | null; code: string; tableKind?: string | null; year?: number | null; expected?: number | null; actual?: number | null }[]) {
  return findings
    .filter((f) => ['TOTAL_MISMATCH', 'TABLE_MISMATCH', 'OVERVIEW_MISMATCH', 'TITLE_MISMATCH'].includes(f.code))
    .map((f) => `#${f.proposalSeq} ${f.code} ${f.tableKind ?? '-'} ${f.year ?? '-'} ${f.expected ?? '-'} ${f.actual ?? '-'}`)
    .sort();
}

export function goldFindingKeys(gold: GoldDocument) {
  return gold.proposals
    .flatMap((p) => (p.expectedFindings ?? []).map((f) => `#${p.seq} ${f.code} ${f.code === 'OVERVIEW_MISMATCH' ? '-' : (f.table ?? '-')} ${f.year ?? '-'} ${f.expected ?? '-'} ${f.actual ?? '-'}`))
    .sort();
}
