/**
 * PDF geometry, step 1: text items (pdfjs getTextContent) -> lines -> segments.
 *
 * A line is a set of items sharing a baseline. A segment is a run of items on one line separated by no more than
 * a word space; a wider gap (a table column gap, a bullet indent) starts a new segment.
 * Coordinates are PDF user space: y grows upwards, so lines are sorted by descending y.
 */

export interface PdfItem {
  str: string;
  x: number;
  /** Baseline. */
  y: number;
  w: number;
  /** Font size (height of the em box). */
  size: number;
  font: string;
}

export interface PdfPage {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  items: PdfItem[];
}

export interface Seg {
  x0: number;
  x1: number;
  text: string;
  size: number;
  fonts: string[];
  /**
   * Where the segment's items met with a gap wider than a word space but narrower than the segment gap: the x of
   * the item after the gap and the length of the text before it. Two table cells set close together (a LibreOffice
   * table: 0.5 em apart) are one segment; the table layout cuts it here when other rows start a cell at that x.
   */
  cuts?: Cut[];
}

/** A cut: the text before it ends at `end`, the text after it starts at `x`, `at` characters into the segment's text. */
export interface Cut {
  end: number;
  x: number;
  at: number;
}

export interface Line {
  page: number;
  y: number;
  size: number;
  x0: number;
  x1: number;
  segs: Seg[];
  /** Segments joined by a single space. */
  text: string;
  /** Distinct fonts of the line, in order of appearance. */
  fonts: string[];
  /** Where the raised number that starts the line stands (see RAISED): a footnote's number, at the foot of a page. */
  noteAt?: number;
}

/** A gap wider than this fraction of the font size separates segments (word spaces are ~0.25 em). */
const SEGMENT_GAP_EM = 0.6;
/** A gap between two items wider than this fraction of the font size is more than a word space (see Seg.cuts). */
const CUT_GAP_EM = 0.35;
/** Items whose baselines differ by less than this fraction of the font size are on one line. */
const SAME_LINE_EM = 0.4;

/**
 * A raised item (a footnote reference, an exponent) is at most this share of its line's size, and its baseline stands
 * at least RAISED_EM of the line's size above the line's and at most SUPER_EM.
 */
const RAISED = 0.75;
const RAISED_EM = 0.15;
const SUPER_EM = 0.6;
/** Raised text short enough to be a reference mark ('1', '12', '*', '†'). */
const MARK = /^\S{1,3}$/;
/** A raised number: a reference to a note, which is no part of the text it stands in ('3.710¹' is 3.710). */
const RAISED_NUMBER = /^\d{1,3}$/;

/** A text item that is a whole number (a table cell's amount): '2.400', '-150', '÷ 1.100', '(300)', '2,8'. */
export const NUMBER_ITEM = /^[-−–÷(]?\s*\d[\d.,]*\)?$/;
/** Wider than a word space: two number items this far apart are two cells, whatever the segment gap. */
const NUMBER_CELL_GAP_EM = 0.2;

function joinItemText(prev: string, next: string, gap: number, size: number): string {
  if (prev === '') return next;
  const needSpace = gap > 0.15 * size && !/\s$/.test(prev) && !/^\s/.test(next);
  return needSpace ? `${prev} ${next}` : prev + next;
}

// Comparators and helpers at module level rather than as closures made per page: V8 drops the optimized code of
// closures none of which is alive at a full garbage collection, and would compile them again after each one.
const topDownLeftRight = (a: PdfItem, b: PdfItem) => b.y - a.y || a.x - b.x;
const leftToRight = (a: PdfItem, b: PdfItem) => a.x - b.x;
const linesTopDown = (a: Line, b: Line) => b.y - a.y || a.x0 - b.x0;
const isVisible = (it: PdfItem) => it.str.trim() !== '' && Number.isFinite(it.x) && Number.isFinite(it.y);

/** Collapses the segment's white space as for any segment, keeping its cuts at the starts of their items. */
function normalizeCut(s: Seg): void {
  const raw = s.text;
  const cuts = s.cuts!;
  let text = '';
  const kept: Cut[] = [];
  for (let i = 0; i <= cuts.length; i++) {
    const piece = raw.slice(i === 0 ? 0 : cuts[i - 1]!.at, i < cuts.length ? cuts[i]!.at : raw.length).replace(/\s+/g, ' ').trim();
    if (piece === '') continue;
    if (text !== '') {
      kept.push({ ...cuts[i - 1]!, at: text.length + 1 });
      text += ' ';
    }
    text += piece;
  }
  s.text = text;
  if (kept.length) s.cuts = kept;
  else delete s.cuts;
}

