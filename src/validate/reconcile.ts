/**
 * Reconciliation: where a document's own numbers disagree, as findings. A finding never changes an amount.
 *
 * - TOTAL_MISMATCH: a total row differs from the sum of the lines it totals. A group total ('Samlede
 *   implementeringsomkostninger') covers the lines of its group; any other total covers the group totals
 *   plus the lines outside closed groups. A total that covers no detail line (a table of totals whose lines
 *   stand in the other table) is not checked, nor one that states the sum of the lines right below it (a table
 *   that sets its totals above their groups).
 * - TABLE_MISMATCH: the consequences and the investments table disagree on a year's total. Both are taken as
 *   what the proposal asks for (src/parse/request.ts): with savings in the consequences table, its investments.
 * - OVERVIEW_MISMATCH / OVERVIEW_UNMATCHED / TITLE_MISMATCH: a bundle's overview against its proposals; the
 *   overview's amount is compared with what the proposal asks for.
 * - MISSING_FIELD: a header field or the consequences table is absent.
 * - REQUEST_UNKNOWN: savings in the consequences table, no group of investments and no investments table.
 * A table and year with a cell the parser could not read (UNREADABLE_AMOUNT) is not checked: its sum is not
 * known, and a mismatch there would be the parser's, not the document's; nor is that proposal's overview amount.
 * Amounts are compared as exact integers of thousandths, never as floats.
 */
import type { BudgetLine, ExtractedDocument, Proposal, TableKind } from '../types.ts';
import { matchesAny, type Rules } from '../rules/index.ts';
import type { Finding } from '../store/write.ts';
import { titleSimilarity } from '../store/similarity.ts';
import { UNREADABLE_AMOUNT, closesGroup } from '../parse/tables.ts';

/** The tables and years ('seq|kind|year') that hold a cell the parser could not read: their sums are not known. */
type Unreadable = Set<string>;
const unreadableKey = (seq: number, kind: TableKind, year: number) => `${seq}|${kind}|${year}`;

function unreadableCells(doc: ExtractedDocument): Unreadable {
  const out: Unreadable = new Set();
  for (const m of doc.messages)
    if (m.code === UNREADABLE_AMOUNT && m.proposalSeq !== undefined && m.tableKind !== undefined && m.year !== undefined) out.add(unreadableKey(m.proposalSeq, m.tableKind, m.year));
  return out;
}

/** Exact integer in thousandths of the unit. */
const fixed = (n: number) => Math.round(n * 1000);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, ''));

// amountIn, linesOf and tableYears, called per line, year and table, loop rather than pass callbacks: callbacks made
// per call die with it, and each full garbage collection in a worker then throws their compiled code away (see
// src/pipeline/pool.ts).

function amountIn(line: BudgetLine, year: number): number | undefined {
  for (const a of line.amounts) if (a.year === year) return a.amount;
  return undefined;
}

/** The lines of one table of a proposal. */
function linesOf(p: Proposal, kind: TableKind): BudgetLine[] {
  const out: BudgetLine[] = [];
  for (const l of p.budgetLines) if (l.tableKind === kind) out.push(l);
  return out;
}


function tableYears(lines: BudgetLine[]): number[] {
  const years = new Set<number>();
  for (const l of lines) for (const a of l.amounts) years.add(a.year);
  return [...years].sort();
}

/** The lines a total covers: its group's lines (group total) or the group totals and ungrouped lines (grand total). */
function covered(lines: BudgetLine[], total: BudgetLine, rules: Rules): { parts: BudgetLine[]; detail: number } {
  const before = lines.filter((l) => l.lineNo < total.lineNo);
  if (closesGroup(total.label, total.category, rules) && total.category !== null) {
    const parts = before.filter((l) => !l.isTotal && l.category === total.category);
    return { parts, detail: parts.length };
  }
  const groupTotals = before.filter((l) => l.isTotal && closesGroup(l.label, l.category, rules) && l.category !== null);
  const closed = new Set(groupTotals.map((g) => g.category));
  const loose = before.filter((l) => !l.isTotal && !closed.has(l.category));
  const detail = loose.length + before.filter((l) => !l.isTotal && closed.has(l.category)).length;
  return { parts: [...groupTotals, ...loose], detail };
}

