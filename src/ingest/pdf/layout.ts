/**
 * PDF geometry, step 3: lines -> blocks.
 *
 * Tables are found without ruling lines: a line with two or more segments (cells separated by a column gap) seeds a
 * table region, which grows over the neighbouring lines that sit close (row spacing) and are not body text (body
 * text starts at the page's text margin; table cell text is inset from it, or is a right-aligned number, a
 * header spanning columns, ...). Columns are the x ranges covered by the segments of the table's lines; rows start
 * where the vertical gap exceeds the line spacing inside a cell. A table that ends a page and one that starts the
 * next page with compatible columns are one table: repeated header rows are dropped and a row split by the page
 * break is rejoined.
 *
 * Paragraphs: the remaining lines, split where the gap exceeds the usual line spacing of their font size, where the
 * font size changes, at list items, and after a single-line heading set in another font.
 */
import type { Block, TableRow } from '../../types.ts';
import { NUMBER_ITEM, type Line, type Seg } from './lines.ts';
import type { PageLines } from './furniture.ts';
import { Vocabulary, cleanCell, joinCellLine, joinLine, mapPdfGlyphs, stacksAmounts } from './join.ts';
import { cleanInline } from '../text.ts';
import { rulingTables, type Grid, type PageRulings, type RuledRows } from './ruling.ts';
import { YEAR, brokenWord, continuesWord, gridTables, type GridRow, type GridTable } from './grid.ts';

type Unit = { kind: 'table'; lines: Line[] } | { kind: 'line'; line: Line } | { kind: 'grid'; table: GridTable } | { kind: 'note'; lines: Line[] };

const BULLET_GLYPH = /^[•◦▪▫●○‣⁃∙·\-–—*o§➢❖►▶]$/u;
const NUMBER_MARK = /^(?:\d{1,2}|[a-z])[.)]$/u;
const NUMBERED_TEXT = /^\d{1,2}[.)]\s+\S/u;
const LABEL = /^\p{Lu}[\p{L}\d ./-]{1,40}:(?:\s|$)/u;

function isBulletLine(l: Line): boolean {
  if (l.segs.length !== 2) return false;
  const first = mapPdfGlyphs(l.segs[0]!.text);
  return (BULLET_GLYPH.test(first) || NUMBER_MARK.test(first)) && l.segs[0]!.x1 - l.segs[0]!.x0 < 2.5 * l.size;
}

function bulletText(l: Line): string {
  const first = mapPdfGlyphs(l.segs[0]!.text);
  const rest = l.segs[1]!.text;
  return BULLET_GLYPH.test(first) ? `- ${rest}` : `${first} ${rest}`;
}

const gapBetween = (a: Line, b: Line) => a.y - b.y;

/** The most common value, rounded to `step` (each value counted `weights[i]` times, else once); ties go to the smaller. */
function mode(values: number[], step: number, weights?: number[]): number | null {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const k = Math.round(values[i]! / step) * step;
    counts.set(k, (counts.get(k) ?? 0) + (weights ? weights[i]! : 1));
  }
  let best: number | null = null;
  let bestN = 0;
  for (const [k, n] of counts) if (n > bestN || (n === bestN && best !== null && k < best)) [best, bestN] = [k, n];
  return best;
}

/**
 * The left edge of body text: the line start that begins the most text. Counted by characters, not by lines: a
 * table's many short rows (LibreOffice insets cells by 2 points) would otherwise outvote the paragraphs.
 */
