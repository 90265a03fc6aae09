/**
 * mammoth's document model -> the block model.
 *
 * Paragraphs become paragraph blocks (soft line breaks kept as '\n'); runs of consecutive list items become one
 * paragraph with one line per item ('- ' for bullets, 'N. ' for numbered items), as the text export writes them.
 * Tables become table blocks with merged cells expanded over the grid (the text goes in the first cell of the
 * merge, the covered cells are ''), so every column lines up and empty cells keep their place. Checkbox content
 * controls and legacy form checkboxes become ☒ / ☐. Notes (footnotes, endnotes) follow the body as paragraphs.
 */
import type { Block, TableRow } from '../../types.ts';
import { CHECKED, UNCHECKED, cleanInline, normalizeCheckboxes } from '../text.ts';

/** The parts of mammoth's (untyped) document model that are read here. */
export interface MElement {
  type: string;
  children?: MElement[];
  value?: string;
  checked?: boolean;
  breakType?: string;
  font?: string | null;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { isOrdered: boolean; level: string | number } | null;
  colSpan?: number;
  rowSpan?: number;
  body?: MElement[];
  /** Document: its notes; resolve() finds the note of a noteReference. */
  notes?: { resolve?: (ref: MElement) => MElement | null };
}

/**
 * Checkbox glyphs Word documents use besides ☒ / ☐, among them what mammoth maps Wingdings / Wingdings 2 symbols
 * (w:sym) to: ballot boxes with an X or a check mark are checked, empty boxes unchecked. normalizeCheckboxes
 * adds the check marks and squares the other readers see.
 */
const CHECKED_GLYPHS = /[\u2611\u2612\u2327\u2BBD\u{1F5F5}\u{1F5F7}\u{1F5F9}]/gu;
const UNCHECKED_GLYPHS = /[\u2610\u25A1\u274F\u2750\u2751\u2752\u{1F78E}\u{1F78F}]/gu;

/**
 * Checkbox characters typed as text in a symbol-font run (older documents do this instead of w:sym): the font
 * decides what the character shows. Codes may also be written in the private-use area (U+F000 + code).
 */
const SYMBOL_FONT_CHECKBOXES: Record<string, Record<number, string>> = {
  wingdings: { 0xa8: UNCHECKED, 0x6f: UNCHECKED, 0x71: UNCHECKED, 0x72: UNCHECKED, 0xfd: CHECKED, 0xfe: CHECKED, 0x78: CHECKED },
  'wingdings 2': { 0xa3: UNCHECKED, 0x2a: UNCHECKED, 0x52: CHECKED, 0x53: CHECKED, 0x54: CHECKED },
};

function symbolFontText(font: string | null | undefined, text: string): string {
  const map = font ? SYMBOL_FONT_CHECKBOXES[font.trim().toLowerCase()] : undefined;
  if (!map) return text;
  return Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!;
    return map[code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code] ?? ch;
  }).join('');
}

function checkboxGlyphs(s: string): string {
  return normalizeCheckboxes(s.replace(CHECKED_GLYPHS, CHECKED).replace(UNCHECKED_GLYPHS, UNCHECKED));
}

/** The text of an inline element (run, hyperlink, text ...) and everything inside it. */
function inlineText(el: MElement, out: string[], refs: MElement[]): void {
  switch (el.type) {
    case 'run':
      if (el.font && SYMBOL_FONT_CHECKBOXES[el.font.trim().toLowerCase()]) {
        const own: string[] = [];
        for (const c of el.children ?? []) inlineText(c, own, refs);
        out.push(symbolFontText(el.font, own.join('')));
        return;
      }
      for (const c of el.children ?? []) inlineText(c, out, refs);
      return;
    case 'text':
      out.push(el.value ?? '');
      return;
    case 'tab':
      out.push(' ');
      return;
    case 'break':
      // Line breaks end a line; page and column breaks only move text, so they separate words at most.
      out.push(el.breakType === 'line' ? '\n' : ' ');
      return;
    case 'checkbox':
      out.push(el.checked ? CHECKED : UNCHECKED, ' ');
      return;
    case 'noteReference':
      refs.push(el);
      return;
    case 'commentReference':
    case 'image':
    case 'bookmarkStart':
      return;
    case 'paragraph':
    case 'table':
    case 'tableRow':
    case 'tableCell':
      // Block content inside a run (text boxes): keep it apart from the text around it.
      out.push('\n');
      for (const c of el.children ?? []) inlineText(c, out, refs);
      out.push('\n');
      return;
    default:
      for (const c of el.children ?? []) inlineText(c, out, refs);
  }
}

