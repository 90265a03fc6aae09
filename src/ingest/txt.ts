/**
 * TXT reader: decodes UTF-8 (with or without BOM), UTF-16 (with BOM) and Windows-1252, then turns lines into
 * blocks. TAB-separated lines and markdown pipe tables (with or without outer pipes) become tables (empty cells keep
 * their place), and so do lines whose cells line up in columns of spaces (txt-layout.ts: a 'print to text' export,
 * whose page furniture goes too); other lines become paragraphs, separated by blank lines. Markup residue (**bold**, [text](#), HTML tags,
 * checkbox <input>s) is removed or turned into ☒ / ☐.
 */
import iconv from 'iconv-lite';
import type { Block, TableRow } from '../types.ts';
import { DocumentError } from '../errors.ts';
import { CHECKED, UNCHECKED, cleanInline, normalizeCheckboxes } from './text.ts';
import { continuation, isFieldLine, isFieldList, isLaidOutTable, isParted, laidOutRows, piecesOf, withoutPageFurniture } from './txt-layout.ts';


export function decodeText(buf: Buffer, path: string): string {
  if (buf.length === 0) throw new DocumentError('EMPTY_FILE', `${path}: the file is empty (0 bytes)`);
  let text: string;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) text = buf.subarray(3).toString('utf8');
  else if (buf[0] === 0xff && buf[1] === 0xfe) text = iconv.decode(buf.subarray(2), 'utf16le');
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = iconv.decode(buf.subarray(2), 'utf16be');
  else {
    if (buf.includes(0)) throw new DocumentError('BINARY_FILE', `${path}: not a text file (contains NUL bytes)`);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      // Not valid UTF-8: old archives are Windows-1252. iconv-lite maps 0x80-0x9F properly (0x96 -> '–').
      text = iconv.decode(buf, 'windows-1252');
    }
  }
  const control = text.match(/[\u0000-\u0008\u000E-\u001F\u007F\uFFFD]/g)?.length ?? 0;
  if (control > 0 && control / text.length > 0.01)
    throw new DocumentError('BINARY_FILE', `${path}: not a text file (${control} control or undecodable characters)`);
  if (text.trim() === '') throw new DocumentError('EMPTY_FILE', `${path}: the file holds no text`);
  return text;
}

/** Removes markup residue from one line of the text export. */
export function cleanTxtLine(line: string): string {
  return normalizeCheckboxes(
    line
      .replace(/<input\b[^>]*\bchecked\b[^>]*>/gi, CHECKED)
      .replace(/<input\b[^>]*type="checkbox"[^>]*>/gi, UNCHECKED)
      .replace(/<\/?(?:p|ul|ol|li|br|span|div|strong|em|b|i|u)\b[^>]*>/gi, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      // **bold** and *emphasis* pairs; a lone leading '*' / '**' is a footnote marker and a trailing one a
      // reference to it, so unpaired asterisks stay.
      .replace(/\*\*(?=\S)([^*]+?)(?<=\S)\*\*/gs, '$1')
      .replace(/(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])/g, '$1'),
  );
}

const PIPE_ROW = /^\s*(?:-\s+)?\|/;
const PIPE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{0,}:?\s*)*\|?\s*$/;

function pipeCells(line: string): string[] {
  const body = line.replace(/^\s*(?:-\s+)?\|/, '').replace(/\|\s*$/, '');
  return body.split('|').map((c) => cleanInline(cleanTxtLine(c)));
}