function textMargin(pages: PageLines[]): number {
  const xs: number[] = [];
  const chars: number[] = [];
  for (const p of pages)
    for (const l of p.lines) {
      xs.push(l.x0);
      chars.push(l.text.length);
    }
  return mode(xs, 1, chars) ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Table regions on one page
// ---------------------------------------------------------------------------------------------------------------

/** How far apart, in em, the rows of a table may stand when their cells line up (Word's tables: ~1.5 em). */
const ROW_GAP_EM = 3.2;
/** How many label lines may end a page after a table and still belong to it (see pageUnits). */
const TRAILING_LABELS = 2;
/** The rest of a word broken in a table cell read from the text (see tableBlock). */
const SHORT_REST = /^\p{Ll}{1,3}$/u;
/** How many lines of one cell, at most, a table's rows may have between them (see pageUnits). */
const MAX_LABEL_LINES = 3;
/** Cell edges within this many points line up. */
const EDGE_TOLERANCE = 2;

/** The x edges of a line's cells after its first (the label), which a table's rows share with its header. */
function noteEdges(l: Line, edges: number[]): void {
  for (let s = 1; s < l.segs.length; s++) edges.push(l.segs[s]!.x0, l.segs[s]!.x1);
}

/**
 * Whether the line is a row of amounts (a cell after its label holds a number) and one of its cells starts or ends
 * where one of the region's does. Only amount tables are joined over tall rows: a checkbox grid is left as it was.
 */
function sharesEdge(l: Line, edges: number[]): boolean {
  let amounts = false;
  for (let s = 1; s < l.segs.length && !amounts; s++) amounts = NUMBER_ITEM.test(l.segs[s]!.text.trim());
  if (!amounts) return false;
  for (let s = 1; s < l.segs.length; s++)
    for (const e of edges) if (Math.abs(e - l.segs[s]!.x0) <= EDGE_TOLERANCE || Math.abs(e - l.segs[s]!.x1) <= EDGE_TOLERANCE) return true;
  return false;
}

/** Whether the line starts with a checkbox (☒ / ☐, or a symbol font's glyph for one). */
function startsWithBox(l: Line): boolean {
  return /^[☒☐]/u.test(mapPdfGlyphs(l.segs[0]!.text));
}

/** Whether a cell after the line's label holds an amount that is not a year. */
function holdsAmount(l: Line): boolean {
  for (let s = 1; s < l.segs.length; s++) if (isAmountText(l.segs[s]!.text)) return true;
  return false;
}

/** An amount, not a year. */
function isAmountText(text: string): boolean {
  const t = text.trim();
  return NUMBER_ITEM.test(t) && !YEAR.test(t);
}

function pageUnits(lines: Line[], margin: number): Unit[] {
  const n = lines.length;
  const isMulti = lines.map((l) => l.segs.length >= 2 && !isBulletLine(l));
  const box = lines.map(startsWithBox);
  const atMargin = (l: Line) => Math.abs(l.x0 - margin) <= 1.5;
  // list continuation lines: indented like the text after the bullet of a preceding list item
  const listCont: boolean[] = new Array(n).fill(false);
  let indent: number | null = null;
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (isBulletLine(l)) indent = l.segs[1]!.x0;
    else if (indent !== null && Math.abs(l.x0 - indent) <= 1.5 && !isMulti[i]) listCont[i] = true;
    else if (atMargin(l) || isMulti[i]) indent = null;
  }
  const inTable: number[] = new Array(n).fill(-1);
  const regions: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (!isMulti[i] || inTable[i]! >= 0) continue;
    const size = lines[i]!.size;
    const maxGap = 1.8 * size;
    const canJoin = (k: number) => {
      const l = lines[k]!;
      if (inTable[k]! >= 0) return false;
      // (a line of text in the body's larger type under a box table in small type, 'Angiv p/l:  2018', is no row of it;
      // an amount table may set its amounts smaller than its labels)
      if (isMulti[k]) return !(k > 0 && box[k - 1] && !box[k] && Math.abs(l.size - lines[k - 1]!.size) > 0.15 * Math.max(l.size, lines[k - 1]!.size));
      // a box table's last row may hold one box ('☒ Sundheds- og Omsorgsforvaltningen' under rows of two)
      if (k > 0 && box[k] && box[k - 1] && Math.abs(l.x0 - lines[k - 1]!.x0) <= EDGE_TOLERANCE) return true;
      if (atMargin(l) || isBulletLine(l) || listCont[k]) return false;
      return Math.abs(l.size - size) <= 0.2 * size;
    };
    let a = i;
    while (a > 0 && canJoin(a - 1) && gapBetween(lines[a - 1]!, lines[a]!) <= maxGap) a--;
    let b = i;
    // Tall rows (a LibreOffice table: 2.7 em apart) join farther down when the next row's cells line up with the
    // region's, directly or after one line of another row (a group label, a wrapped label).
    const edges: number[] = [];
    for (let k = a; k <= b; k++) noteEdges(lines[k]!, edges);
    const aligned = (k: number) => isMulti[k] && sharesEdge(lines[k]!, edges);
    const rowGap = ROW_GAP_EM * size;
    // line k joins the line above it within gap
    const joins = (k: number, gap: number) => k < n && canJoin(k) && gapBetween(lines[k - 1]!, lines[k]!) <= gap;
    // where the table's first column starts, and where its second does
    let first = Infinity;
    let second = Infinity;
    const noteColumns = (k: number) => {
      first = Math.min(first, lines[k]!.x0);
      if (isMulti[k]) second = Math.min(second, lines[k]!.segs[1]!.x0);
    };
    for (let k = a; k <= b; k++) noteColumns(k);
    // A group label set where the table's first column starts, which may be the text margin (a table whose cells are
    // padded to line up with the text): one line, within the first column if it stands at the margin (where a line of
    // text after the table could stand too), within a row's gap of the rows around it.
    const label = (k: number) =>
      k < n && !isMulti[k] && !isBulletLine(lines[k]!) && !listCont[k] && inTable[k]! < 0 &&
      Math.abs(lines[k]!.x0 - first) <= EDGE_TOLERANCE && (lines[k]!.x1 < second || !atMargin(lines[k]!)) &&
      Math.abs(lines[k]!.size - size) <= 0.2 * size &&
      gapBetween(lines[k - 1]!, lines[k]!) <= rowGap;
    for (;;) {
      if (joins(b + 1, maxGap) || (joins(b + 1, rowGap) && aligned(b + 1))) b++;
      else if (joins(b + 1, rowGap) && joins(b + 2, rowGap) && aligned(b + 2)) b += 2;
      else {
        // label lines (a group label, the wrapped rest of a row's label, both), then a row of amounts (not of years:
        // a caption over the next table's header)
        let k = b + 1;
        while (k - b <= MAX_LABEL_LINES && label(k)) k++;
        // the row after it stands at the table's row pitch, as the row below that does (a caption over another table
        // stands farther from it: 'Tabel 2. Nøgletal' 19 points above rows 14 points apart)
        const pitch = k + 1 < n && isMulti[k + 1] ? gapBetween(lines[k]!, lines[k + 1]!) : Infinity;
        if (k > b + 1 && joins(k, rowGap) && aligned(k) && holdsAmount(lines[k]!) && gapBetween(lines[k - 1]!, lines[k]!) <= 1.25 * pitch) b = k;
        else break;
      }
      noteEdges(lines[b]!, edges);
      noteColumns(b);
    }
    // the wrapped rest of the last row's label: lowercase, as close as the lines of a cell (a caption or a note under
    // the table starts with a capital)
    for (let rest = 0; rest < MAX_LABEL_LINES && label(b + 1) && /^\p{Ll}/u.test(lines[b + 1]!.text) && gapBetween(lines[b]!, lines[b + 1]!) <= 1.3 * size; rest++) b++;
    // A table broken by the page: the page may end with a group label of its next rows ('Effektiviseringer'), a
    // line set where the table's first column starts, which joins it so the table continues on the next page.
    if (n - 1 - b <= TRAILING_LABELS) {
      let k = b + 1;
      // (not at the margin, where the page's text after the table stands: the rest of the table's rows do not show it)
      while (label(k) && !atMargin(lines[k]!)) k++;
      if (k === n) b = n - 1;
    }
    if (b === a) continue; // one line is not a table
    const r = regions.length;
    regions.push([a, b]);
    for (let k = a; k <= b; k++) inTable[k] = r;
  }
  const units: Unit[] = [];
  for (let i = 0; i < n; i++) {
    const r = inTable[i]!;
    if (r < 0) units.push({ kind: 'line', line: lines[i]! });
    else if (regions[r]![0] === i) units.push({ kind: 'table', lines: lines.slice(i, regions[r]![1] + 1) });
  }
  return units;
}