/** The text of one paragraph, cleaned; a blank line inside it (two line breaks) splits it in parts. */
function paragraphParts(p: MElement, refs: MElement[]): string[] {
  const out: string[] = [];
  for (const c of p.children ?? []) inlineText(c, out, refs);
  return cleanInline(checkboxGlyphs(out.join('')))
    .split(/\n{2,}/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Style names (or ids, when the document has no styles part) of headings and of list paragraphs. */
const HEADING_STYLE = /^(?:[Hh]eading|[Oo]verskrift|[Tt]itle|[Tt]itel|[Ss]ubtitle|[Uu]ndertitel)(?![a-z])/;
const LIST_STYLE = /^[Ll]ist(?![a-z])/;
/** A list marker typed as text: '1.', '2)', 'a.', '-', '•' ... followed by a space. */
const LITERAL_MARKER = /^(?:\d{1,3}[.)]|[a-zA-Z][.)]|[-–•*▪◦●○■□➢➤→])\s/;

interface ListInfo {
  ordered: boolean;
  level: number;
  literal: boolean;
  /**
   * Which list the item belongs to. mammoth gives each paragraph the numbering level object of its list
   * definition, so items of one list share it and an item of another list (another w:num) has another one.
   */
  list: unknown;
}

/**
 * Whether a paragraph is a list item. Numbered paragraphs are, except headings (Word numbers headings through
 * their style, often with an invisible number format). Paragraphs in a list style whose text starts with a typed
 * marker are too: documents converted from plain text carry their numbers as text.
 */
function listInfo(p: MElement, text: string): ListInfo | null {
  const style = p.styleName ?? p.styleId ?? '';
  if (HEADING_STYLE.test(style)) return null;
  if (p.numbering)
    return { ordered: p.numbering.isOrdered, level: Number(p.numbering.level) || 0, literal: LITERAL_MARKER.test(text), list: p.numbering };
  if (LIST_STYLE.test(style) && LITERAL_MARKER.test(text)) return { ordered: false, level: 0, literal: true, list: `style:${style}` };
  return null;
}

/** What a run of body elements holds, in document order: paragraph texts (list runs merged) and table rows. */
type BodyItem = string | string[][];

/** A list being collected: its item texts, the counters per level, and which list it is. */
interface ListRun {
  items: string[];
  counters: number[];
  id: unknown;
}

function flushList(run: ListRun, out: BodyItem[]): void {
  if (run.items.length) out.push(run.items.join('\n'));
  run.items = [];
  run.counters = [];
  run.id = null;
}

/**
 * The paragraph texts and table rows of a sequence of body elements, in document order. A table is read when it
 * is reached, so the note references in its cells join `refs` in document order (the notes follow the body in
 * that order). It returns a list rather than calling back to a visitor: callbacks made per cell die with the
 * call, and each full garbage collection in a worker then throws their compiled code away.
 */
