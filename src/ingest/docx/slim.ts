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

export function slimDocumentXml(xml: string): string {
  const root = /<(?:\w+:)?document\b[^>]*>/.exec(xml)?.[0] ?? '';
  if (!root.includes(`xmlns:w="${W_NS}"`)) return xml;
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
