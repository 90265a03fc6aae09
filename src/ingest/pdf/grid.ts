/**
 * PDF geometry: the text of a page's ruled tables (ruling.ts: rulingTables) read cell by cell.
 *
 * The lines (or the segments of lines) that sit inside a grid are taken out of the page's flow; each segment goes to
 * the cell its baseline and middle fall in, cut first where a column rule runs through it (two cells set closer
 * than a column gap are one segment: Seg.cuts). A merged cell's text goes to its top-left cell and its other cells
 * stay empty, as the DOCX reader gives them; rows left without text are dropped.
 */
import type { Line, Seg } from './lines.ts';
import type { Grid } from './ruling.ts';
import { Vocabulary, joinCellLine, stacksAmounts } from './join.ts';
import { NUMBER_ITEM } from './lines.ts';

export interface GridRow {
  page: number;
  cells: string[];
  /**
   * Per cell (ruled tables only): its last line is one word that reaches the cell's right margin, which may go on
   * at the top of the next page when the row is split by the page break (see continuesWord).
   */
  fullEnd?: boolean[];
}

export interface GridTable {
  page: number;
  /** The top rule's y: where the table stands among the page's lines. */
  top: number;
  /** Column edges, to tell a table continued on the next page. */
  xs: number[];
  /** Columns taken from the text (see Grid.open). */
  open?: boolean;
  rows: GridRow[];
  /** The index of its grid in the grids given to gridTables. */
  grid: number;
  /**
   * A cell of it holds two amounts one above the other: its rules do not separate its rows (a table ruled between
   * its columns only, a rule left out), so its reading from the grid is not to be trusted.
   */
  stacked: boolean;
}

interface Piece {
  y: number;
  x: number;
  x1: number;
  size: number;
  text: string;
}

/** The segment cut at the column edges that run through it (at its cuts), as [x0, x1, text] pieces. */
function piecesOf(s: Seg, xs: number[]): [number, number, string][] {
  const out: [number, number, string][] = [];
  let from = 0;
  let x0 = s.x0;
  for (const c of s.cuts ?? []) {
    if (!xs.some((x) => x >= c.end - 1 && x <= c.x + 1)) continue;
    out.push([x0, c.end, s.text.slice(from, c.at).trim()]);
    from = c.at;
    x0 = c.x;
  }
  out.push([x0, s.x1, s.text.slice(from).trim()]);
  return out;
}

function segsText(segs: Seg[]): string {
  return segs.map((s) => s.text).join(' ');
}

/**
 * Takes the lines inside the page's grids out of `lines`: returns the lines left (in order) and a table per grid
 * that holds any text.
 */