// ---------------------------------------------------------------------------------------------------------------
// Table structure
// ---------------------------------------------------------------------------------------------------------------

type Interval = [number, number];

/**
 * Column x ranges: the union of the segments of the table's lines. A single-segment line whose text spans two or more
 * of the columns found from the other lines (a title or note across the table) does not merge them.
 */
function columnIntervals(lines: Line[]): Interval[] {
  const multi: Interval[] = [];
  for (const l of lines) if (l.segs.length >= 2) for (const s of l.segs) multi.push([s.x0, s.x1]);
  const base = union(multi);
  const all = [...multi];
  for (const l of lines) {
    if (l.segs.length !== 1) continue;
    const iv: Interval = [l.segs[0]!.x0, l.segs[0]!.x1];
    if (overlapping(base, iv, 0) < 2) all.push(iv);
  }
  return union(all);
}

// The helpers below live at module level, and the code run per table and per line loops rather than passing
// callbacks, because closures made per page or per table die with the call: V8 drops the optimized code of closures
// none of which is alive at a full garbage collection, and would compile them again and again.

/** How many of the intervals overlap iv by more than `min` points. */
function overlapping(intervals: Interval[], iv: Interval, min: number): number {
  let n = 0;
  for (const b of intervals) if (overlap(b, iv) > min) n++;
  return n;
}

const byStart = (a: Interval, b: Interval) => a[0] - b[0];

/** The union of intervals, touching ones (within 1 pt) merged. */
function union(segs: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [x0, x1] of [...segs].sort(byStart)) {
    const last = out[out.length - 1];
    if (last && x0 <= last[1] + 1) last[1] = Math.max(last[1], x1);
    else out.push([x0, x1]);
  }
  return out;
}

