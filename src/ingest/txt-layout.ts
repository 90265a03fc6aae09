import { joinLine } from './pdf/join.ts';
import { PAGE_NUMBER } from './pdf/furniture.ts';
import { YEAR } from './pdf/grid.ts';
import { NUMBER_ITEM } from './pdf/lines.ts';

/**
 * Text laid out with spaces, as a 'print to text' export or pdftotext's layout mode writes it: a table's columns
 * stand apart by runs of two or more spaces and an empty cell is blank; pages are separated by form feeds, with
 * running headers and page numbers on them. The TXT reader (txt.ts) hands such text here: a group of lines whose
 * cells line up becomes a table, and page furniture goes.
 */

/** A run of text inside a line: words separated by single spaces. `start` and `end` are character columns. */
export interface Piece {
  start: number;
  end: number;
  text: string;
}

/** (A non-breaking space, as in '1.000 kr.', is a word space.) */
const PIECE = /\S+(?:[ \u00A0]\S+)*/g;

export function piecesOf(line: string): Piece[] {
  const out: Piece[] = [];
  for (const m of line.matchAll(PIECE)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

/** A line with a gap of two or more spaces between its words. */
const GAPPED = /\S {2,}\S/;

/**
 * Whether the gap before `p` parts columns: three spaces or more, or two after anything but a sentence's end (text
 * typed with two spaces after a full stop has such gaps, which may line up by chance).
 */
function columnGap(prev: Piece, p: Piece): boolean {
  return p.start - prev.end >= 3 || (p.start - prev.end === 2 && !/[.!?:;]$/.test(prev.text));
}

/** The parts of a line that start a column (after a column gap). */
function columnStarts(line: string): Piece[] {
  const ps = piecesOf(line);
  const out: Piece[] = [];
  for (let i = 1; i < ps.length; i++) if (columnGap(ps[i - 1]!, ps[i]!) && !(i === 1 && LIST_MARKER.test(ps[0]!.text))) out.push(ps[i]!);
  return out;
}

/** A part that starts with a box: typed '[X]' / '[ ]', ☒ / ☐, or a bare X. */
const BOX_START = /^(?:\[[xX ]?\]|[☒☐]|[xX](?:\s|$))/u;

/** A list item's number or bullet: the gap after it is an indent, not a column. */
const LIST_MARKER = /^(?:\d{1,2}[.)]|[a-z][.)]|[-–•*·])$/;

/**
 * Whether a line is laid out in columns: it has a gap of three spaces or more (justified text, as pdftotext's layout
 * mode writes a paragraph, stretches its word spaces to two, seldom to three).
 */
export function isParted(line: string): boolean {
  // (most lines have no such gap: the regular expression answers for them without cutting the line into parts)
  if (!WIDE_GAP.test(line)) return false;
  const ps = piecesOf(line);
  for (let i = 1; i < ps.length; i++) if (ps[i]!.start - ps[i - 1]!.end >= 3 && !(i === 1 && LIST_MARKER.test(ps[0]!.text))) return true;
  return false;
}

const WIDE_GAP = /\S {3,}\S/;

/** Lines at the top and at the foot of a page that may be furniture. */
const BAND_LINES = 1;
/** Parts that are numbers: a line with two of them is a table's row, not a running header. */
const numberParts = (line: string) => piecesOf(line).filter((p) => NUMBER_ITEM.test(p.text)).length;

/**
 * The lines with page furniture blanked: the first or last line of a page (pages end at form feeds) that is a page
 * number (not a year alone: a table's one year column), or laid out in parts ('Københavns Kommune      Innovationsforslag BC91') and standing so on
 * two pages or more (its digits aside). A line of one part ('INVESTERINGSFORSLAG' opening each proposal's page), and a
 * table's row (two numbers or more: a header of years, a total), are text.
 */
export function withoutPageFurniture(lines: string[]): string[] {
  const pages: number[][] = [[]];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes('\f') && pages[pages.length - 1]!.length) pages.push([]);
    if (lines[i]!.replace(/\f/g, '').trim() !== '') pages[pages.length - 1]!.push(i);
  }
  if (pages.length < 2) return lines;
  const key = (i: number) => lines[i]!.replace(/\f/g, '').trim().replace(/\d+/g, '#').replace(/\s+/g, ' ').toLowerCase();
  const band = (p: number[]) => [...new Set([...p.slice(0, BAND_LINES), ...p.slice(-BAND_LINES)])];
  const seen = new Map<string, number>();
  const header = (i: number) => GAPPED.test(lines[i]!) && numberParts(lines[i]!) < 2;
  for (const p of pages) for (const k of new Set(band(p).filter(header).map(key))) seen.set(k, (seen.get(k) ?? 0) + 1);
  const out = [...lines];
  for (const p of pages)
    for (const i of band(p)) {
      const t = lines[i]!.replace(/\f/g, '').trim();
      if ((PAGE_NUMBER.test(t) && !YEAR.test(t)) || (header(i) && (seen.get(key(i)) ?? 0) >= 2)) out[i] = lines[i]!.includes('\f') ? '\f' : '';
    }
  return out;
}

/**
 * Whether a group of lines (no blank line among them) is a table laid out with spaces: two lines or more have a
 * column gap, and two of them start or end a column at the same place (a double space typed in a sentence lines up
 * with nothing).
 */
