/**
 * Tables of amounts by year (consequences, investments, committee split), follow-up and consultation tables.
 * Columns are found from the header rows (year cells, 'Styringsområde', 'I alt'); every later row is read by
 * those columns, so an empty cell stays empty and a number always lands in the year of its column.
 */
import type { Block, BudgetLine, CommitteeSplitRow, Consultation, FollowUp, TableBlock, TableKind, Message } from '../types.ts';
import { matchesAny, type AmountUnit, type Rules } from '../rules/index.ts';
import { parseDanishNumber, roundTo } from '../normalize/numbers.ts';
import { parseDanishDate } from '../normalize/dates.ts';
import { oneLine } from '../ingest/text.ts';

const norm = oneLine;

// The code run per header row, per row and per cell loops (with the helpers below) rather than passing callbacks
// made per call: such callbacks die with the call, and each full garbage collection in a worker then throws their
// compiled code away (see src/pipeline/pool.ts).

/** The index of the first cell that matches, or -1: cells as given (normalize them first where needed). */
export function matchingCell(cells: string[], p: RegExp): number {
  for (let i = 0; i < cells.length; i++) if (p.test(cells[i]!)) return i;
  return -1;
}

/** The first column whose (normalized) header cell matches, or null. */
function columnOf(header: string[], p: RegExp): number | null {
  const i = matchingCell(header, p);
  return i < 0 ? null : i;
}

export interface AmountLayout {
  /** Index of the last header row; data starts after it. */
  headerEnd: number;
  years: Map<number, number>;
  steeringCol: number | null;
  priceLevelYear: number | null;
  unitFound: boolean;
  /** What turns the table's numbers into 1.000 kr. (1000 for a table in mio. kr.); 1 when no unit was found. */
  unitFactor: number;
  /** A cell of the table's unit that cannot be read without guessing, and why (rules/tables.json amountUnits). */
  ambiguous: AmountUnit['ambiguous'];
  firstHeaderCell: string;
}

/**
 * A short paragraph right before a table (from `floor` on), which may state what the table's header would: its
 * unit and price level ('1.000 kr. 2017 p/l' as a caption line above the table rather than in its first row).
 */
export function captionBefore(blocks: Block[], tableIdx: number, floor: number): string | null {
  const b = tableIdx > floor ? blocks[tableIdx - 1]! : null;
  return b?.kind === 'paragraph' && b.text.length <= CAPTION_MAX_CHARS ? b.text : null;
}
const CAPTION_MAX_CHARS = 60;

/** The p/l year a text states ('1.000 kr. 2017 p/l' -> 2017), or null. */
export function priceLevelIn(text: string, rules: Rules): number | null {
  const pl = rules.fields.priceLevelInText.exec(text);
  const year = pl?.slice(1).find((g) => g !== undefined);
  return year ? Number(year) : null;
}

/** The unit a text states ('Mio. kr.': factor 1000), or null when it states none. */
function unitIn(text: string, rules: Rules): AmountUnit | null {
  return rules.tables.amountUnits.find((u) => u.pattern.test(text)) ?? null;
}

/**
 * Finds the year columns of a table; null when the table has none (then it is not an amount table). The unit and
 * price level are read from the header rows, else from the caption line above the table.
 */