/** The column that overlaps [x0, x1] most. */
function columnOf(cols: Interval[], x0: number, x1: number): number {
  const iv: Interval = [x0, x1];
  let best = 0;
  let bestOv = -Infinity;
  for (let i = 0; i < cols.length; i++) {
    const ov = overlap(cols[i]!, iv);
    if (ov > bestOv) [best, bestOv] = [i, ov];
  }
  return best;
}

function overlap(a: Interval, b: Interval): number {
  return Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
}

/** Whether a table starting a page continues the table that ended the previous page. */
function continues(prev: Line[], next: Line[]): boolean {
  if (prev[0]!.text === next[0]!.text && prev[0]!.segs.length === next[0]!.segs.length) return true;
  const a = columnIntervals(prev);
  const b = columnIntervals(next);
  if (Math.abs(a[0]![0] - b[0]![0]) > 3 && b[0]![0] < a[0]![1]) {
    // the first columns do not line up: a different table
    return false;
  }
  for (const iv of b) if (overlapping(a, iv, -1) !== 1) return false;
  return true;
}

interface RawRow {
  page: number;
  lines: Line[];
}

/** How many of a table's other lines must start a cell at an x for a segment to be cut there. */
const CUT_EVIDENCE = 2;

/**
 * Cells set closer than the segment gap run together ('BC52 Digital fraværsregistrering', '2021 I alt'): a segment
 * is cut where it has an item boundary wider than a word space (Seg.cuts) at an x where at least two other lines
 * of the table start a segment or have such a boundary, so a column the other rows show is not swallowed.
 */
function cutAtColumns(lines: Line[]): Line[] {
  if (!lines.some(hasCuts)) return lines;
  // where each line starts a cell: its segments, and its own cuts (two rows run together the same way count)
  const starts: number[][] = lines.map((l) => l.segs.flatMap((sg) => [sg.x0, ...(sg.cuts ?? []).map((c) => c.x)]));
  return lines.map((l, k) => {
    if (!hasCuts(l)) return l;
    const segs: Seg[] = [];
    for (const sg of l.segs) {
      let from = 0;
      let x0 = sg.x0;
      for (const c of sg.cuts ?? []) {
        if (linesStartingAt(starts, c.x, k) < CUT_EVIDENCE) continue;
        segs.push({ ...sg, x0, x1: c.end, text: sg.text.slice(from, c.at).trim(), cuts: undefined });
        from = c.at;
        x0 = c.x;
      }
      segs.push(from === 0 ? sg : { ...sg, x0, text: sg.text.slice(from).trim(), cuts: undefined });
    }
    return segs.length === l.segs.length ? l : { ...l, segs };
  });
}

/** How many lines other than `except` start a cell within EDGE_TOLERANCE of x. */
function linesStartingAt(starts: number[][], x: number, except: number): number {
  let n = 0;
  for (let k = 0; k < starts.length; k++) {
    if (k === except) continue;
    for (const x0 of starts[k]!)
      if (Math.abs(x0 - x) <= EDGE_TOLERANCE) {
        n++;
        break;
      }
  }
  return n;
}

function hasCuts(l: Line): boolean {
  for (const sg of l.segs) if (sg.cuts) return true;
  return false;
}

/**
 * Rows of a table's lines: a gap wider than the spacing of lines inside a cell starts a row, and so does a line that
 * starts with a box below a row that does (a box table), and a rule drawn across the table between two lines, if the
 * page's rules were read (a table ruled between its rows only, whose rows
 * stand as close as the lines of a cell).
 */
function rowsOf(lines: Line[], rulings?: Map<number, PageRulings>): RawRow[] {
  let x0 = Infinity;
  let x1 = -Infinity;
  for (const l of lines) [x0, x1] = [Math.min(x0, l.x0), Math.max(x1, l.x1)];
  const rows: RawRow[] = [];
  for (const l of lines) {
    const last = rows[rows.length - 1];
    const prevLine = last?.lines[last.lines.length - 1];
    if (
      last &&
      prevLine &&
      prevLine.page === l.page &&
      gapBetween(prevLine, l) <= 1.3 * Math.max(l.size, prevLine.size) &&
      !ruleBetween(prevLine, l, rulings?.get(l.page), x0, x1) &&
      // a box starts an entry of a box table, whose rows may stand as close as a cell's lines
      !(startsWithBox(l) && startsWithBox(last.lines[0]!) && Math.abs(l.x0 - last.lines[0]!.x0) <= EDGE_TOLERANCE)
    )
      last.lines.push(l);
    else rows.push({ page: l.page, lines: [l] });
  }
  return rows;
}

/**
 * Whether a horizontal rule runs between two lines (below the upper one's baseline, above the lower one's text)
 * across most of the table's width [x0, x1]; an underline is as wide as its words.
 */
