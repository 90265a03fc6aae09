/**
 * PDF geometry: the text of a page's ruled tables (ruling.ts: findGrids) read cell by cell.
 *
 * The lines (or the segments of lines) that sit inside a grid are taken out of the page's flow; each segment goes to
 * the cell its baseline and middle fall in, cut first where a column rule runs through it (two cells set closer
 * than a column gap are one segment: Seg.cuts). A merged cell's text goes to its top-left cell and its other cells
 * stay empty, as the DOCX reader gives them; rows left without text are dropped.
 */
import type { Line, Seg } from './lines.ts';
import type { Grid } from './ruling.ts';
import { Vocabulary, joinLine } from './join.ts';

export interface GridRow {
  page: number;
  cells: string[];
}

export interface GridTable {
  page: number;
  /** The top rule's y: where the table stands among the page's lines. */
  top: number;
  /** Column edges, to tell a table continued on the next page. */
  xs: number[];
  rows: GridRow[];
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
  // the cells' inner margin: the least distance of a text from its cell's left rule
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
        pads[g] = Math.min(pads[g]!, Math.max(0, x0 - grid.xs[c]!));
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
    // the right edge of each merged cell's text: its rightmost rule less the margin
    const right = new Map<number, number>();
    grid.owner.forEach((o, i) => right.set(o, Math.max(right.get(o) ?? -Infinity, grid.xs[(i % cols) + 1]! - (Number.isFinite(pads[g]!) ? pads[g]! : 0))));
    for (let r = 0; r + 1 < grid.ys.length; r++) {
      const cells = new Array<string>(cols).fill('');
      for (let c = 0; c < cols; c++) {
        const pieces = cellText[g]!.get(r * cols + c);
        if (pieces) cells[c] = cellLines(pieces, right.get(r * cols + c)!, vocab);
      }
      if (cells.some((x) => x !== '')) rows.push({ page, cells });
    }
    if (rows.length) tables.push({ page, top: grid.ys[0]!, xs: grid.xs, rows });
  });
  return { rest, tables };
}

const readingOrder = (a: Piece, b: Piece) => b.y - a.y || a.x - b.x;

/** How close (em) to its cell's right margin a word must reach to have been broken there for want of room. */
const FULL_EM = 0.8;
const NUMBER_PART = /^[-−–÷(]?\d[\d.,]*$/u;

/**
 * Whether the line (one word, reaching the cell's right margin) was broken inside the word because the word is
 * wider than the cell, as a narrow column does: 'Implementeringsomkostning' / 'er', '4.132,' / '5'. The next line
 * then goes on in lowercase, or with the digits of the same number. A word that filled the line and was followed
 * by a short lowercase word on the next can look the same; such a label would lose a space, never an amount.
 */
function brokenWord(line: string, x1: number, size: number, right: number, next: string): boolean {
  if (/\s/.test(line) || x1 < right - FULL_EM * size) return false;
  if (NUMBER_PART.test(line)) return /^\d/.test(next) && /[\d.,]$/.test(line) && NUMBER_PART.test(line + (next.split(/\s/)[0] ?? ''));
  return /\p{L}$/u.test(line) && /^\p{Ll}/u.test(next);
}

/**
 * A cell's pieces as text: the pieces of one line joined by spaces, the lines joined as a paragraph's, except that a
 * word broken for want of room (brokenWord) is joined again without a space.
 */
function cellLines(pieces: Piece[], right: number, vocab: Vocabulary): string {
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
  for (let i = 0; i < lines.length; i++) {
    const prev = lines[i - 1];
    const l = lines[i]!;
    text = prev && brokenWord(prev.text, prev.x1, prev.size, right, l.text) ? text + l.text : joinLine(text, l.text, vocab);
  }
  return text;
}
