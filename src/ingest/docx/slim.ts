/**
 * Drops pure formatting from the main document part before mammoth parses it. Word writes borders, shading,
 * widths, spacing and the like for every cell and paragraph; they hold no text and nothing the reader uses, but
 * they make up most of the XML, and parsing is most of the time spent on a DOCX (about half of it goes).
 * Only elements of the WordprocessingML namespace under its usual prefix 'w:' are touched, and only when the
 * part binds 'w:' to that namespace; an element is removed with its content (containers) or as an empty element.
 */
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Property elements that never contain text, a run, a paragraph or anything mammoth reads for this reader. */
const FORMATTING = [
  'tcBorders', 'tblBorders', 'pBdr', 'tabs', 'tblCellMar', 'tcMar',
  'shd', 'tcW', 'jc', 'ind', 'spacing', 'sz', 'szCs', 'color', 'lang', 'kern', 'tblW', 'tblInd', 'tblLayout', 'noProof',
  'tblGrid', 'b', 'bCs', 'i', 'iCs', 'widowControl',
];

const ELEMENT = new RegExp(`<w:(${FORMATTING.join('|')})\\b(?:[^<>]*/>|[^<>]*(?<!/)>[^<]*(?:<(?!/w:\\1>)[^<]*)*</w:\\1>)`, 'g');

/** What is left empty: property containers with nothing in them, and runs without content (mammoth reads neither). */
const EMPTY = /<w:(rPr|pPr|tcPr|trPr|tblPr|r)(?:\s[^<>]*)?(?:\/>|><\/w:\1>)/g;

/** Whether the part binds the prefix 'w:' to the WordprocessingML namespace (on its root element). */
function bindsW(xml: string): boolean {
  const root = /<(?:\w+:)?document\b[^>]*>/.exec(xml)?.[0] ?? '';
  return root.includes(`xmlns:w="${W_NS}"`);
}

export function slimDocumentXml(xml: string): string {
  return bindsW(xml) ? slimXml(xml) : xml;
}

function slimXml(xml: string): string {
  let out = xml.replace(ELEMENT, '');
  // a container emptied by the pass before (a run whose only child was emptied properties) goes in the next one
  for (let pass = 0; pass < 3; pass++) {
    const next = out.replace(EMPTY, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Rows that start further right (w:gridBefore: grid columns skipped before the first cell) get that many empty
 * cells in front, because mammoth ignores gridBefore and the row's cells would slide left under the wrong
 * columns. Cells skipped at the end (gridAfter) need nothing: short rows are padded at the end.
 */
const ROW_WITH_GRID_BEFORE = /(<w:tr\b[^>]*>\s*<w:trPr\b[^>]*(?<!\/)>(?:(?!<\/w:trPr>)[\s\S])*?<w:gridBefore\b[^>]*\bw:val="(\d+)"[^>]*\/>(?:(?!<\/w:trPr>)[\s\S])*<\/w:trPr>)/g;

export function expandGridBefore(xml: string): string {
  if (!xml.includes('<w:gridBefore')) return xml;
  return xml.replace(ROW_WITH_GRID_BEFORE, (_m, row: string, n: string) => row + '<w:tc><w:p/></w:tc>'.repeat(Math.min(Number(n), 64)));
}

/**
 * A simple field (`w:fldSimple`: a caption's number, a page reference, a document property) holds its result as
 * runs, which mammoth leaves out with the element: the runs are kept and the field's wrapping goes.
 */
const SIMPLE_FIELD = /<w:fldSimple\b[^>]*\/>|<w:fldSimple\b[^>]*>|<\/w:fldSimple>/g;

export function unwrapSimpleFields(xml: string): string {
  return xml.includes('<w:fldSimple') ? xml.replace(SIMPLE_FIELD, '') : xml;
}

/**
 * Pieces of the part are slimmed one by one, each about this size: below V8's large-object size (128 KB), a
 * piece's strings are ordinary young objects that die with it. Whole-part strings (up to a few MB) go to the
 * large-object space, which only a full collection frees; a bundle's part made ~0.8 MB of them per document.
 */
const PIECE_BYTES = 48 * 1024;
const LT = 0x3c;

/** Whether a paragraph element (`<w:p>`, `<w:p .../>`, `<w:p/>`) starts at byte i: a safe place to cut. */
function paragraphAt(raw: Buffer, i: number): boolean {
  if (raw[i] !== LT || raw[i + 1] !== 0x77 || raw[i + 2] !== 0x3a || raw[i + 3] !== 0x70) return false; // '<w:p'
  const next = raw[i + 4];
  return next === 0x3e || next === 0x20 || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d; // '>', ' ', '/', whitespace
}

/**
 * The main document part (UTF-8 bytes) with formatting dropped (slimDocumentXml), rows shifted by gridBefore
 * padded (expandGridBefore) and simple fields' results kept (unwrapSimpleFields), done piece by piece: the part is cut only where a paragraph starts, which is never
 * inside a property element, an emptied container or a row's properties, so each piece slims as the whole would.
 */
export function slimDocumentPart(raw: Buffer, opts: { slim?: boolean } = {}): Buffer {
  // decided on the first piece, which holds the root element
  let slim: boolean | null = null;
  const out: Buffer[] = [];
  let changed = false;
  let start = 0;
  while (start < raw.length) {
    let end = Math.min(raw.length, start + PIECE_BYTES);
    while (end < raw.length && !paragraphAt(raw, end)) {
      const lt = raw.indexOf(LT, end + 1);
      end = lt < 0 ? raw.length : lt;
    }
    const xml = raw.toString('utf8', start, end);
    slim ??= opts.slim !== false && bindsW(xml);
    const fixed = unwrapSimpleFields(expandGridBefore(slim ? slimXml(xml) : xml));
    changed ||= fixed !== xml;
    out.push(fixed === xml ? raw.subarray(start, end) : Buffer.from(fixed, 'utf8'));
    start = end;
  }
  return changed ? Buffer.concat(out) : raw;
}
