/** Parses one proposal segment: header fields, sections, and the tables inside the sections. */
import type { Block, Message, Proposal, ProposalKind, Section, TableBlock } from '../types.ts';
import type { Rules } from '../rules/index.ts';
import type { ProposalSegment } from '../segment/index.ts';
import { detectHeading } from './headings.ts';
import { parseHeader } from './fields.ts';
import { parseDanishNumber } from '../normalize/numbers.ts';
import { amountLayout, captionBefore, parseBudgetTable, parseCommitteeSplit, parseConsultations, parseFollowUps, withoutLeadingEmptyColumns } from './tables.ts';
import { markRequest } from './request.ts';

export interface ProposalContext {
  seq: number;
  /** Kind of the previous proposal in the document, for a proposal with no kind heading of its own. */
  previousKind: ProposalKind | null;
  /** Fund named by the bundle's title ('... til innovationspuljen'), if any. */
  bundleFund: string | null;
}

/** A fund's name as the rules spell it ('innovationspuljen' -> 'Innovationspuljen'); an unknown name stays as written, with a capital first letter. */
export function fundName(raw: string, rules: Rules): string {
  const t = raw.replace(/\s+/g, ' ').trim();
  // a fund the rules do not name is kept as written, as a name ('Forslag til digitaliseringspuljen': Digitaliseringspuljen)
  return rules.fields.fundNames.find((f) => f.pattern.test(t))?.name ?? t.charAt(0).toLocaleUpperCase('da') + t.slice(1);
}