export function gridTables(lines: Line[], grids: Grid[], vocab: Vocabulary): { rest: Line[]; tables: GridTable[] } {
  if (grids.length === 0) return { rest: lines, tables: [] };
  const cellText = grids.map(() => new Map<number, Piece[]>());
  // the cells' inner margin: the least distance of a word from its cell's left rule
  const pads = grids.map(() => Infinity);
  const rest: Line[] = [];
  for (const l of lines) {
    const outside: Seg[] = [];
    for (const s of l.segs) {
      // the grid the segment stands in (two tables may stand side by side on one line)
      const mid = (s.x0 + s.x1) / 2;
      const g = grids.findIndex((gr) => l.y < gr.ys[0]! && l.y > gr.ys[gr.ys.length - 1]! && mid >= gr.xs[0]! && mid <= gr.xs[gr.xs.length - 1]!);
      if (g < 0) {
        outside.push(s);
        continue;
      }
      const grid = grids[g]!;
      const cols = grid.xs.length - 1;
      const r = grid.ys.findIndex((y, k) => k + 1 < grid.ys.length && l.y <= y && l.y > grid.ys[k + 1]!);
      for (const [x0, x1, text] of piecesOf(s, grid.xs)) {
        if (text === '') continue;
        const m = (x0 + x1) / 2;
        let c = grid.xs.findIndex((x, k) => k + 1 < grid.xs.length && m >= x && m < grid.xs[k + 1]!);
        if (c < 0) c = m < grid.xs[0]! ? 0 : cols - 1;
        const cell = grid.owner[r * cols + c]!;
        let list = cellText[g]!.get(cell);
        if (!list) cellText[g]!.set(cell, (list = []));
        list.push({ y: l.y, x: x0, x1, size: l.size, text });
        // measured on words (amounts stand right-aligned, close to their left rule in a narrow column), from the merged
        // cell's left rule (a text spanning columns starts left of the column of its middle)
        if (/^\p{L}/u.test(text)) pads[g] = Math.min(pads[g]!, Math.max(0, x0 - grid.xs[cell % cols]!));
      }
    }
    if (outside.length === l.segs.length) rest.push(l);
    else if (outside.length)
      rest.push({ ...l, segs: outside, x0: outside[0]!.x0, x1: Math.max(...outside.map((s) => s.x1)), text: segsText(outside) });
  }
  const page = lines[0]?.page ?? 0;
  const tables: GridTable[] = [];
  grids.forEach((grid, g) => {
    const cols = grid.xs.length - 1;
    const rows: GridRow[] = [];
    let stacked = false;
    // the right edge of each merged cell's text: its rightmost rule less the margin
    const right = new Map<number, number>();
    grid.owner.forEach((o, i) => right.set(o, Math.max(right.get(o) ?? -Infinity, grid.xs[(i % cols) + 1]! - (Number.isFinite(pads[g]!) ? pads[g]! : 0))));
    for (let r = 0; r + 1 < grid.ys.length; r++) {
      const cells = new Array<string>(cols).fill('');
      const fullEnd = new Array<boolean>(cols).fill(false);
      let yearJoined = false;
      for (let c = 0; c < cols; c++) {
        const pieces = cellText[g]!.get(r * cols + c);
        if (!pieces) continue;
        const lines = cellLines(pieces, right.get(r * cols + c)!, vocab);
        cells[c] = lines.text;
        fullEnd[c] = lines.fullEnd;
        stacked ||= lines.stacked;
        yearJoined ||= lines.yearJoined;
      }
      // A year is rejoined ('202' / '0') only in a header row: one with two years or more and no other amount. Else
      // the two parts are two amounts one above the other ('200' / '5'), and the grid does not part its rows.
      if (yearJoined && (cells.filter((x) => YEAR.test(x)).length < 2 || cells.some((x) => NUMBER_ITEM.test(x) && !YEAR.test(x)))) stacked = true;
      if (cells.some((x) => x !== '')) rows.push({ page, cells, fullEnd });
    }
    if (rows.length) tables.push({ page, top: grid.ys[0]!, xs: grid.xs, ...(grid.open ? { open: true } : {}), rows, grid: g, stacked });
  });
  return { rest, tables };
}

const readingOrder = (a: Piece, b: Piece) => b.y - a.y || a.x - b.x;