function ruleBetween(upper: Line, lower: Line, rulings: PageRulings | undefined, x0: number, x1: number): boolean {
  if (!rulings) return false;
  for (const h of rulings.h)
    if (h.y < upper.y && h.y > lower.y + 0.5 * lower.size && Math.min(h.x1, x1) - Math.max(h.x0, x0) >= 0.6 * (x1 - x0)) return true;
  return false;
}

/**
 * A table found from the text, as a block; `stacked` when a cell holds two amounts one above the other: its rows stand
 * no farther apart than the lines inside a cell (a narrow LibreOffice table), so that they run together, and the
 * table is in doubt.
 */
function tableBlock(tableLines: Line[], vocab: Vocabulary, rulings?: Map<number, PageRulings>): { block: Block; stacked: boolean } {
  const lines = cutAtColumns(tableLines);
  const rows = rowsOf(lines, rulings);
  const cols = columnIntervals(lines);
  const table: GridRow[] = [];
  let stacked = false;
  for (const r of rows) {
    const cells: string[] = new Array<string>(cols.length).fill('');
    // each cell's last line so far, and where it ends
    const last: { text: string; x1: number; size: number }[] = [];
    for (const l of r.lines) {
      const perCol = new Map<number, { text: string; x1: number }>();
      for (const s of l.segs) {
        const c = columnOf(cols, s.x0, s.x1);
        const had = perCol.get(c);
        perCol.set(c, had ? { text: `${had.text} ${s.text}`, x1: s.x1 } : { text: s.text, x1: s.x1 });
      }
      for (const [c, t] of perCol) {
        stacked ||= stacksAmounts(cells[c]!, t.text);
        const prev = last[c];
        // A word broken for want of room ('Implementeringsomkostning' / 'er'). The column's right edge here is where its
        // widest text ends, which a word wrapped as usual reaches as well ('Potentiale' / 'for' / 'storskala', 'Ikke' /
        // 'relevant'): only a short rest alone on its line, after a line that is no word of the document.
        if (prev && /\p{L}$/u.test(prev.text) && SHORT_REST.test(t.text) && !vocab.has(prev.text) && brokenWord(prev.text, prev.x1, prev.size, cols[c]![1], t.text, vocab))
          cells[c] += t.text;
        else cells[c] = joinCellLine(cells[c]!, t.text, vocab);
        last[c] = { text: t.text, x1: t.x1, size: l.size };
      }
    }
    table.push({ page: r.page, cells });
  }
  return { block: rowsBlock(acrossPages(table, vocab)), stacked };
}

/**
 * The pages with a table in doubt (see tableBlock), from the text alone: then the reader reads the rules drawn on
 * them (pdf.ts) and lays the pages out again.
 */
export function pagesInDoubt(pages: PageLines[]): number[] {
  const inDoubt: number[] = [];
  layoutBlocks(pages, undefined, inDoubt);
  return inDoubt;
}

function rowsBlock(table: GridRow[]): Block {
  const tableRows: TableRow[] = [];
  for (const r of table) tableRows.push({ cells: r.cells.map(cleanCell), page: r.page });
  return { kind: 'table', rows: tableRows, page: tableRows[0]?.page ?? null };
}

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/**
 * Whether a row at the top of a page repeats the table's header: each cell the same as, or the start of, the cell of
 * one of the header rows in its column (a program may repeat a header of several rows as fewer: LibreOffice leaves out
 * a title row merged over the others, and sets the rest of a wrapped header cell that has too little room below the
 * header's rule, in the row under it). The rest that did not fit is put into `rests` by column.
 */
function repeatsHeader(cells: string[], header: GridRow[], rests: Map<number, string>): boolean {
  if (header.length === 0 || cells.every((c) => c === '')) return false;
  const found = new Map<number, string>();
  if (header.some((h) => h.cells.length !== cells.length)) return false;
  for (let j = 0; j < cells.length; j++) {
    const a = squash(cells[j]!);
    // the same text in a header row first; else the start of one (only words may have run over: an amount or a
    // year is the same or another cell)
    if (header.some((h) => squash(h.cells[j]!) === a)) continue;
    const h = header.find((r) => {
      const b = squash(r.cells[j]!);
      return a !== '' && /\p{L}/u.test(a) && b.startsWith(a) && !/\d/.test(b.slice(a.length));
    });
    if (!h) return false;
    found.set(j, squash(h.cells[j]!).slice(a.length));
  }
  for (const [j, rest] of found) rests.set(j, rest);
  return true;
}

/** A row of a table's body: it holds an amount (not a year), or only a label (a group's). */
function isBodyRow(cells: string[]): boolean {
  if (cells.some(isAmountText)) return true;
  return cells[0] !== '' && cells.slice(1).every((c) => c === '');
}