export function tableTotals(lines: BudgetLine[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const year of tableYears(lines)) {
    const totals = lines.filter((l) => l.isTotal && amountIn(l, year) !== undefined);
    const v = totals.length ? amountIn(totals[totals.length - 1]!, year)! : lines.filter((l) => !l.isTotal).reduce((s, l) => s + (amountIn(l, year) ?? 0), 0);
    out.set(year, v);
  }
  return out;
}

/**
 * Whether a total states, in every year, the sum of the lines right below it (up to the next total): a table that sets
 * each total above its group, whose totals add up so. Such a total is not measured against the lines above it.
 */
function totalsItsLinesBelow(lines: BudgetLine[], total: BudgetLine): boolean {
  const below: BudgetLine[] = [];
  for (const l of lines) {
    if (l.lineNo <= total.lineNo) continue;
    if (l.isTotal) break;
    below.push(l);
  }
  if (!below.length) return false;
  for (const year of tableYears([total, ...below])) if (!addsUp(total, below, year).ok) return false;
  return true;
}

/** What a total states in a year, the sum of the lines it covers (thousandths), and whether they agree. */
function addsUp(total: BudgetLine, parts: BudgetLine[], year: number): { stated: number | undefined; sum: number; ok: boolean } {
  const stated = amountIn(total, year);
  let sum = 0;
  for (const l of parts) sum += fixed(amountIn(l, year) ?? 0);
  return { stated, sum, ok: stated === undefined ? sum === 0 : fixed(stated) === sum };
}

function totalMismatches(p: Proposal, kind: TableKind, rules: Rules, unreadable: Unreadable): Finding[] {
  const lines = linesOf(p, kind);
  const out: Finding[] = [];
  for (const total of lines.filter((l) => l.isTotal)) {
    const { parts, detail } = covered(lines, total, rules);
    if (detail === 0) continue;
    const found: Finding[] = [];
    for (const year of tableYears([total, ...parts])) {
      if (unreadable.has(unreadableKey(p.seq, kind, year))) continue;
      const { stated, sum, ok } = addsUp(total, parts, year);
      if (ok) continue;
      found.push({
        proposalSeq: p.seq,
        code: 'TOTAL_MISMATCH',
        severity: 'error',
        tableKind: kind,
        year,
        expected: sum / 1000,
        actual: stated ?? null,
        message: `${kind} table, ${year}: "${total.label}" states ${stated === undefined ? 'nothing' : fmt(stated)} but its ${parts.length} lines add up to ${fmt(sum / 1000)}`,
      });
    }
    if (found.length && !totalsItsLinesBelow(lines, total)) out.push(...found);
  }
  return out;
}

/** The investments table against the investments the consequences table states (its request, not its net effect). */
function tableMismatches(p: Proposal, unreadable: Unreadable): Finding[] {
  const cons = requestLines(p, 'consequences');
  const inv = linesOf(p, 'investments');
  if (!cons.length || !inv.length) return [];
  const a = tableTotals(cons);
  const b = tableTotals(inv);
  const out: Finding[] = [];
  for (const year of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (unreadable.has(unreadableKey(p.seq, 'consequences', year)) || unreadable.has(unreadableKey(p.seq, 'investments', year))) continue;
    // a table with no amount in the year counts as 0 there, and is said to state nothing (NULL), not 0
    const x = a.get(year);
    const y = b.get(year);
    if (fixed(x ?? 0) === fixed(y ?? 0)) continue;
    const said = (v: number | undefined) => (v === undefined ? 'states nothing' : `totals ${fmt(v)}`);
    out.push({
      proposalSeq: p.seq, code: 'TABLE_MISMATCH', severity: 'error', tableKind: 'investments', year, expected: x ?? null, actual: y ?? null,
      message: `${year}: the consequences table ${said(x)} but the investments table ${said(y)}`,
    });
  }
  return out;
}

/** The lines of what the proposal asks for (src/parse/request.ts), of one table or of either. */
function requestLines(p: Proposal, kind?: TableKind): BudgetLine[] {
  const out: BudgetLine[] = [];
  for (const l of p.budgetLines) if (l.inRequest && (kind === undefined || l.tableKind === kind)) out.push(l);
  return out;
}