/** How close (em) to its cell's right margin a word must reach to have been broken there for want of room. */
const FULL_EM = 1;
/** The start of an amount broken for want of room: '4.132,', '2.137', '(1.25', '-87'. */
const NUMBER_PART = /^[-−–÷(]?\d[\d.,]*$/u;
/** A whole amount as a table writes it: '4.132,5', '(1.250)', '-87,5', '1250'. */
const WHOLE_AMOUNT = /^[-−–÷(]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\)?$/u;
/** The start of a year broken in a narrow column ('202' / '0'). */
const BROKEN_YEAR = /^(?:19|20)\d$/;
export const YEAR = /^(?:19|20)\d\d$/;

/** A continuation this long that the document uses as a word of its own is a word, not the rest of one. */
const WORD_OF_ITS_OWN = 4;

/**
 * Whether a line of a cell (one word, reaching the cell's right margin) was broken inside the word because the word
 * is wider than the cell, as in a narrow column: 'Implementeringsomkostning' / 'er', '4.132,' / '5', '(1.25' / '0)'.
 * A table program moves a word that does not fit to the next line first and breaks it only if it fills a line of
 * its own, so the rest of it starts the next line. What is joined must make one word: lowercase letters going on,
 * not a word the document uses on its own ('Anlægsudgifter' / 'samlet'; a short rest alone on its line, 'er', 'de',
 * is taken as the rest of the word); or one well-formed amount, broken inside a thousands group or at its decimal
 * comma ('2.400' / '350' stays two). A word that filled the line before a word of its own ('Udgifter' / 'i alt')
 * is two words.
 */
export function brokenWord(line: string, x1: number, size: number, right: number, nextLine: string, vocab: Vocabulary): boolean {
  return fillsCell(line, x1, size, right) && continuesWord(line, nextLine, vocab);
}

/** Whether a cell's line is one word that reaches the cell's right margin (`right`). */
function fillsCell(line: string, x1: number, size: number, right: number): boolean {
  return !/\s/.test(line) && x1 >= right - FULL_EM * size;
}

/**
 * Whether `nextLine` goes on with the rest of the word that ends `text` (the last line of a cell that filled it: see
 * brokenWord), so that the two are joined without a space.
 */
export function continuesWord(text: string, nextLine: string, vocab: Vocabulary): boolean {
  const line = /\S*$/.exec(text)![0];
  const [next = '', ...more] = nextLine.split(/\s+/);
  // the rest of the word followed by more words: only if it is no word of the document ('Tilfredshedsundersøg' /
  // 'else blandt beboere', not 'Udgifter' / 'i alt')
  if (more.length) return NUMBER_PART.test(line) ? false : /\p{L}$/u.test(line) && /^\p{Ll}+-?$/u.test(next) && !vocab.hasInside(next);
  // a year header broken in a narrow column ('202' / '0'); the grid checks that its row is a header (gridTables)
  if (BROKEN_YEAR.test(line) && /^\d$/.test(next)) return true;
  if (NUMBER_PART.test(line)) {
    const lastGroup = /\.(\d*)$/.exec(line)?.[1];
    const inside = /[.,(\-−–÷]$/.test(line) || /^[.,)]/.test(next) || (lastGroup !== undefined && lastGroup.length < 3);
    return inside && /^[\d.,)]/.test(next) && WHOLE_AMOUNT.test(line + next);
  }
  // the rest may end a compound with a hyphen ('Beskæftigel' / 'ses-' before 'og')
  if (!/\p{L}$/u.test(line) || !/^\p{Ll}+-?$/u.test(next)) return false;
  return next.length < WORD_OF_ITS_OWN || !vocab.hasInside(next);
}

/**
 * A cell's pieces as text: the pieces of one line joined by spaces, the lines joined as a paragraph's, except that a
 * word broken for want of room (brokenWord) is joined again without a space.
 */
function cellLines(pieces: Piece[], right: number, vocab: Vocabulary): { text: string; fullEnd: boolean; stacked: boolean; yearJoined: boolean } {
  pieces.sort(readingOrder);
  const lines: { text: string; x1: number; size: number }[] = [];
  let y = NaN;
  for (const p of pieces) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(p.y - y) < 1) {
      last.text += ` ${p.text}`;
      last.x1 = Math.max(last.x1, p.x1);
    } else {
      lines.push({ text: p.text, x1: p.x1, size: p.size });
      y = p.y;
    }
  }
  let text = '';
  let stacked = false;
  let yearJoined = false;
  for (let i = 0; i < lines.length; i++) {
    const prev = lines[i - 1];
    const l = lines[i]!;
    if (prev && brokenWord(prev.text, prev.x1, prev.size, right, l.text, vocab)) {
      text += l.text;
      yearJoined ||= BROKEN_YEAR.test(prev.text);
    } else {
      stacked ||= stacksAmounts(text, l.text);
      text = joinCellLine(text, l.text, vocab);
    }
  }
  const last = lines[lines.length - 1]!;
  return { text, fullEnd: fillsCell(last.text, last.x1, last.size, right), stacked, yearJoined };
}