/** Takes the rest of a repeated header's cell (see repeatsHeader) off the start of the cell it ran into. */
function withoutRests(row: GridRow, rests: Map<number, string>): void {
  for (const [j, rest] of rests) {
    const cell = row.cells[j] ?? '';
    if (rest === '' || !squash(cell).startsWith(rest)) continue;
    let k = 0;
    for (let n = 0; n < rest.length; k++) if (!/\s/.test(cell[k]!)) n++;
    row.cells[j] = cell.slice(k).trim();
  }
}

/** A table continued on the next page: drops its repeated header rows and rejoins a row split by the page break. */
function acrossPages(table: GridRow[], vocab: Vocabulary): GridRow[] {
  const out: GridRow[] = [];
  let handledPage = table[0]?.page ?? 0;
  let i = 0;
  while (i < table.length) {
    const row = table[i]!;
    if (row.page !== handledPage && out.length) {
      handledPage = row.page;
      let k = 0;
      const rests = new Map<number, string>();
      // the header: the table's first rows, up to the first that holds an amount or is a group's label alone
      let headerRows = 0;
      while (headerRows < out.length && !isBodyRow(out[headerRows]!.cells)) headerRows++;
      const header = out.slice(0, headerRows);
      while (i + k < table.length && table[i + k]!.page === row.page && k < headerRows && repeatsHeader(table[i + k]!.cells, header, rests)) k++;
      i += k;
      if (k > 0 && rests.size && table[i]?.page === row.page) withoutRests(table[i]!, rests);
      const nxt = table[i];
      if (nxt && nxt.page === row.page && isSplitRow(out[out.length - 1]!.cells, nxt.cells)) {
        mergeRow(out[out.length - 1]!, nxt.cells, vocab);
        i++;
      }
      continue;
    }
    out.push(row);
    i++;
  }
  return out;
}

/** Whether two ruled tables have the same columns (a table continued on the next page). */
function sameColumns(a: GridTable, b: GridTable): boolean {
  if (a.xs.length !== b.xs.length) return false;
  // columns taken from the text move with what each page holds: only the rules' ends must agree
  const edges = a.open || b.open ? [0, a.xs.length - 1] : a.xs.map((_, i) => i);
  return edges.every((i) => Math.abs(a.xs[i]! - b.xs[i]!) <= EDGE_TOLERANCE);
}

/**
 * A table ruled between its rows only, as a grid: its rows from the rules, its columns from the text of the lines
 * between them (as a table found from the text: columnIntervals), split halfway between columns. Null if its lines
 * do not make two columns (rules between paragraphs, under headings).
 */
function openGrid(set: RuledRows, lines: Line[]): Grid | null {
  const inside = lines.filter((l) => l.y < set.ys[0]! && l.y > set.ys[set.ys.length - 1]! && l.x0 < set.x1 && l.x1 > set.x0);
  // cells side by side on two lines at least; a list item's bullet and text are no cells (rules under headings
  // with a list between them are no table)
  if (inside.filter((l) => l.segs.length >= 2 && !isBulletLine(l)).length < 2 || inside.some(isBulletLine)) return null;
  const cols = columnIntervals(cutAtColumns(inside));
  if (cols.length < 2) return null;
  const xs = [Math.min(set.x0, cols[0]![0]), ...cols.slice(1).map((c, i) => (cols[i]![1] + c[0]) / 2), Math.max(set.x1, cols[cols.length - 1]![1])];
  const cells = (set.ys.length - 1) * (xs.length - 1);
  return { ys: set.ys, xs, owner: Array.from({ length: cells }, (_, i) => i), open: true };
}

/** The top of a unit, to place a ruled table among the lines of its page. */
function unitTop(u: Unit): number {
  return u.kind === 'line' ? u.line.y : u.kind === 'table' || u.kind === 'note' ? u.lines[0]!.y : u.table.top;
}

/** The page's units: the text's, with its ruled tables (if its rules are known) placed where they stand. */
function unitsOf(p: PageLines, margin: number, rulings: PageRulings | undefined, vocab: Vocabulary): Unit[] {
  const found = rulings ? rulingTables(rulings) : { grids: [], ruledRows: [] };
  let grids = found.grids;
  for (const set of found.ruledRows) {
    const g = openGrid(set, p.lines);
    if (g) grids.push(g);
  }
  // a grid whose rules leave two amounts one above the other in a cell is not used: its lines are read as text
  let { rest, tables } = gridTables(p.lines, grids, vocab);
  for (let bad = tables.filter((t) => t.stacked); bad.length; bad = tables.filter((t) => t.stacked)) {
    const drop = new Set(bad.map((t) => grids[t.grid]));
    grids = grids.filter((g) => !drop.has(g));
    ({ rest, tables } = gridTables(p.lines, grids, vocab));
  }
  const units = pageUnits(rest, margin);
  for (const t of tables) {
    const at = units.findIndex((u) => unitTop(u) < t.top);
    units.splice(at < 0 ? units.length : at, 0, { kind: 'grid', table: t });
  }
  return units;
}