function bodyItems(children: MElement[], refs: MElement[], out: BodyItem[] = []): BodyItem[] {
  const run: ListRun = { items: [], counters: [], id: null };
  for (const el of children) {
    if (el.type === 'table') {
      flushList(run, out);
      out.push(tableRows(el, refs));
      continue;
    }
    if (el.type !== 'paragraph') {
      // Anything else that holds paragraphs (none in mammoth's model today): read its children in place.
      if (el.children?.length) {
        flushList(run, out);
        bodyItems(el.children, refs, out);
      }
      continue;
    }
    const parts = paragraphParts(el, refs);
    if (parts.length === 0) continue;
    const info = listInfo(el, parts[0]!);
    if (!info) {
      flushList(run, out);
      for (const t of parts) out.push(t);
      continue;
    }
    // A top-level item of another list starts a new paragraph, as the text export separates the lists.
    if (info.level === 0 && run.items.length && info.list !== run.id) flushList(run, out);
    if (info.level === 0 || run.id === null) run.id = info.list;
    run.counters = run.counters.slice(0, info.level + 1);
    while (run.counters.length <= info.level) run.counters.push(0);
    run.counters[info.level]! += 1;
    const marker = info.literal ? '' : info.ordered ? `${run.counters[info.level]}. ` : '- ';
    run.items.push(marker + parts.join('\n'));
  }
  flushList(run, out);
  return out;
}

/** The text of a table cell: its paragraphs joined by '\n'; a nested table gives one line per row. */
function cellText(cell: MElement, refs: MElement[]): string {
  const lines: string[] = [];
  for (const item of bodyItems(cell.children ?? [], refs)) {
    if (typeof item === 'string') {
      if (item) lines.push(item);
    } else
      for (const r of item) {
        const line = r.filter(Boolean).join(' ');
        if (line) lines.push(line);
      }
  }
  return cleanInline(lines.join('\n'));
}

const orEmpty = (c: string | undefined) => c ?? '';

/** The rows of a table as cell texts, merged cells expanded so that every row has one cell per grid column. */
export function tableRows(table: MElement, refs: MElement[] = []): string[][] {
  const grid: string[][] = [];
  /** Cells of earlier rows that reach down into later rows: column -> rows still covered. */
  const covered: number[] = [];
  for (const row of table.children ?? []) {
    if (row.type !== 'tableRow') continue;
    const cells: string[] = [];
    let col = 0;
    for (const cell of row.children ?? []) {
      if (cell.type !== 'tableCell') continue;
      while ((covered[col] ?? 0) > 0) {
        cells[col] = '';
        covered[col]! -= 1;
        col++;
      }
      const span = Math.max(1, cell.colSpan ?? 1);
      const down = Math.max(1, cell.rowSpan ?? 1);
      cells[col] = cellText(cell, refs);
      for (let k = 0; k < span; k++) {
        if (k > 0) cells[col + k] = '';
        if (down > 1) covered[col + k] = down - 1;
      }
      col += span;
    }
    // Merges from above that reach past the last cell of this row.
    for (; col < covered.length; col++) {
      if ((covered[col] ?? 0) > 0) {
        cells[col] = '';
        covered[col]! -= 1;
      }
    }
    grid.push(Array.from(cells, orEmpty));
  }
  let width = 0;
  for (const r of grid) width = Math.max(width, r.length);
  for (const r of grid) while (r.length < width) r.push('');
  return grid;
}

/** The blocks of a document read by mammoth. */
export function documentToBlocks(doc: MElement): Block[] {
  const blocks: Block[] = [];
  const refs: MElement[] = [];
  const emit = (children: MElement[]) => {
    for (const item of bodyItems(children, refs)) {
      if (typeof item === 'string') blocks.push({ kind: 'paragraph', text: item, page: null });
      else {
        const rows: TableRow[] = [];
        for (const cells of item) rows.push({ cells, page: null });
        if (rows.length) blocks.push({ kind: 'table', rows, page: null });
      }
    }
  };
  emit(doc.children ?? []);
  // Footnotes and endnotes follow the body, in the order they are referred to (notes can refer to notes).
  const seen = new Set<MElement>();
  for (let i = 0; i < refs.length; i++) {
    const note = doc.notes?.resolve?.(refs[i]!);
    if (!note || seen.has(note)) continue;
    seen.add(note);
    emit(note.body ?? []);
  }
  return blocks;
}
