/**
 * PDF geometry: the rules drawn on a page (table borders), from pdfjs's operator list, and the grids they form.
 *
 * A table set with borders (LibreOffice's, Word's "Table Grid") draws each border as a stroked line or a thin filled
 * rectangle. Where such rules cross into a grid, the grid tells rows and columns apart where the text alone cannot:
 * rows no farther apart than the wrapped lines inside a cell, cells closer than a column gap. Merged cells are where a
 * rule is missing between two cells of the grid; a merged cell's text belongs to its top-left cell, as in the DOCX
 * reader (docx/model.ts: tableRows).
 *
 * Reading the operator list costs about as much as reading the text again, so the reader (pdf.ts) reads it only for
 * the pages where the text leaves a table in doubt and the pages next to them (layout.ts: pagesInDoubt).
 */

/** A horizontal rule at y from x0 to x1, or a vertical one at x from y0 to y1 (PDF user space, y upwards). */
export interface HRule {
  y: number;
  x0: number;
  x1: number;
}
export interface VRule {
  x: number;
  y0: number;
  y1: number;
}
export interface PageRulings {
  h: HRule[];
  v: VRule[];
}

/** The subset of pdfjs's OPS that the rules are read from. */
export interface RulingOps {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  setLineWidth: number;
  setStrokeRGBColor: number;
  setFillRGBColor: number;
}

/** A line no thicker than this (points) is a rule; a filled rectangle thicker in both directions is shading. */
const THIN = 2.5;
/** A rule shorter than this (points) is a tick or a glyph, not a border. */
const MIN_LENGTH = 3;
/** Rule ends and crossings within this many points meet. */
const TOLERANCE = 2;

type Matrix = [number, number, number, number, number, number];

/** m1 applied first, then m2 (PDF's `cm`: the new matrix times the current one). */
function times(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[1] * m2[2],
    m1[0] * m2[1] + m1[1] * m2[3],
    m1[2] * m2[0] + m1[3] * m2[2],
    m1[2] * m2[1] + m1[3] * m2[3],
    m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
    m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
  ];
}

function isMatrix(x: unknown): x is Matrix {
  return (Array.isArray(x) || ArrayBuffer.isView(x)) && (x as ArrayLike<unknown>).length === 6;
}

/** What the rules depend on of the graphics state: the transform, the line width, whether the paint is white. */
interface State {
  ctm: Matrix;
  lineWidth: number;
  whiteStroke: boolean;
  whiteFill: boolean;
}

const isWhite = (args: unknown[] | null) => typeof args?.[0] === 'string' && /^#f[a-f\d]f[a-f\d]f[a-f\d]$/i.test(args[0]);

/**
 * The horizontal and vertical rules of a page, in page coordinates less the page's origin (as the text items).
 * Stroked paths give their straight axis-aligned segments, if the line is thin; filled paths give the sub-paths
 * that are thin boxes. White lines and boxes (paper over paper) are no rules. Annotations are left out by the caller
 * (their appearance streams have a space of their own).
 */
