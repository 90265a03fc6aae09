/**
 * TXT reader: decodes UTF-8 (with or without BOM), UTF-16 (with BOM) and Windows-1252, then turns lines into
 * blocks. TAB-separated lines and markdown pipe tables become tables (empty cells keep their place);
 * other lines become paragraphs, separated by blank lines. Markup residue (**bold**, [text](#), HTML tags,
 * checkbox <input>s) is removed or turned into ☒ / ☐.
 */
import iconv from 'iconv-lite';
import type { Block, TableRow } from '../types.ts';
import { DocumentError } from '../errors.ts';
import { CHECKED, UNCHECKED, cleanInline, normalizeCheckboxes } from './text.ts';

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
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let rows: TableRow[] | null = null;
  const flushPara = () => {
    const t = cleanInline(cleanTxtLine(para.join('\n')));
    if (t) blocks.push({ kind: 'paragraph', text: t, page: null });
    para = [];
  };
  const flushTable = () => {
    if (rows && rows.length) blocks.push({ kind: 'table', rows, page: null });
    rows = null;
  };
  const isRow = (l: string | undefined) => l !== undefined && (l.includes('\t') || PIPE_ROW.test(l));
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.replace(/\f/g, '');
    if (line.trim() === '') {
      // a line of TABs alone inside a table is one of its rows with every cell empty (Word writes an empty row so)
      if (rows && line.includes('\t')) {
        rows.push({ cells: line.split('\t').map(() => ''), page: null });
        continue;
      }
      flushPara();
      flushTable();
      continue;
    }
    const isTab = line.includes('\t');
    const isPipe = PIPE_ROW.test(line);
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