/** Whether an item of a line stands raised above the line's baseline in smaller type (see RAISED). */
function isRaised(it: PdfItem, baseline: number, size: number): boolean {
  return it.size <= RAISED * size && it.y - baseline >= RAISED_EM * size && it.y - baseline <= SUPER_EM * size;
}

/**
 * Raised marks set higher than the same-line tolerance allows (a footnote reference beside 10-point text) form a group
 * of their own, above the line they belong to: they are moved into it, where buildLines tells them by their height.
 */
function joinRaised(groups: PdfItem[][]): void {
  for (let i = groups.length - 2; i >= 0; i--) {
    const g = groups[i]!;
    const below = groups[i + 1]!;
    let size = 0;
    let y = 0;
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const it of below)
      if (it.size > size) [size, y] = [it.size, it.y];
    for (const it of below) [x0, x1] = [Math.min(x0, it.x), Math.max(x1, it.x + Math.max(0, it.w))];
    let raised = true;
    for (const it of g)
      raised &&= MARK.test(it.str.trim()) && isRaised(it, y, size) && it.x >= x0 - size && it.x <= x1 + size;
    if (!raised) continue;
    below.push(...g);
    groups.splice(i, 1);
  }
}

export function buildLines(page: PdfPage): Line[] {
  const items = page.items.filter(isVisible);
  items.sort(topDownLeftRight);
  const groups: PdfItem[][] = [];
  let cur: PdfItem[] = [];
  let curY = NaN;
  let curSize = 0;
  for (const it of items) {
    if (cur.length && Math.abs(it.y - curY) <= SAME_LINE_EM * Math.max(1, Math.min(it.size, curSize))) {
      cur.push(it);
      if (it.size > curSize) {
        curSize = it.size;
        curY = it.y;
      }
      continue;
    }
    if (cur.length) groups.push(cur);
    cur = [it];
    curY = it.y;
    curSize = it.size;
  }
  if (cur.length) groups.push(cur);
  joinRaised(groups);

  const lines: Line[] = [];
  for (const g of groups) {
    g.sort(leftToRight);
    let size = -Infinity;
    let main = g[0]!; // the baseline of the line is that of its largest text (superscripts sit higher)
    for (const it of g) {
      size = Math.max(size, it.size);
      if (it.size > main.size) main = it;
    }
    const segs: Seg[] = [];
    let seg: Seg | null = null;
    let prevNumber = false;
    let noteAt: number | undefined;
    for (const it of g) {
      const x1 = it.x + Math.max(0, it.w);
      if (RAISED_NUMBER.test(it.str.trim()) && isRaised(it, main.y, size)) {
        // a note's number: no text; after a word it spans its place, so the words around it stay one segment (one
        // standing apart, a cell in smaller type centred in its row, is text)
        if (seg && it.x - seg.x1 <= SEGMENT_GAP_EM * size) {
          seg.x1 = Math.max(seg.x1, x1);
          continue;
        }
        if (!seg) {
          noteAt ??= it.x;
          continue;
        }
      }
      const isNumber = NUMBER_ITEM.test(it.str.trim());
      // narrow table columns leave less than the segment gap between two amounts (a LibreOffice table: ~0.4 em)
      const twoAmounts = prevNumber && isNumber && seg !== null && it.x - seg.x1 > NUMBER_CELL_GAP_EM * size;
      prevNumber = isNumber;
      if (seg && !twoAmounts && it.x - seg.x1 <= SEGMENT_GAP_EM * size) {
        if (it.x - seg.x1 > CUT_GAP_EM * size) (seg.cuts ??= []).push({ end: seg.x1, x: it.x, at: seg.text.length });
        seg.text = joinItemText(seg.text, it.str, it.x - seg.x1, size);
        seg.x1 = Math.max(seg.x1, x1);
        seg.size = Math.max(seg.size, it.size);
        if (!seg.fonts.includes(it.font)) seg.fonts.push(it.font);
      } else {
        seg = { x0: it.x, x1, text: it.str, size: it.size, fonts: [it.font] };
        segs.push(seg);
      }
    }
    for (const s of segs) {
      if (s.cuts) normalizeCut(s);
      else s.text = s.text.replace(/\s+/g, ' ').trim();
    }
    const fonts: string[] = [];
    for (const s of segs) for (const f of s.fonts) if (!fonts.includes(f)) fonts.push(f);
    let x1 = -Infinity;
    let text = '';
    for (let i = 0; i < segs.length; i++) {
      x1 = Math.max(x1, segs[i]!.x1);
      text = i === 0 ? segs[i]!.text : `${text} ${segs[i]!.text}`;
    }
    if (segs.length === 0) continue; // raised numbers alone
    lines.push({ page: page.page, y: main.y, size, x0: segs[0]!.x0, x1, segs, text, fonts, ...(noteAt !== undefined ? { noteAt } : {}) });
  }
  lines.sort(linesTopDown);
  return lines;
}