export function pageRulings(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, OPS: RulingOps, origin: [number, number]): PageRulings {
  const out: PageRulings = { h: [], v: [] };
  const strokes = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fills = new Set([OPS.fill, OPS.eoFill]);
  const stack: State[] = [];
  let st: State = { ctm: [1, 0, 0, 1, -origin[0], -origin[1]], lineWidth: 1, whiteStroke: false, whiteFill: false };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push({ ...st });
    else if (fn === OPS.restore) st = stack.pop() ?? st;
    else if (fn === OPS.transform && args && args.length === 6) st.ctm = times(args as unknown as Matrix, st.ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push({ ...st });
      if (args && isMatrix(args[0])) st.ctm = times(Array.from(args[0] as ArrayLike<number>) as Matrix, st.ctm);
    } else if (fn === OPS.paintFormXObjectEnd) st = stack.pop() ?? st;
    else if (fn === OPS.setLineWidth && typeof args?.[0] === 'number') st.lineWidth = args[0];
    else if (fn === OPS.setStrokeRGBColor) st.whiteStroke = isWhite(args);
    else if (fn === OPS.setFillRGBColor) st.whiteFill = isWhite(args);
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as unknown[] | undefined)?.[0];
      if (!data || (!ArrayBuffer.isView(data) && !Array.isArray(data))) continue;
      // the line's width on the page: scaled by the transform (by its area factor, for a rotation too)
      const width = st.lineWidth * Math.sqrt(Math.abs(st.ctm[0] * st.ctm[3] - st.ctm[1] * st.ctm[2]));
      if (strokes.has(paint) && !st.whiteStroke && width <= THIN) strokeSegments(data as ArrayLike<number>, st.ctm, out);
      else if (fills.has(paint) && !st.whiteFill) thinBoxes(data as ArrayLike<number>, st.ctm, out);
    }
  }
  return out;
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function addSegment(ax: number, ay: number, bx: number, by: number, out: PageRulings): void {
  if (Math.abs(ay - by) <= 0.5 && Math.abs(ax - bx) >= MIN_LENGTH) out.h.push({ y: (ay + by) / 2, x0: Math.min(ax, bx), x1: Math.max(ax, bx) });
  else if (Math.abs(ax - bx) <= 0.5 && Math.abs(ay - by) >= MIN_LENGTH) out.v.push({ x: (ax + bx) / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) });
}

// path data (pdfjs 5 DrawOPS): 0 moveTo x y, 1 lineTo x y, 2 curveTo x1 y1 x2 y2 x y, 3 closePath
function strokeSegments(d: ArrayLike<number>, m: Matrix, out: PageRulings): void {
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < d.length; ) {
    const op = d[k]!;
    if (op === 0) {
      [cx, cy] = apply(m, d[k + 1]!, d[k + 2]!);
      [sx, sy] = [cx, cy];
      k += 3;
    } else if (op === 1) {
      const [x, y] = apply(m, d[k + 1]!, d[k + 2]!);
      addSegment(cx, cy, x, y, out);
      [cx, cy] = [x, y];
      k += 3;
    } else if (op === 2) {
      [cx, cy] = apply(m, d[k + 5]!, d[k + 6]!);
      k += 7;
    } else if (op === 3) {
      addSegment(cx, cy, sx, sy, out);
      [cx, cy] = [sx, sy];
      k += 1;
    } else return; // not a path this reader knows
  }
}

/** The least and the greatest of the values (a loop: a spread of many values overflows the stack). */
function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return [lo, hi];
}

function thinBoxes(d: ArrayLike<number>, m: Matrix, out: PageRulings): void {
  let xs: number[] = [];
  let ys: number[] = [];
  let straight = true;
  const flush = () => {
    if (straight && xs.length >= 3) {
      const [x0, x1] = extent(xs);
      const [y0, y1] = extent(ys);
      if (y1 - y0 <= THIN && x1 - x0 >= MIN_LENGTH) out.h.push({ y: (y0 + y1) / 2, x0, x1 });
      else if (x1 - x0 <= THIN && y1 - y0 >= MIN_LENGTH) out.v.push({ x: (x0 + x1) / 2, y0, y1 });
    }
    xs = [];
    ys = [];
    straight = true;
  };
  for (let k = 0; k < d.length; ) {
    const op = d[k]!;
    if (op === 0 || op === 1) {
      if (op === 0) flush();
      const [x, y] = apply(m, d[k + 1]!, d[k + 2]!);
      xs.push(x);
      ys.push(y);
      k += 3;
    } else if (op === 2) {
      straight = false;
      k += 7;
    } else if (op === 3) k += 1;
    else return;
  }
  flush();
}

// ---------------------------------------------------------------------------------------------------------------
// Grids
// ---------------------------------------------------------------------------------------------------------------

/**
 * A grid of rules: row edges from the top down, column edges from the left, and for each elementary cell the cell
 * it is merged into (its top-left cell, as row * columns + column).
 */
export interface Grid {
  ys: number[];
  xs: number[];
  owner: number[];
  /** Columns taken from the text, not from rules (a table ruled between its rows only). */
  open?: boolean;
}