export function amountLayout(table: TableBlock, rules: Rules, caption: string | null = null): AmountLayout | null {
  const maxHeader = Math.min(table.rows.length, 4);
  for (let r = 0; r < maxHeader; r++) {
    const cells = table.rows[r]!.cells.map(norm);
    const years = new Map<number, number>();
    for (let i = 1; i < cells.length; i++) {
      const m = rules.tables.yearCell.exec(cells[i]!);
      if (m) years.set(i, Number(m[1]));
    }
    if (years.size === 0) continue;
    // Other numbers in the same row mean it is data, not a header.
    let data = false;
    for (let i = 1; i < cells.length && !data; i++) data = !years.has(i) && parseDanishNumber(cells[i]!) !== null;
    if (data) continue;
    let steeringCol: number | null = null;
    let priceLevelYear: number | null = null;
    let unit: AmountUnit | null = null;
    for (let h = 0; h <= r; h++) {
      const header = table.rows[h]!.cells;
      for (let i = 0; i < header.length; i++) {
        const c = norm(header[i]);
        // without spaces: 'Styrings- område', and a header word a narrow PDF column broke anywhere ('Styringsområd' / 'e')
        if (rules.tables.steeringAreaHeader.test(c.replace(/\s+/g, ''))) steeringCol = i;
        unit ??= unitIn(c, rules);
        priceLevelYear ??= priceLevelIn(c, rules);
      }
    }
    const captionText = caption === null ? '' : norm(caption);
    if (unit === null && (unit = unitIn(captionText, rules)) !== null) priceLevelYear ??= priceLevelIn(captionText, rules);
    return {
      headerEnd: r, years, steeringCol, priceLevelYear, unitFound: unit !== null, unitFactor: unit?.factor ?? 1, ambiguous: unit?.ambiguous ?? null,
      firstHeaderCell: norm(table.rows[0]!.cells[0]),
    };
  }
  return null;
}

export function isSeparatorRow(cells: string[], rules: Rules): boolean {
  const joined = cells.map(norm).join('');
  return joined.length > 0 && rules.tables.separatorRow.test(joined);
}

function canonicalSteeringArea(s: string, rules: Rules): string | null {
  const t = norm(s);
  if (!t || /^[-–]$/.test(t)) return null;
  return rules.tables.steeringAreas.find((a) => a.toLowerCase() === t.toLowerCase()) ?? t;
}

/** The code of the message for a year cell that holds text which is not a number. */
export const UNREADABLE_AMOUNT = 'UNREADABLE_AMOUNT';

/**
 * A table without its leading columns that are empty in every row, header included: an amount table set with an
 * empty first column (a margin) would otherwise have its labels in the second. Rows keep their own lengths.
 */
export function withoutLeadingEmptyColumns(t: TableBlock): TableBlock {
  let n = 0;
  while (t.rows.length && t.rows.every((r) => r.cells.length > n + 1 && (r.cells[n] ?? '').trim() === '')) n++;
  return n === 0 ? t : { ...t, rows: t.rows.map((r) => ({ ...r, cells: r.cells.slice(n) })) };
}

/** Whether a label names the group (category) it stands in: 'Driftsudgifter i alt' under Driftsudgifter. */
export function namesGroup(label: string, category: string | null): boolean {
  return category !== null && oneLine(label).toLowerCase().includes(oneLine(category).toLowerCase());
}

/**
 * Whether a total row closes the group it stands in: it reads like a group total (groupCloseRow: 'Samlede …',
 * 'Samlet varig ændring') or names its group ('Driftsudgifter i alt'). A total that does neither ('Økonomisk
 * påvirkning i alt' under Effektiviseringer) totals the table.
 */
export function closesGroup(label: string, category: string | null, rules: Rules): boolean {
  return matchesAny(rules.tables.groupCloseRow, label) || namesGroup(label, category);
}

/**
 * Reads the lines of a consequences or investments table.
 *
 * A row without numbers is a group heading ("Implementeringsomkostninger") only when its year cells and its
 * Styringsområde cell are all empty, and, while a group that already has lines is open, only when it reads like a
 * group (rules/tables.json groupHeading): the template has no subgroups, so an empty line item ("Eksterne
 * konsulenter  Service", or a bare "Behovsafdækning" among the lines of a group) never becomes the group of the
 * lines below it. A row that names savings ("Gevinstrealisering", savingsRow) opens a group when the first line
 * below it states no cost (savings are negative, as the template's note asks), one that names an investment
 * ("Investering i nyt IT-system", investmentGroup) when the line below states no saving after a group of savings;
 * otherwise each is an empty line item ("Gevinstanalyse" among the costs). A year cell that holds text which is not
 * a number ('ca. 75', '250*') is left out with an UNREADABLE_AMOUNT warning: a wrong number is worse than a missing
 * one.
 */
/**
 * A row that repeats the header's years in their own columns (a header repeated after a page break, in a text
 * export): two or more year cells, each the year of its column, and no other number. Never a budget line.
 */