export function isLaidOutTable(lines: string[]): boolean {
  const parted = lines.filter(isParted);
  if (parted.length < 2) return false;
  const edges = new Map<number, number>();
  const boxes = new Set<number>();
  for (const l of parted) {
    const mine = new Set<number>();
    // an indented line's first part starts a column too ('       Økonomiforvaltningen' over '   X   Kultur- og ...')
    const first = piecesOf(l)[0]!;
    if (first.start > 0) mine.add(first.start);
    for (const p of columnStarts(l)) {
      mine.add(p.start).add(-p.end - 1);
      if (BOX_START.test(p.text)) boxes.add(p.start);
    }
    for (const e of mine) edges.set(e, (edges.get(e) ?? 0) + 1);
  }
  // a grid of boxes ('[X] Økonomiforvaltningen     [ ] Socialforvaltningen') lines up at its boxes
  for (const b of boxes) if ((edges.get(b) ?? 0) >= 2) return true;
  // two places where lines line up, or one where three lines do (justified text lines up by chance, once)
  let shared = 0;
  for (const n of edges.values()) {
    if (n >= 3) return true;
    if (n >= 2) shared++;
  }
  return shared >= 2;
}

/**
 * Whether the lines in columns of a group are all a label and its value ('Der søges om midler fra:    Innovationspuljen'):
 * a form's fields, set in two columns, which are no table.
 */
export function isFieldList(lines: string[]): boolean {
  let n = 0;
  for (const l of lines) {
    if (!isParted(l)) continue;
    if (!isFieldLine(l)) return false;
    n++;
  }
  return n >= 2;
}

/** A label and its value set apart by two spaces or more (the value may be in parts: boxes, a BC number apart). */
export function isFieldLine(line: string): boolean {
  const ps = piecesOf(line);
  return ps.length >= 2 && ps[0]!.text.endsWith(':');
}

const squash = (l: string) => l.trim().replace(/\s+/g, ' ');
/** A line of years (two or more): a table's header. */
export function isYearHeader(line: string): boolean {
  return piecesOf(line).filter((p) => YEAR.test(p.text)).length >= 2;
}

/**
 * The lines that go on with a table broken by a page break, its header repeated on the new page left out; null when
 * they start another table (a header of years that is not the table's own).
 */
export function continuation(lines: string[], table: string[]): string[] | null {
  const head = new Set(table.slice(0, 3).map(squash));
  let i = 0;
  while (i < lines.length && head.has(squash(lines[i]!))) i++;
  const rest = lines.slice(i);
  if (rest.some(isYearHeader)) return null;
  return linesUpWith(rest, table) ? rest : null;
}

/**
 * Whether some line in parts of `lines` starts or ends a part after its first where a line in parts of `table` does:
 * the lines go on with that table's columns (its rest after a page break).
 */
export function linesUpWith(lines: string[], table: string[]): boolean {
  const edges = new Set<number>();
  for (const l of table) for (const p of columnStarts(l)) edges.add(p.start).add(-p.end - 1);
  for (const l of lines) for (const p of columnStarts(l)) if (edges.has(p.start) || edges.has(-p.end - 1)) return true;
  return false;
}

type Column = [number, number];

/** Columns: the union of the parts of the lines in parts (a line of one part, a unit over the years, spans them). */
function columnsOf(lines: Piece[][]): Column[] {
  const spans: Column[] = [];
  for (const ps of lines) if (ps.length >= 2) for (const p of ps) spans.push([p.start, p.end]);
  spans.sort((a, b) => a[0] - b[0]);
  const out: Column[] = [];
  for (const [s, e] of spans) {
    const last = out[out.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The column a part overlaps most, or the nearest. */
function columnOf(cols: Column[], p: Piece): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < cols.length; c++) {
    const [s, e] = cols[c]!;
    const score = Math.min(e, p.end) - Math.max(s, p.start);
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

/**
 * A line that goes on with the cells of the row above (a label wrapped in its column: 'Integration til omsorgssystem
 * og' / 'nøgleadministration'): each of its cells starts in lowercase and stands under a cell of that row that holds
 * text. A row of amounts, a group label and a new row's label start otherwise.
 */
function continuesRow(cells: string[], above: string[]): boolean {
  let any = false;
  for (let c = 0; c < cells.length; c++) {
    if (cells[c] === '') continue;
    if (!/^\p{Ll}/u.test(cells[c]!) || (above[c] ?? '') === '') return false;
    any = true;
  }
  return any;
}

/** The rows of a table laid out with spaces, its cells in the columns its lines share. */
export function laidOutRows(lines: string[]): string[][] {
  const pieces = lines.map(piecesOf);
  const cols = columnsOf(pieces);
  const rows: string[][] = [];
  for (const ps of pieces) {
    const cells = new Array<string>(cols.length).fill('');
    for (const p of ps) {
      const c = columnOf(cols, p);
      cells[c] = cells[c] ? `${cells[c]} ${p.text}` : p.text;
    }
    const above = rows[rows.length - 1];
    if (above && continuesRow(cells, above)) {
      // (a word hyphenated at the end of the line above is rejoined: 'omsorgs-' / 'system')
      for (let c = 0; c < cells.length; c++) if (cells[c]) above[c] = joinLine(above[c]!, cells[c]!);
    } else rows.push(cells);
  }
  return rows;
}