/**
 * Rules on one line (positions within 1 pt) that touch or overlap are one rule: `at` is the rule's position across,
 * [from, to] its extent along.
 */
function mergeRules<R>(rules: R[], at: (r: R) => number, from: (r: R) => number, to: (r: R) => number, make: (at: number, from: number, to: number) => R): R[] {
  const byPosition = [...rules].sort((a, b) => at(a) - at(b));
  const out: R[] = [];
  let k = 0;
  while (k < byPosition.length) {
    let j = k + 1;
    // within 1 pt of the line's first rule, not of the previous one: dense hatching is not one line
    while (j < byPosition.length && at(byPosition[j]!) - at(byPosition[k]!) <= 1) j++;
    const line = byPosition.slice(k, j).sort((a, b) => from(a) - from(b));
    const pos = line.reduce((s, r) => s + at(r), 0) / line.length;
    let lo = from(line[0]!);
    let hi = to(line[0]!);
    for (const r of line.slice(1)) {
      if (from(r) <= hi + TOLERANCE) hi = Math.max(hi, to(r));
      else {
        out.push(make(pos, lo, hi));
        [lo, hi] = [from(r), to(r)];
      }
    }
    out.push(make(pos, lo, hi));
    k = j;
  }
  return out;
}

const mergeH = (rules: HRule[]) => mergeRules(rules, (r) => r.y, (r) => r.x0, (r) => r.x1, (y, x0, x1): HRule => ({ y, x0, x1 }));
const mergeV = (rules: VRule[]) => mergeRules(rules, (r) => r.x, (r) => r.y0, (r) => r.y1, (x, y0, y1): VRule => ({ x, y0, y1 }));

const crosses = (h: HRule, v: VRule) =>
  v.x >= h.x0 - TOLERANCE && v.x <= h.x1 + TOLERANCE && h.y >= v.y0 - TOLERANCE && h.y <= v.y1 + TOLERANCE;

/** Values within TOLERANCE of the first of a run as one (their mean), ascending; a long run of close values is several. */
function edges(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[0]! <= TOLERANCE) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

/**
 * The grids of a page: sets of crossing rules with at least two columns of cells. A frame (a box around a paragraph,
 * or around a page's text with a rule under its heading) is one column, not a table: its text stays text.
 */
export function findGrids(r: PageRulings, sets = crossingSets(r)): Grid[] {
  const grids: Grid[] = [];
  for (const g of sets) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const ys = edges(g.h.map((h) => h.y)).reverse();
    const xs = edges(g.v.map((v) => v.x));
    // A table with inner borders only: its rules run on to where the outer border would be, and so mark the outer
    // rows and columns
    const [left] = extent(g.h.map((h) => h.x0));
    const [, right] = extent(g.h.map((h) => h.x1));
    const [, top] = extent(g.v.map((v) => v.y1));
    const [bottom] = extent(g.v.map((v) => v.y0));
    if (left < xs[0]! - TOLERANCE) xs.unshift(left);
    if (right > xs[xs.length - 1]! + TOLERANCE) xs.push(right);
    if (top > ys[0]! + TOLERANCE) ys.unshift(top);
    if (bottom < ys[ys.length - 1]! - TOLERANCE) ys.push(bottom);
    const cols = xs.length - 1;
    if (cols < 2) continue;
    // A first or last row that is one cell across the whole grid is a box that touches the table (a bordered
    // paragraph under it, a framed title over it), not a row of it: its text stays text.
    let owner = owners(ys, xs, g.h, g.v);
    while (ys.length > 2 && (oneCell(owner, 0, cols) || oneCell(owner, ys.length - 2, cols))) {
      if (oneCell(owner, 0, cols)) ys.shift();
      else ys.pop();
      owner = owners(ys, xs, g.h, g.v);
    }
    if (ys.length < 2 || (ys.length === 2 && oneCell(owner, 0, cols))) continue;
    grids.push({ ys, xs, owner });
  }
  return grids;
}

/** Rows ruled by horizontal rules alone: their edges from the top down, and the rules' extent. */
export interface RuledRows {
  ys: number[];
  x0: number;
  x1: number;
}