function repeatsYears(cells: string[], layout: AmountLayout): boolean {
  let same = 0;
  for (const [col, year] of layout.years) {
    const c = norm(cells[col]);
    if (c === '') continue;
    if (c !== String(year)) return false;
    same++;
  }
  return same >= 2;
}

export function parseBudgetTable(table: TableBlock, kind: TableKind, layout: AmountLayout, rules: Rules, messages: Message[]): BudgetLine[] {
  const lines: BudgetLine[] = [];
  let category: string | null = null;
  /** Lines read since the current group opened. */
  let linesInGroup = 0;
  /** A label row with no numbers, whose numbers may stand on the next row; `heading` when it may open a group. */
  let pending: { label: string; steering: string | null; page: number | null; heading: boolean } | null = null;
  const { totalRow, notAmountRow, groupHeading, savingsRow, investmentGroup, emptyAmountCell } = rules.tables;
  const ruleId = `tables.${kind}`;
  /**
   * A group opened by a row that names savings or an investment, until the line below it shows whether it is one:
   * the group to go back to if it is not, and what the line must state to confirm it.
   */
  let tentative = null as { category: string | null; linesInGroup: number; savingsInGroup: number; names: 'savings' | 'investment' } | null;
  /** Lines of the current group that state savings (no positive amount, some negative one). */
  let savingsInGroup = 0;

  const settlePending = () => {
    if (!pending) return;
    if (matchesAny(totalRow, pending.label)) {
      if (closesGroup(pending.label, category, rules)) category = null;
    } else if (pending.heading) {
      // a row that opened a group no line has confirmed yet opened none: a second empty row is read against the
      // group that had lines
      if (tentative) ({ category, linesInGroup, savingsInGroup } = tentative);
      tentative = null;
      const opens = category === null || linesInGroup === 0 || matchesAny(groupHeading, pending.label);
      const names = matchesAny(savingsRow, pending.label) ? 'savings' : matchesAny(investmentGroup, pending.label) ? 'investment' : null;
      if (opens || names) {
        if (!opens) tentative = { category, linesInGroup, savingsInGroup, names: names! };
        category = pending.label;
        linesInGroup = 0;
        savingsInGroup = 0;
      }
    }
    pending = null;
  };

  const lastYearCol = Math.max(...layout.years.keys());
  for (const row of table.rows.slice(layout.headerEnd + 1)) {
    let cells = row.cells;
    if (isSeparatorRow(cells, rules) || repeatsYears(cells, layout)) continue;
    const label = norm(cells[0]);
    if (matchesAny(notAmountRow, label)) {
      // the payback time (years): what the row states is reported, and never read as an amount
      const stated = cells.slice(1).map(norm).filter((t) => !emptyAmountCell.test(t));
      if (stated.length)
        messages.push({ code: 'NOT_AN_AMOUNT', severity: 'info', message: `a ${kind} table row "${label}" states ${stated.map((t) => `"${t}"`).join(', ')}, which is not an amount: not read as one`, place: { page: row.page }, tableKind: kind });
      settlePending();
      continue;
    }
    // A number under Styringsområde: the row left out a cell. One cell short of the last year: its empty
    // Styringsområde cell was left out (a total row of a typed table), so its numbers move one column right.
    // Otherwise where its numbers belong is not known, and none of them is read.
    if (layout.steeringCol !== null && parseDanishNumber(norm(cells[layout.steeringCol])) !== null) {
      if (cells.length === lastYearCol) {
        cells = [...cells.slice(0, layout.steeringCol), '', ...cells.slice(layout.steeringCol)];
        messages.push({ code: 'ROW_REALIGNED', severity: 'warning', message: `a ${kind} table row "${label}" has a number under Styringsområde and is one cell short: read as if its empty Styringsområde cell were there`, place: { page: row.page } });
      } else {
        for (const year of layout.years.values())
          messages.push({ code: UNREADABLE_AMOUNT, severity: 'warning', message: `a ${kind} table row "${label}" has a number under Styringsområde, so which year its numbers belong to is not known; left out, and the table's totals of ${year} are not checked`, place: { page: row.page }, tableKind: kind, year });
        continue;
      }
    }
    // Only year columns hold amounts: a number in an 'I alt' column is not an amount of a year.
    const amounts: BudgetLine['amounts'] = [];
    let filledYearCells = 0;
    for (let i = 0; i < cells.length; i++) {
      const year = layout.years.get(i);
      if (year === undefined) continue;
      const text = norm(cells[i]);
      if (text === '') continue;
      filledYearCells++;
      const cell = readAmountCell(text, layout, rules);
      if (cell && 'amount' in cell) amounts.push({ year, amount: cell.amount, page: row.page });
      else if (cell)
        messages.push({
          code: UNREADABLE_AMOUNT,
          severity: 'warning',
          message: `a ${kind} table row${label ? ` "${label}"` : ''} has "${text}" under ${year}, which ${cell.unreadable}; left out, and the table's totals of ${year} are not checked`,
          place: { page: row.page },
          tableKind: kind,
          year,
        });
    }
    const steering = layout.steeringCol !== null ? canonicalSteeringArea(cells[layout.steeringCol] ?? '', rules) : null;
    if (amounts.length === 0) {
      settlePending();
      if (label) pending = { label, steering, page: row.page, heading: filledYearCells === 0 && steering === null };
      continue;
    }
    let lineLabel = label;
    let lineSteering = steering;
    let page = row.page;
    if (!label && pending) {
      // The numbers of the label on the previous row.
      lineLabel = pending.label;
      lineSteering = steering ?? pending.steering;
      page = pending.page;
      pending = null;
    } else settlePending();
    const statesSavings = amounts.some((a) => a.amount < 0) && amounts.every((a) => a.amount <= 0);
    if (tentative) {
      // savings are negative and costs positive: a savings group opens where a line states no cost, an investment
      // group where a line states no saving after a group of savings; else the row was an empty line item
      const leftSavingsGroup = tentative.linesInGroup > 0 && tentative.savingsInGroup === tentative.linesInGroup;
      const confirmed = tentative.names === 'savings' ? amounts.every((a) => a.amount <= 0) : leftSavingsGroup && amounts.every((a) => a.amount >= 0);
      if (!confirmed) ({ category, linesInGroup, savingsInGroup } = tentative);
      tentative = null;
    }
    if (statesSavings) savingsInGroup++;
    if (!lineLabel)
      messages.push({ code: 'UNLABELLED_LINE', severity: 'warning', message: `a ${kind} table row has numbers but no label`, place: { page: row.page } });
    const total = matchesAny(totalRow, lineLabel);
    lines.push({
      tableKind: kind,
      lineNo: lines.length + 1,
      label: lineLabel,
      category,
      steeringArea: lineSteering,
      isTotal: total,
      inRequest: false,
      amounts,
      page,
      ruleId,
    });
    linesInGroup++;
    if (total && closesGroup(lineLabel, category, rules)) category = null;
  }
  return lines;
}