/** What the proposal asks for over all years in 1.000 kr. (src/parse/request.ts); null when that is not known. */
export function proposalTotal(p: Proposal): number | null {
  const lines = requestLines(p);
  return lines.length ? [...tableTotals(lines).values()].reduce((s, v) => s + fixed(v), 0) / 1000 : null;
}

function overviewFindings(doc: ExtractedDocument, rules: Rules, unreadable: Unreadable): Finding[] {
  const o = doc.overview;
  if (!o) return [];
  const out: Finding[] = [];
  const decimals = rules.reconcile.overviewDecimals;
  const listed = new Set<number>();
  for (const item of o.items) {
    const matches = item.bcNumber ? doc.proposals.filter((p) => p.bcNumber === item.bcNumber) : [];
    if (matches.length !== 1) {
      out.push({ proposalSeq: null, code: 'OVERVIEW_UNMATCHED', severity: 'warning', message: `overview row ${item.lineNo} (${item.bcNumber ?? 'no BC number'} ${item.title}) matches ${matches.length} proposals in the document` });
      continue;
    }
    const p = matches[0]!;
    listed.add(p.seq);
    const total = proposalTotal(p);
    const partlyRead = [...unreadable].some((k) => k.startsWith(`${p.seq}|`));
    if (item.amountMdkk !== null && total !== null && !partlyRead) {
      // Compare in whole units of the overview's last decimal: round half up of the proposal's total.
      const unit = 10 ** (3 - decimals); // thousand kroner per unit of the last decimal
      const ownUnits = Math.floor((fixed(total) / 1000 + unit / 2) / unit);
      const listedUnits = Math.round(item.amountMdkk * 10 ** decimals);
      if (ownUnits !== listedUnits)
        out.push({
          proposalSeq: p.seq, code: 'OVERVIEW_MISMATCH', severity: 'error', tableKind: null, year: null, expected: item.amountMdkk * 1000, actual: total,
          message: `the overview lists ${item.bcNumber} at ${item.amountMdkk.toFixed(decimals).replace('.', ',')} mio. kr. but the proposal asks for ${fmt(total)} t.kr.`,
        });
    }
    if (p.title) {
      const sim = titleSimilarity(item.title, p.title);
      if (sim < rules.reconcile.titleMismatchBelow)
        out.push({
          proposalSeq: p.seq, code: 'TITLE_MISMATCH', severity: 'warning', expected: null, actual: null,
          message: `the overview title "${item.title}" and the proposal title "${p.title}" differ (similarity ${sim.toFixed(2)} < ${rules.reconcile.titleMismatchBelow})`,
        });
    }
  }
  for (const p of doc.proposals)
    if (!listed.has(p.seq))
      out.push({ proposalSeq: p.seq, code: 'OVERVIEW_UNMATCHED', severity: 'warning', message: `proposal ${p.bcNumber ?? p.title} is in the bundle but not in its overview table` });
  return out;
}

function missingFields(p: Proposal, rules: Rules): Finding[] {
  const out: Finding[] = [];
  for (const r of rules.reconcile.requiredFields)
    if (p[r.field] === null || p[r.field] === '') out.push({ proposalSeq: p.seq, code: 'MISSING_FIELD', severity: 'warning', message: `${r.name} is missing` });
  if (!p.budgetLines.some((l) => l.tableKind === 'consequences'))
    out.push({ proposalSeq: p.seq, code: 'MISSING_FIELD', severity: 'warning', tableKind: 'consequences', message: 'the economic consequences table is missing' });
  else if (!p.budgetLines.some((l) => l.inRequest))
    out.push({
      proposalSeq: p.seq, code: 'REQUEST_UNKNOWN', severity: 'warning', tableKind: 'consequences',
      message: 'the consequences table states savings but no group of investments (rules/tables.json investmentGroup), and there is no investments table: what the proposal asks for is not known, so it is left out of requested_by_year and not compared with the overview',
    });
  return out;
}

export function reconcile(doc: ExtractedDocument, rules: Rules): Finding[] {
  const out: Finding[] = [];
  const unreadable = unreadableCells(doc);
  for (const p of doc.proposals) {
    out.push(...missingFields(p, rules));
    out.push(...totalMismatches(p, 'consequences', rules, unreadable), ...totalMismatches(p, 'investments', rules, unreadable));
    out.push(...tableMismatches(p, unreadable));
  }
  out.push(...overviewFindings(doc, rules, unreadable));
  return out;
}
