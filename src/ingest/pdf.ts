/**
 * PDF reader: pdfjs-dist (legacy build, no worker thread, no font faces, no eval) text items -> lines -> blocks.
 *
 * The text layer is rebuilt geometrically (see pdf/layout.ts): lines from baselines, paragraphs from line spacing,
 * tables from column gaps - so empty table cells keep their column - or, where the text leaves a table's rows in
 * doubt, from the rules drawn around its cells (pdf/ruling.ts, pdf/grid.ts). Page furniture (running headers,
 * footers, page numbers) is removed first (pdf/furniture.ts).
 *
 * Failures: a file pdfjs cannot parse -> PDF_CORRUPT; a password -> PDF_ENCRYPTED; pages without a text layer
 * (a scan) -> PDF_NO_TEXT. The pdfjs document is always destroyed.
 */
import { createRequire } from 'node:module';
import type { Message } from '../types.ts';
import type { ReaderOutput } from './index.ts';
import { DocumentError } from '../errors.ts';
import { buildLines, type PdfItem, type PdfPage } from './pdf/lines.ts';
import { removeFurniture } from './pdf/furniture.ts';
import { layoutBlocks } from './pdf/layout.ts';
import { pageRulings, type PageRulings } from './pdf/ruling.ts';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<Pdfjs> | null = null;

/**
 * Built-ins that the legacy build's core-js polyfills replace for the whole thread although Node 20 has them:
 * `Array.prototype.push` (to throw on arrays with a read-only length) and `JSON.parse` (for the reviver's source
 * text) become plain-JavaScript functions, several times slower than the natives, for every push in mammoth,
 * pdfjs and this code. pdfjs uses neither feature, so the natives are put back once it is loaded.
 */
const KEEP_NATIVE: [object, string][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
];

async function withNativesKept<T>(load: () => Promise<T>): Promise<T> {
  const saved = KEEP_NATIVE.map(([o, k]) => [o, k, Object.getOwnPropertyDescriptor(o, k)!] as const);
  try {
    return await load();
  } finally {
    for (const [o, k, d] of saved) Object.defineProperty(o, k, d);
  }
}

/**
 * Loads pdfjs once. Node >= 20.19 can require() the ES modules synchronously, which skips the TypeScript loader's
 * transform of these 2 MB files (seconds under tsx); the worker module is handed to pdfjs as `globalThis.pdfjsWorker`
 * so that its in-process "fake worker" does not import it again. Older Node: plain dynamic import.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsPromise ??= withNativesKept(async () => {
    try {
      const require = createRequire(import.meta.url);
      const lib = require('pdfjs-dist/legacy/build/pdf.mjs') as Pdfjs;
      const g = globalThis as { pdfjsWorker?: unknown };
      g.pdfjsWorker ??= require('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return lib;
    } catch {
      return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as Pdfjs;
    }
  });
  return pdfjsPromise;
}

/** Fewer letters or digits than this per page on average: no usable text layer. */
const MIN_CHARS_PER_PAGE = 25;

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

function isTextItem(x: unknown): x is TextItemLike {
  return typeof x === 'object' && x !== null && typeof (x as TextItemLike).str === 'string' && Array.isArray((x as TextItemLike).transform);
}

function errorName(e: unknown): string {
  return (e as { name?: string } | null)?.name ?? '';
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function readPdf(buf: Buffer, path: string): Promise<ReaderOutput> {
  const messages: Message[] = [];
  const tail = buf.subarray(Math.max(0, buf.length - 1024)).toString('latin1');
  if (!tail.includes('%%EOF'))
    messages.push({
      code: 'PDF_NO_EOF',
      severity: 'warning',
      message: `${path}: the PDF does not end with %%EOF; it may be truncated`,
    });

  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice(),
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (e) {
      if (errorName(e) === 'PasswordException')
        throw new DocumentError('PDF_ENCRYPTED', `${path}: the PDF is password-protected (${reason(e)})`);
      throw new DocumentError('PDF_CORRUPT', `${path}: not a readable PDF (${reason(e)})`);
    }
    const pages: PdfPage[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      let items: PdfItem[];
      let width = 595;
      let height = 842;
      try {
        const page = await doc.getPage(n);
        const view = page.view; // [x0, y0, x1, y1]
        width = view[2]! - view[0]!;
        height = view[3]! - view[1]!;
        const tc = await page.getTextContent();
        items = [];
        for (const it of tc.items) {
          if (!isTextItem(it) || it.str === '') continue;
          const [a, b, c, d, e, f] = it.transform as [number, number, number, number, number, number];
          // horizontal text only; rotated items (margin notes, stamps) are left out
          if (Math.abs(b) > 1e-3 * Math.abs(a) || Math.abs(c) > 1e-3 * Math.abs(d)) continue;
          const size = Math.abs(d) || it.height;
          items.push({ str: it.str, x: e - view[0]!, y: f - view[1]!, w: it.width, size, font: it.fontName });
          chars += it.str.replace(/[^\p{L}\p{N}]/gu, '').length;
        }
        page.cleanup();
      } catch (e) {
        if (e instanceof DocumentError) throw e;
        throw new DocumentError('PDF_CORRUPT', `${path}: page ${n} cannot be read (${reason(e)})`);
      }
      pages.push({ page: n, width, height, items });
    }
    if (doc.numPages === 0) throw new DocumentError('PDF_CORRUPT', `${path}: the PDF has no pages`);
    if (chars < MIN_CHARS_PER_PAGE * doc.numPages)
      throw new DocumentError(
        'PDF_NO_TEXT',
        `${path}: ${doc.numPages} page(s) but ${chars === 0 ? 'no' : `only ${chars} characters of`} text; it looks like a scanned document, and OCR is not done`,
      );
    const lined = removeFurniture(pages.map((p) => ({ page: p.page, height: p.height, lines: buildLines(p) })));
    // The layout from the text. The rules drawn on the pages (table borders) cost about as much to read as the text:
    // they are read only when a table's rows are in doubt, for those pages and the pages before and after them
    // (where such a table may start or go on), and the pages are laid out again with them.
    const doubtful: number[] = [];
    let blocks = layoutBlocks(lined, undefined, doubtful);
    const stillInDoubt: number[] = [];
    if (doubtful.length) {
      const rulings = new Map<number, PageRulings>();
      const wanted = new Set(doubtful.flatMap((n) => [n - 1, n, n + 1]).filter((n) => n >= 1 && n <= doc.numPages));
      for (const n of [...wanted].sort((a, b) => a - b)) {
        const page = await doc.getPage(n).catch(() => null);
        if (!page) continue;
        try {
          const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
          rulings.set(n, pageRulings(ops.fnArray, ops.argsArray, pdfjs.OPS, [page.view[0]!, page.view[1]!]));
        } catch {
          // a page whose drawing cannot be read keeps the layout of its text
        } finally {
          page.cleanup();
        }
      }
      blocks = layoutBlocks(lined, rulings, stillInDoubt);
    }
    for (const n of stillInDoubt)
      messages.push({
        code: 'PDF_TABLE_IN_DOUBT',
        severity: 'warning',
        message: `${path}: page ${n}: a table's rows stand no farther apart than the lines inside its cells, and no borders drawn around its cells tell them apart: its rows run together, and amounts that stand one above the other in a cell are left out as unreadable`,
        place: { page: n },
      });
    return { blocks, pages: doc.numPages, messages };
  } finally {
    await task.destroy();
  }
}