/** Rows this far apart (points) or more are not rows of one table. */
const MAX_ROW = 200;

/**
 * Tables ruled between their rows only (no vertical rule crosses them): three or more horizontal rules of the same
 * extent, one under the other. Their columns are the text's (layout.ts).
 */
export function findRuledRows(r: PageRulings, sets = crossingSets(r)): RuledRows[] {
  const lone = sets.filter((g) => g.v.length === 0 && g.h.length === 1).map((g) => g.h[0]!);
  lone.sort((a, b) => b.y - a.y);
  const out: RuledRows[] = [];
  const used = new Set<HRule>();
  for (const h of lone) {
    if (used.has(h)) continue;
    const set = [h];
    for (const o of lone)
      if (!used.has(o) && o !== h && o.y < set[set.length - 1]!.y && set[set.length - 1]!.y - o.y < MAX_ROW && Math.abs(o.x0 - h.x0) <= TOLERANCE && Math.abs(o.x1 - h.x1) <= TOLERANCE)
        set.push(o);
    if (set.length < 3) continue;
    for (const o of set) used.add(o);
    out.push({ ys: edges(set.map((o) => o.y)).reverse(), x0: h.x0, x1: h.x1 });
  }
  return out;
}

/** The tables a page's rules draw: grids of crossing rules, and rows ruled by horizontal rules alone. */
export function rulingTables(r: PageRulings): { grids: Grid[]; ruledRows: RuledRows[] } {
  const sets = crossingSets(r);
  return { grids: findGrids(r, sets), ruledRows: findRuledRows(r, sets) };
}

/** Disjoint sets of 0 .. n-1: `join` puts two in one set, whose root is its smallest member; `find` gives the root. */
function disjointSets(n: number): { find: (i: number) => number; join: (a: number, b: number) => void } {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  return { find, join };
}

/** The page's rules in sets that cross one another (a rule crossing none is a set of its own). */
function crossingSets(r: PageRulings): { h: HRule[]; v: VRule[] }[] {
  const hs = mergeH(r.h);
  const vs = mergeV(r.v);
  const n = hs.length + vs.length;
  const { find, join } = disjointSets(n);
  for (let i = 0; i < hs.length; i++) for (let j = 0; j < vs.length; j++) if (crosses(hs[i]!, vs[j]!)) join(i, hs.length + j);
  const groups = new Map<number, { h: HRule[]; v: VRule[] }>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    if (i < hs.length) g.h.push(hs[i]!);
    else g.v.push(vs[i - hs.length]!);
  }
  return [...groups.values()];
}

/** Whether row r of a grid of `cols` columns is a single merged cell. */
function oneCell(owner: number[], r: number, cols: number): boolean {
  for (let c = 1; c < cols; c++) if (owner[r * cols + c] !== owner[r * cols]) return false;
  return true;
}

/** For each elementary cell, the top-left cell of the merged cell it belongs to (no rule between them). */
function owners(ys: number[], xs: number[], hs: HRule[], vs: VRule[]): number[] {
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  // the root of a set is its smallest index: the merged cell's top-left cell
  const { find, join } = disjointSets(rows * cols);
  for (let r = 0; r < rows; r++) {
    const mid = (ys[r]! + ys[r + 1]!) / 2;
    for (let c = 0; c + 1 < cols; c++) {
      const x = xs[c + 1]!;
      if (!vs.some((v) => Math.abs(v.x - x) <= TOLERANCE && v.y0 - 1 <= mid && v.y1 + 1 >= mid)) join(r * cols + c, r * cols + c + 1);
    }
  }
  for (let c = 0; c < cols; c++) {
    const mid = (xs[c]! + xs[c + 1]!) / 2;
    for (let r = 0; r + 1 < rows; r++) {
      const y = ys[r + 1]!;
      if (!hs.some((h) => Math.abs(h.y - y) <= TOLERANCE && h.x0 - 1 <= mid && h.x1 + 1 >= mid)) join(r * cols + c, (r + 1) * cols + c);
    }
  }
  return Array.from({ length: rows * cols }, (_, i) => find(i));
}