/**
 * What a year cell of an amount table holds: its amount in 1.000 kr., why it cannot be read (text that is no number,
 * or a number the table's unit makes ambiguous: rules/tables.json), or null for nothing (empty, a dash). An
 * unreadable cell is left out, never guessed: a wrong amount is worse than a missing one.
 */
function readAmountCell(text: string, layout: AmountLayout, rules: Rules): { amount: number } | { unreadable: string } | null {
  if (text === '') return null;
  if (layout.ambiguous?.pattern.test(text)) return { unreadable: layout.ambiguous.reason };
  const n = parseDanishNumber(text);
  if (n !== null) return { amount: roundTo(n * layout.unitFactor, 6) };
  return rules.tables.emptyAmountCell.test(text) ? null : { unreadable: 'is not a number' };
}

/** Reads a committee split table ('Fordeling af serviceinvesteringer mellem udvalg'). */
export function parseCommitteeSplit(table: TableBlock, layout: AmountLayout, rules: Rules, messages: Message[] = []): CommitteeSplitRow[] {
  const out: CommitteeSplitRow[] = [];
  const header = table.rows.slice(0, layout.headerEnd + 1).map((r) => r.cells.map(norm));
  const firstYearCol = Math.min(...layout.years.keys());
  // The columns between the committee and the years: a share ('Fordelingsnøgle: 100 %', by its header) and a kind
  // (Besparelse / Omkostninger), either or both.
  const middleCols: number[] = [];
  for (let c = 1; c < firstYearCol; c++) middleCols.push(c);
  const shareCol = middleCols.find((c) => header.some((h) => rules.tables.committeeShareHeader.test(h[c] ?? ''))) ?? null;
  const kindCol = middleCols.find((c) => c !== shareCol) ?? null;
  let committee = '';
  let share: string | null = null;
  for (const row of table.rows.slice(layout.headerEnd + 1)) {
    const cells = row.cells.map(norm);
    if (isSeparatorRow(cells, rules)) continue;
    // a row without a committee goes on with the one above (a merged cell), and with its share
    if (cells[0]) [committee, share] = [cells[0], null];
    if (shareCol !== null && cells[shareCol]) share = cells[shareCol]!;
    const kind = kindCol !== null ? cells[kindCol] || null : null;
    for (const [col, year] of layout.years) {
      const text = cells[col] ?? '';
      const cell = readAmountCell(text, layout, rules);
      if (cell === null) continue;
      if ('unreadable' in cell) {
        messages.push({ code: UNREADABLE_AMOUNT, severity: 'warning', message: `a committee split row "${committee}" has "${text}" under ${year}, which ${cell.unreadable}; left out`, place: { page: row.page }, year });
        continue;
      }
      const n = cell.amount;
      out.push({
        committee,
        kind,
        share,
        isTotal: rules.tables.committeeTotalRow.test(committee),
        year,
        amount: n,
        page: row.page,
      });
    }
  }
  return out;
}