export function parseProposal(blocks: Block[], seg: ProposalSegment, ctx: ProposalContext, rules: Rules): { proposal: Proposal; messages: Message[] } {
  const messages: Message[] = [];
  const fieldRules: Record<string, string> = {};
  const header = parseHeader(blocks, seg.titleBlock, seg.end, rules, messages);

  let kind = seg.kind;
  fieldRules.kind = 'fields.kindHeadings';
  if (!kind && ctx.previousKind) {
    kind = ctx.previousKind;
    fieldRules.kind = 'fields.kindHeadings:previous-proposal';
  }

  // Sections and the tables inside them.
  const sections: Section[] = [];
  let current: { key: Section['key']; heading: string; paras: string[]; page: number | null } | null = null;
  const closeSection = () => {
    if (current) sections.push({ ord: sections.length + 1, key: current.key, heading: current.heading, text: current.paras.join('\n\n'), page: current.page });
  };
  const tablesBySection: { key: Section['key'] | 'header'; table: TableBlock; caption: string | null }[] = [];
  const bodyParas: string[] = [];
  for (let i = header.end; i < seg.end; i++) {
    const b = blocks[i]!;
    if (b.kind === 'table') {
      tablesBySection.push({ key: current ? current.key : 'header', table: b, caption: captionBefore(blocks, i, header.end) });
      continue;
    }
    const h = detectHeading(b.text, rules);
    if (h) {
      closeSection();
      current = { key: h.key, heading: h.heading, paras: [], page: b.page };
      continue;
    }
    bodyParas.push(b.text);
    if (current) current.paras.push(b.text);
  }
  closeSection();
  // text with no heading the rules know: nothing of it is stored by section or searchable, and the follow-up and
  // consultation tables, read by their sections, are not read; said, so that an analyst knows
  if (sections.length === 0 && bodyParas.length > 0)
    messages.push({
      code: 'SECTIONS_NOT_FOUND',
      severity: 'warning',
      message: `no section heading was recognised in ${bodyParas.length} paragraph(s) of text (rules/sections.json): the text is not stored by section nor searchable, and follow-up and consultation tables are not read`,
    });

  const budgetLines: Proposal['budgetLines'] = [];
  const committeeSplit: Proposal['committeeSplit'] = [];
  const followUps: Proposal['followUps'] = [];
  const consultations: Proposal['consultations'] = [];
  let consequencesFound = false;
  let tablePriceLevel: number | null = null;
  const candidates: { key: Section['key'] | 'header'; table: TableBlock; layout: NonNullable<ReturnType<typeof amountLayout>> }[] = [];
  for (const { key, table: asSet, caption } of tablesBySection) {
    // an amount table is read without its leading empty columns (a margin column); the other tables as they are,
    // whose empty columns stand for something (an answer not given, a box not ticked)
    const table = withoutLeadingEmptyColumns(asSet);
    const layout = amountLayout(table, rules, caption);
    if (layout && layout.unitFound) {
      if (rules.tables.committeeSplitHeader.test(layout.firstHeaderCell)) {
        committeeSplit.push(...parseCommitteeSplit(table, layout, rules, messages));
        continue;
      }
      if (!consequencesFound && (key === 'consequences' || key === 'header')) {
        consequencesFound = true;
        tablePriceLevel = layout.priceLevelYear;
        budgetLines.push(...parseBudgetTable(table, 'consequences', layout, rules, messages));
        continue;
      }
      if (key !== 'consequences') candidates.push({ key, table, layout });
      continue;
    }
    if (layout && hasAmounts(table, layout)) {
      // numbers under year columns, but no unit: what they count is not known, so none is read
      messages.push({ code: 'TABLE_NOT_READ', severity: 'warning', message: `a table with amounts by year (${[...layout.years.values()].join(', ')}) states no unit (1.000 kr., mio. kr.) in its header or the line above it: not read`, place: { page: table.page } });
      continue;
    }
    if (key === 'follow_up' || key === null) {
      const f = parseFollowUps(asSet, rules, followUps.length + 1);
      if (f) {
        followUps.push(...f);
        continue;
      }
    }
    if (key === 'consulted') consultations.push(...parseConsultations(asSet, rules));
  }
  // The investments table: the first amount table of the economy section, else the first one elsewhere.
  const inv = candidates.find((c) => c.key === 'economy') ?? candidates[0];
  for (const c of candidates)
    if (c !== inv && hasAmounts(c.table, c.layout))
      messages.push({ code: 'TABLE_NOT_READ', severity: 'warning', message: `another amount table (${c.layout.firstHeaderCell || 'no header'}; ${[...c.layout.years.values()].join(', ')}) besides the consequences and the investments tables: not read`, place: { page: c.table.page } });
  if (inv) {
    budgetLines.push(...parseBudgetTable(inv.table, 'investments', inv.layout, rules, messages));
    tablePriceLevel ??= inv.layout.priceLevelYear;
  }
  markRequest(budgetLines, rules);

  let priceLevelYear = header.priceLevelYear;
  fieldRules.price_level_year = 'fields.priceLevel';
  if (priceLevelYear !== null && tablePriceLevel !== null && priceLevelYear !== tablePriceLevel)
    messages.push({
      code: 'PRICE_LEVEL_MISMATCH',
      severity: 'warning',
      message: `"Angiv p/l" says ${priceLevelYear} but the amount table is in ${tablePriceLevel} p/l; price_level_year is ${priceLevelYear}, the amounts are as the table states them`,
      expected: String(priceLevelYear),
      actual: String(tablePriceLevel),
    });
  if (priceLevelYear === null && tablePriceLevel !== null) {
    priceLevelYear = tablePriceLevel;
    fieldRules.price_level_year = 'tables.header.priceLevel';
  }

  let fund: string | null = null;
  if (header.fundField) {
    fund = fundName(header.fundField, rules);
    fieldRules.fund = 'fields.fund';
  } else {
    let m: RegExpExecArray | null = null;
    for (const p of bodyParas) if ((m = rules.fields.fundSentence.exec(p))) break;
    if (m) {
      fund = fundName(m[1]!, rules);
      fieldRules.fund = 'fields.fundSentence';
    } else if (ctx.bundleFund) {
      fund = ctx.bundleFund;
      fieldRules.fund = 'fields.bundleFund';
    }
  }

  const pages: number[] = [];
  for (let i = seg.start; i < seg.end; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'table') {
      if (b.page !== null) pages.push(b.page);
    } else for (const r of b.rows) if (r.page !== null) pages.push(r.page);
  }
  const proposal: Proposal = {
    seq: ctx.seq,
    kind,
    bcNumber: header.bcNumber,
    title: header.title,
    subtitle: header.subtitle,
    summary: header.summary,
    fund,
    presentingDepartment: header.presenting ?? header.presentingRaw,
    affectedDepartments: header.affected,
    ...(header.coPresenting.length ? { coPresentingDepartments: header.coPresenting } : {}),
    priceLevelYear,
    pageStart: pages.length ? Math.min(...pages) : null,
    pageEnd: pages.length ? Math.max(...pages) : null,
    budgetLines,
    committeeSplit,
    consultations,
    followUps,
    sections,
    fieldRules,
  };
  return { proposal, messages };
}

/** Whether a row below a table's header has a number under one of its year columns. */
function hasAmounts(table: TableBlock, layout: NonNullable<ReturnType<typeof amountLayout>>): boolean {
  return table.rows.slice(layout.headerEnd + 1).some((r) => [...layout.years.keys()].some((i) => parseDanishNumber((r.cells[i] ?? '').trim()) !== null));
}