export function txtToBlocks(text: string): Block[] {
  const lines = withoutPageFurniture(text.replace(/\r\n?/g, '\n').split('\n'));
  const blocks: Block[] = [];
  let para: string[] = [];
  let rows: TableRow[] | null = null;
  /**
   * The lines of the last table laid out with spaces while it is the last block (anything written after it sets this
   * to null): lines that go on with it join it, past a page break or a blank line.
   */
  const last: { laidOut: string[] | null } = { laidOut: null };
  const pushParagraph = (ls: string[]) => {
    const t = cleanInline(cleanTxtLine(ls.join('\n')));
    if (t) blocks.push({ kind: 'paragraph', text: t, page: null });
  };
  const flushPara = () => {
    // a table broken by a page break (or a blank line: a print-to-text export may leave one between rows) goes on with
    // the lines that line up with it (a group label among them), its repeated header left out
    const prev = last.laidOut;
    const rest = para.length > 0 && prev !== null ? continuation(para, prev) : null;
    if (rest !== null) para = rest;
    else if (isFieldList(para)) {
      // 'Label:   value' lines set in two columns are fields, each a paragraph with its value's hanging lines
      let field: string[] = [];
      for (const l of para) {
        if (isFieldLine(l)) {
          pushParagraph(field);
          field = [];
        }
        // each part on its own, so that a box typed after spaces ('[X] Økonomiforvaltningen') reads as one
        field.push(isParted(l) ? piecesOf(l).map((p) => cleanTxtLine(p.text)).join(' ') : l);
      }
      pushParagraph(field);
      last.laidOut = null;
      para = [];
      return;
    }
    if (para.length && (rest !== null || isLaidOutTable(para))) {
      // lines before the table's first line in parts that start at the margin are text (a caption); indented ones
      // are its header (a unit over the year columns)
      let first = rest !== null ? 0 : para.findIndex(isParted);
      while (first > 0 && /^\s/.test(para[first - 1]!)) first--;
      if (first > 0) pushParagraph(para.slice(0, first));
      const tableLines = rest !== null ? [...prev!, ...para] : para.slice(first);
      const block: Block = { kind: 'table', rows: laidOutRows(tableLines).map((cells) => ({ cells: cells.map((c) => cleanInline(cleanTxtLine(c))), page: null })), page: null };
      if (rest !== null) blocks[blocks.length - 1] = block;
      else blocks.push(block);
      last.laidOut = tableLines;
      para = [];
      return;
    }
    const before = blocks.length;
    pushParagraph(para);
    if (blocks.length > before) last.laidOut = null;
    para = [];
  };
  const flushTable = () => {
    if (rows && rows.length) {
      blocks.push({ kind: 'table', rows, page: null });
      last.laidOut = null;
    }
    rows = null;
  };
  const isRow = (l: string | undefined) => l !== undefined && (l.includes('\t') || PIPE_ROW.test(l));
  // A pipe table may leave out its outer pipes (GitHub's markdown): a line with a pipe is a row of it when the line
  // under it is the separator of a header ('--- | ---:'), or when the lines above were rows of such a table.
  let barePipes = false;
  for (let n = 0; n < lines.length; n++) {
    // a page break ends the text before it (pdftotext writes no blank line there); a table goes on past it
    if (lines[n]!.includes('\f')) flushPara();
    const line = lines[n]!.replace(/\f/g, '');
    if (line.trim() === '') {
      // a line of TABs alone inside a table is one of its rows with every cell empty (Word writes an empty row so)
      if (rows && line.includes('\t')) {
        rows.push({ cells: line.split('\t').map(() => ''), page: null });
        continue;
      }
      flushPara();
      flushTable();
      barePipes = false;
      continue;
    }
    const isTab = line.includes('\t');
    const next = lines[n + 1];
    if (line.includes('|') && !isTab && !barePipes && next !== undefined && next.includes('|') && PIPE_SEPARATOR.test(next)) {
      flushPara();
      flushTable();
      barePipes = true;
    }
    const isPipe = PIPE_ROW.test(line) || (barePipes && line.includes('|'));
    if (!isPipe) barePipes = false;
    if (isTab || isPipe) {
      flushPara();
      if (isPipe && PIPE_SEPARATOR.test(line.replace(/^\s*-\s+/, ''))) continue;
      const cells = isTab && !isPipe ? line.split('\t').map((c) => cleanInline(cleanTxtLine(c))) : pipeCells(line);
      rows ??= [];
      rows.push({ cells, page: null });
      continue;
    }
    // A line without TABs between two rows of a table, with no blank line around it: a row whose empty cells
    // lost their TABs (a group heading such as 'Implementeringsomkostninger' typed on its own).
    if (rows && isRow(lines[n + 1])) {
      rows.push({ cells: [cleanInline(cleanTxtLine(line))], page: null });
      continue;
    }
    flushTable();
    para.push(line);
  }
  flushPara();
  flushTable();
  return blocks;
}