const cellAt = (cells: string[], i: number | null) => (i === null ? null : cells[i] || null);

/** Reads an Opfølgning table: success criterion, how it is measured, who follows up, when. */
export function parseFollowUps(table: TableBlock, rules: Rules, startOrd: number): FollowUp[] | null {
  const cols = rules.tables.followUpColumns;
  let headerIdx = -1;
  for (let r = 0; r < table.rows.length && headerIdx < 0; r++) if (columnOf(table.rows[r]!.cells.map(norm), cols.method) !== null) headerIdx = r;
  if (headerIdx < 0) return null;
  const h = table.rows[headerIdx]!.cells.map(norm);
  const method = columnOf(h, cols.method);
  const responsible = columnOf(h, cols.responsible);
  const timing = columnOf(h, cols.timing);
  let criterion = columnOf(h, cols.criterion);
  if (criterion === null && h[0] === '') criterion = 0;
  const out: FollowUp[] = [];
  for (const row of table.rows.slice(headerIdx + 1)) {
    const c = row.cells.map(norm);
    if (isSeparatorRow(c, rules) || c.every((x) => x === '')) continue;
    out.push({ ord: startOrd + out.length, criterion: cellAt(c, criterion), method: cellAt(c, method), responsible: cellAt(c, responsible), timing: cellAt(c, timing) });
  }
  return out;
}

/** Reads the 'Hvem er hørt?' tables: body, answer (Ja/Nej/Ikke relevant), date of approval, note. */
export function parseConsultations(table: TableBlock, rules: Rules): Consultation[] {
  const out: Consultation[] = [];
  let dateCol: number | null = null;
  for (const row of table.rows) {
    const c = row.cells.map(norm);
    if (isSeparatorRow(c, rules) || c.every((x) => x === '')) continue;
    if (rules.tables.consultationAnswerHeader.test(c[1] ?? '') && !c[0]) {
      // A header row: does the third column hold dates or remarks?
      dateCol = c.findIndex((x, i) => i >= 2 && rules.tables.consultationDateHeader.test(x));
      if (dateCol < 0) dateCol = null;
      continue;
    }
    if (!c[0]) continue;
    const rest = c.slice(2).filter((x) => x !== '').join(' ') || null;
    let date: string | null = null;
    let note: string | null = rest;
    if (dateCol !== null) {
      date = parseDanishDate(c[dateCol] ?? '');
      const others = c.slice(2).filter((x, i) => i + 2 !== dateCol && x !== '').join(' ');
      note = date === null ? rest : others || null;
    }
    out.push({ body: c[0], answer: c[1] || null, date, note });
  }
  return out;
}