/** A paragraph being collected from lines. */
interface Para {
  text: string;
  page: number;
  last: Line;
  lines: number;
  list: boolean;
}

/** Ends the paragraph being collected (if any) as a block; returns null, the paragraph to collect next. */
function flushPara(para: Para | null, blocks: Block[]): null {
  if (para) {
    const t = cleanInline(mapPdfGlyphs(para.text));
    if (t) blocks.push({ kind: 'paragraph', text: t, page: para.page });
  }
  return null;
}

/**
 * The first row after a page break continues the row before it: its text goes on in lowercase (or with a number, as
 * in a date) and no cell starts anew with a capital, as the first line of a row would; or each of its cells goes on
 * from a cell of the previous row, one of which was left hanging on a dash or comma ("2.000 –" / "3.000").
 */
function isSplitRow(prev: string[], cells: string[]): boolean {
  const filled = cells.map((c, i) => (c !== '' ? i : -1)).filter((i) => i >= 0);
  if (filled.length === 0) return false;
  if (filled.some((i) => /^\p{Ll}/u.test(cells[i]!)) && filled.every((i) => /^[\p{Ll}\p{N}(]/u.test(cells[i]!))) return true;
  return filled.every((i) => (prev[i] ?? '') !== '') && filled.some((i) => /[-–—,]$/.test(prev[i]!));
}

/** Joins the rest of a row split by a page break onto it: a word a ruled cell broke at the page's foot is rejoined. */
function mergeRow(into: GridRow, cells: string[], vocab: Vocabulary): void {
  into.cells = into.cells.map((c, i) => {
    const next = cells[i] ?? '';
    return into.fullEnd?.[i] && c !== '' && next !== '' && continuesWord(c, next, vocab) ? c + next : joinLine(c, next, vocab);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------------------------------

/**
 * The blocks of a document's pages; `rulings`, the rules drawn on pages, where they were read. The pages whose text
 * tables still hold two amounts one above the other in a cell are put into `inDoubt`.
 */
export function layoutBlocks(pages: PageLines[], rulings?: Map<number, PageRulings>, inDoubt?: number[]): Block[] {
  const margin = textMargin(pages);
  const vocab = new Vocabulary();
  // by segment: the cells of a table row share a line, and a cell's last word may be the start or the rest of a
  // word broken in it ('Fordelin' / 'gsnøgle' beside the next row's years)
  for (const p of pages) for (const l of p.lines) for (const sg of l.segs) vocab.addLine(sg.text);

  // units per page, then tables continued across page breaks; a page's footnotes follow its text, and the rest of a
  // table that the page broke when the next page goes on with it
  const units: Unit[] = [];
  let pending: Unit[] = [];
  for (const page of pages) {
    const notes: Line[][] = [];
    const p = withoutFootnotes(page, notes);
    const pu = unitsOf(p, margin, rulings?.get(p.page), vocab);
    const last = units[units.length - 1];
    const first = pu[0];
    let joined = false;
    if (last?.kind === 'grid' && first?.kind === 'grid' && last.table.rows[last.table.rows.length - 1]!.page === p.page - 1 && sameColumns(last.table, first.table)) {
      last.table.rows.push(...first.table.rows);
      joined = true;
    } else {
      const fromLastPage = last?.kind === 'table' && last.lines[last.lines.length - 1]!.page === p.page - 1;
      if (fromLastPage && first?.kind === 'table' && continues(last.lines, first.lines)) {
        last.lines.push(...first.lines);
        joined = true;
      } else if (fromLastPage && first?.kind === 'line' && first.line.segs.length >= 2 && continues(last.lines, [first.line])) {
        // the table's last row alone at the top of the page (one line is no table of its own)
        last.lines.push(first.line);
        joined = true;
      }
    }
    if (joined) pu.shift();
    units.push(...pending, ...pu);
    pending = notes.map((lines): Unit => ({ kind: 'note', lines }));
  }
  units.push(...pending);

  // line spacing of paragraph text per font size
  const gapsBySize = new Map<number, number[]>();
  for (let i = 1; i < units.length; i++) {
    const a = units[i - 1]!;
    const b = units[i]!;
    if (a.kind !== 'line' || b.kind !== 'line' || a.line.page !== b.line.page) continue;
    if (Math.abs(a.line.size - b.line.size) > 0.3) continue;
    const g = gapBetween(a.line, b.line);
    const key = Math.round(b.line.size * 2) / 2;
    if (g >= 1.0 * b.line.size && g <= 1.6 * b.line.size) {
      let arr = gapsBySize.get(key);
      if (!arr) gapsBySize.set(key, (arr = []));
      arr.push(g);
    }
  }
  const pitchByKey = new Map<number, number | null>();
  const pitch = (size: number) => {
    const key = Math.round(size * 2) / 2;
    let p = pitchByKey.get(key);
    if (p === undefined) {
      const arr = gapsBySize.get(key);
      pitchByKey.set(key, (p = arr && arr.length >= 3 ? mode(arr, 0.25) : null));
    }
    return p ?? 1.22 * size;
  };

  const blocks: Block[] = [];
  let para: Para | null = null;
  for (const u of units) {
    if (u.kind === 'table') {
      para = flushPara(para, blocks);
      const { block, stacked } = tableBlock(u.lines, vocab, rulings);
      blocks.push(block);
      // every page the table stands on (it may go on over a page break)
      if (stacked && inDoubt) for (const l of u.lines) if (!inDoubt.includes(l.page)) inDoubt.push(l.page);
      continue;
    }
    if (u.kind === 'grid') {
      para = flushPara(para, blocks);
      blocks.push(rowsBlock(acrossPages(u.table.rows, vocab)));
      continue;
    }
    if (u.kind === 'note') {
      // a footnote, one paragraph
      para = flushPara(para, blocks);
      let text = '';
      for (const l of u.lines) text = joinLine(text, l.text, vocab);
      blocks.push({ kind: 'paragraph', text: cleanInline(mapPdfGlyphs(text)), page: u.lines[0]!.page });
      continue;
    }
    const l = u.line;
    const bullet = isBulletLine(l);
    const isItem = bullet || NUMBERED_TEXT.test(l.text);
    const text = bullet ? bulletText(l) : l.text;
    const p = para as Para | null;
    if (p) {
      const prev = p.last;
      const sameSize = Math.abs(prev.size - l.size) <= 0.6;
      let cont: boolean;
      if (prev.page !== l.page) {
        cont = sameSize && !isItem && !/[.:!?]["”)]?$/.test(prev.text) && /^\p{Ll}/u.test(l.text) && Math.abs(prev.x0 - l.x0) <= 1.5;
      } else {
        const gap = gapBetween(prev, l);
        const lim = pitch(l.size) * 1.1;
        const otherFont = p.lines === 1 && !prev.fonts.some((f) => l.fonts.includes(f));
        const labelStart = LABEL.test(l.text) && l.fonts[0] !== prev.fonts[prev.fonts.length - 1];
        cont = sameSize && gap <= lim && !isItem && !otherFont && !labelStart;
        if (!cont && isItem && p.list && sameSize && gap <= pitch(l.size) * 1.45) {
          p.text += `\n${text}`;
          p.last = l;
          p.lines++;
          continue;
        }
      }
      if (cont) {
        // A line led by '- ' starts a line of its own, as in the text export (list items, a title's subtitle).
        p.text = /^-\s/.test(text) ? `${p.text}\n${text}` : joinLine(p.text, text, vocab);
        p.last = l;
        p.lines++;
        continue;
      }
    }
    para = flushPara(para, blocks);
    para = { text, page: l.page, last: l, lines: 1, list: isItem };
  }
  para = flushPara(para, blocks);
  return blocks;
}

/** How far down a page its footnotes may start: below this share of its height. */
const NOTES_BELOW = 0.5;

/**
 * The page without its footnotes, which are put into `notes`: from the first line in the lower part of the page that
 * starts with a note's number (raised: Line.noteAt) at the left edge of the page's text, every line to the foot of the page, each
 * note from its number on; only lines of text (one segment each), so a table at the foot of a page stays.
 */
function withoutFootnotes(p: PageLines, notes: Line[][]): PageLines {
  const lines = p.lines;
  // the page's left edge of text (the text margin of a document set mostly in tables inset from it is further right)
  let left = Infinity;
  for (const l of lines) left = Math.min(left, l.x0);
  let from = -1;
  for (let i = 0; i < lines.length && from < 0; i++) {
    const l = lines[i]!;
    if (l.noteAt !== undefined && l.noteAt <= left + 2.5 && l.y < p.height * NOTES_BELOW) from = i;
  }
  if (from < 0) return p;
  for (let i = from; i < lines.length; i++) if (lines[i]!.segs.length !== 1) return p;
  for (let i = from; i < lines.length; i++) {
    if (lines[i]!.noteAt !== undefined) notes.push([]);
    notes[notes.length - 1]!.push(lines[i]!);
  }
  return { ...p, lines: lines.slice(0, from) };
}
