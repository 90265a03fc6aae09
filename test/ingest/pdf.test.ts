import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ingestBuffer } from '../../src/ingest/index.ts';
import { loadPdfjs, readPdf } from '../../src/ingest/pdf.ts';
import { DocumentError } from '../../src/errors.ts';
import { joinLine, mapPdfGlyphs, Vocabulary } from '../../src/ingest/pdf/join.ts';
import type { Block, TableBlock } from '../../src/types.ts';
import { buildPdf, encryptedPdf, onePagePdf, stream } from '../fixtures/pdf/make-pdf.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PDF_DIR = join(ROOT, 'corpus', 'pdf');
const TXT_DIR = join(ROOT, 'corpus', 'txt');
const DOCS = readdirSync(PDF_DIR)
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => f.replace(/\.pdf$/, ''))
  .sort();

// ---------------------------------------------------------------------------------------------------------------
// Comparison helpers: the TXT export of a document is the reference for its PDF.
// ---------------------------------------------------------------------------------------------------------------

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const YEAR = /^(?:19|20)\d\d$/;
const BOX = /[☒☐]/;

/** Rows with normalised cells; in checkbox grids a lone ☒/☐ cell is joined to the name after it. */
function normRows(t: TableBlock): string[][] {
  const isBox = t.rows.some((r) => r.cells.some((c) => BOX.test(c)));
  const rows: string[][] = [];
  for (const r of t.rows) {
    let cells = r.cells.map(norm);
    if (isBox) {
      const out: string[] = [];
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i]!;
        if ((c === '☒' || c === '☐') && i + 1 < cells.length) out.push(`${c} ${cells[++i]}`);
        else if (c !== '') out.push(c);
      }
      cells = out;
    }
    if (cells.some((c) => c !== '')) rows.push(cells);
  }
  return rows;
}

/** Tables that records are parsed from: amounts by year, and the checkbox grid of departments. */
const hasYearsOrBoxes = (t: TableBlock) => t.rows.some((r) => r.cells.some((c) => YEAR.test(norm(c)) || BOX.test(c)));

/** Headings and field lines: the paragraphs that segmenting and header parsing key on. */
const KEY_PARAGRAPH =
  /^(?:\d+(?:\.\d+)*\.?\s+\p{Lu}|(?:Forslagets titel|Kort resumé|Der søges om midler fra|Fremstillende forvaltning|(?:Øvrige )?[Bb]erørte forvaltninger|Angiv p\/l):|\p{Lu}{4,}(?:\s+\p{Lu}+)*$)/u;
const isKeyParagraph = (b: Block) => b.kind === 'paragraph' && b.text.length < 200 && KEY_PARAGRAPH.test(b.text);

const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.kind === 'table');
const paragraphs = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? [norm(b.text)] : []));

// ---------------------------------------------------------------------------------------------------------------
// Tiny hand-written PDFs for the error paths.
// ---------------------------------------------------------------------------------------------------------------

async function pdfError(buf: Buffer, path: string): Promise<DocumentError> {
  try {
    await readPdf(buf, path);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    return e as DocumentError;
  }
  throw new Error('expected a DocumentError');
}

// ---------------------------------------------------------------------------------------------------------------

describe('readPdf on the corpus, against the TXT export of the same documents', () => {
  for (const doc of DOCS) {
    describe(doc, async () => {
      const pdf = await ingestBuffer(readFileSync(join(PDF_DIR, `${doc}.pdf`)), `${doc}.pdf`);
      const txt = await ingestBuffer(readFileSync(join(TXT_DIR, `${doc}.txt`)), `${doc}.txt`);

      it('has pages and a page on every block and row', () => {
        expect(pdf.format).toBe('pdf');
        expect(pdf.pages).toBeGreaterThan(0);
        for (const b of pdf.blocks) {
          expect(b.page).toBeGreaterThanOrEqual(1);
          expect(b.page).toBeLessThanOrEqual(pdf.pages!);
          if (b.kind === 'table') for (const r of b.rows) expect(r.page).toBeGreaterThanOrEqual(b.page!);
        }
      });

      it('has every table with year columns or checkboxes, cell by cell', () => {
        const got = new Set(tables(pdf.blocks).map((t) => JSON.stringify(normRows(t))));
        const wanted = tables(txt.blocks).filter(hasYearsOrBoxes);
        expect(wanted.length).toBeGreaterThan(0);
        const missing = wanted.map((t) => JSON.stringify(normRows(t))).filter((k) => !got.has(k));
        expect(missing).toEqual([]);
      });

      it('has the headings and field lines as paragraphs, in order', () => {
        const keys = txt.blocks.filter(isKeyParagraph).map((b) => norm((b as { text: string }).text));
        expect(keys.length).toBeGreaterThan(0);
        const paras = paragraphs(pdf.blocks);
        let from = 0;
        const missing: string[] = [];
        for (const k of keys) {
          const at = paras.indexOf(k, from);
          if (at < 0) missing.push(k);
          else from = at + 1;
        }
        expect(missing).toEqual([]);
      });

      it('has no running header, footer or page number left', () => {
        const paras = paragraphs(pdf.blocks);
        expect(paras.filter((p) => /^side \d+ af \d+$/i.test(p))).toEqual([]);
        // a bare number that is the number of its own page is a left-over page number
        const pageNumbers = pdf.blocks.filter((b) => b.kind === 'paragraph' && norm(b.text) === String(b.page));
        expect(pageNumbers).toEqual([]);
        // the running title is kept once at most per proposal, not once per page
        const counts = new Map<string, number>();
        for (const p of paras) counts.set(p, (counts.get(p) ?? 0) + 1);
        for (const [p, n] of counts) if (n > pdf.pages! / 2 && pdf.pages! > 4) expect.fail(`"${p}" repeated ${n} times`);
      });
    });
  }

  it('reads the five PDFs quickly', async () => {
    const t0 = performance.now();
    for (const doc of DOCS) await readPdf(readFileSync(join(PDF_DIR, `${doc}.pdf`)), `${doc}.pdf`);
    expect(performance.now() - t0).toBeLessThan(8000);
  });
});

describe('readPdf failures', () => {
  it('PDF_CORRUPT for a truncated PDF', async () => {
    const full = readFileSync(join(PDF_DIR, `${DOCS[DOCS.length - 1]}.pdf`));
    const e = await pdfError(full.subarray(0, Math.floor(full.length / 2)), 'cut.pdf');
    expect(e.code).toBe('PDF_CORRUPT');
    expect(e.message).toContain('cut.pdf');
  });

  it('PDF_CORRUPT for garbage after a PDF header', async () => {
    const e = await pdfError(Buffer.from('%PDF-1.7\nthis is not a pdf at all\n'), 'junk.pdf');
    expect(e.code).toBe('PDF_CORRUPT');
  });

  it('PDF_ENCRYPTED for a password-protected PDF', async () => {
    const e = await pdfError(encryptedPdf(), 'locked.pdf');
    expect(e.code).toBe('PDF_ENCRYPTED');
    expect(e.message).toContain('locked.pdf');
  });

  it('PDF_NO_TEXT for a page without a text layer', async () => {
    const e = await pdfError(onePagePdf('0.5 g 50 50 495 742 re f'), 'scan.pdf');
    expect(e.code).toBe('PDF_NO_TEXT');
    expect(e.message).toContain('scan.pdf');
    expect(e.message).toMatch(/scanned/);
    expect(e.message).toMatch(/OCR/);
  });

  it('reads a small hand-written PDF with text', async () => {
    const out = await readPdf(
      onePagePdf('BT /F1 12 Tf 72 700 Td (Forslagets titel: En lille test af PDF-laeseren med nok tekst) Tj ET'),
      'small.pdf',
    );
    expect(out.pages).toBe(1);
    expect(out.blocks).toEqual([{ kind: 'paragraph', text: 'Forslagets titel: En lille test af PDF-laeseren med nok tekst', page: 1 }]);
  });
});

describe('readPdf layout on a hand-written three-page PDF', () => {
  // Helvetica digits are 0.556 em wide: right-aligned numbers are placed by their right edge.
  const digitsX = (right: number, text: string, size: number) => (right - text.length * 0.556 * size).toFixed(2);
  const t = (x: number | string, y: number, s: string, size = 10) => `BT /F1 ${size} Tf ${x} ${y} Td (${s}) Tj ET`;
  const furniture = (n: number) => [t(400, 800, 'Rapport om et forsøg', 8), t(480, 30, `Side ${n} af 3`, 8)];
  const page1 = [
    ...furniture(1),
    t(57, 740, '1.1 ØKONOMI', 11),
    t(57, 720, 'Forslaget koster penge i de første år, og det er beskrevet i tabellen'),
    t(57, 707, 'nedenfor. Udvik-'),
    t(57, 694, 'lingen sker i to trin.'),
    t(61, 670, '1.000 kr.', 9),
    t(digitsX(300, '2020', 9), 670, '2020', 9),
    t(digitsX(340, '2021', 9), 670, '2021', 9),
    t(digitsX(380, '2022', 9), 670, '2022', 9),
    t(61, 656, 'Udvikling af en meget lang', 9),
    t(digitsX(300, '500', 9), 656, '500', 9),
    t(digitsX(380, '75', 9), 656, '75', 9),
    t(61, 645.5, 'linje i tabellen', 9),
    t(61, 632, 'Drift', 9),
    t(digitsX(340, '100', 9), 632, '100', 9),
  ];
  const page2 = [...furniture(2), t(57, 740, 'Side to har et afsnit med tekst, der fylder mere end en enkelt linje, og det'), t(57, 727, 'slutter her.')];
  const page3 = [...furniture(3), t(57, 740, 'Side tre har også et afsnit, så der er tekst på alle sider.')];
  const pdf = buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 5 0 R 7 0 R] /Count 3 >>',
    ...[page1, page2, page3].flatMap((content, i) => [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${4 + 2 * i} 0 R /Resources << /Font << /F1 8 0 R >> >> >>`,
      stream(content.join('\n')),
    ]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ]);

  it('rebuilds paragraphs, the table with its empty cells, and drops the furniture', async () => {
    const out = await readPdf(pdf, 'three.pdf');
    expect(out.pages).toBe(3);
    expect(out.blocks).toEqual([
      { kind: 'paragraph', text: '1.1 ØKONOMI', page: 1 },
      {
        kind: 'paragraph',
        text: 'Forslaget koster penge i de første år, og det er beskrevet i tabellen nedenfor. Udviklingen sker i to trin.',
        page: 1,
      },
      {
        kind: 'table',
        page: 1,
        rows: [
          { cells: ['1.000 kr.', '2020', '2021', '2022'], page: 1 },
          { cells: ['Udvikling af en meget lang linje i tabellen', '500', '', '75'], page: 1 },
          { cells: ['Drift', '', '100', ''], page: 1 },
        ],
      },
      { kind: 'paragraph', text: 'Side to har et afsnit med tekst, der fylder mere end en enkelt linje, og det slutter her.', page: 2 },
      { kind: 'paragraph', text: 'Side tre har også et afsnit, så der er tekst på alle sider.', page: 3 },
    ]);
  });
});

describe('line joining', () => {
  it('rejoins a word hyphenated at a line end', () => {
    expect(joinLine('en teknologisk udvik-', 'ling af')).toBe('en teknologisk udvikling af');
  });
  it('keeps real hyphens', () => {
    expect(joinLine('Kultur-', 'og Fritidsforvaltningen')).toBe('Kultur- og Fritidsforvaltningen');
    expect(joinLine('Beskæftigelses-', 'eller Integrationsforvaltningen')).toBe('Beskæftigelses- eller Integrationsforvaltningen');
    expect(joinLine('Koncern', '-IT')).toBe('Koncern -IT');
    expect(joinLine('via NLP-', 'teknologien')).toBe('via NLP-teknologien');
    expect(joinLine('som tekst-', 'til-tale-komponenter')).toBe('som tekst-til-tale-komponenter');
    expect(joinLine('et Offentligt-', 'Privat samarbejde')).toBe('et Offentligt- Privat samarbejde');
  });
  it('keeps a hyphen the document itself uses in that word', () => {
    const v = new Vocabulary();
    v.addLine('bedre data-kvalitet giver bedre styring');
    expect(joinLine('bedre data-', 'kvalitet', v)).toBe('bedre data-kvalitet');
    expect(joinLine('bedre data-', 'styring', v)).toBe('bedre datastyring');
  });
  it('maps symbol-font checkboxes', () => {
    expect(mapPdfGlyphs('\uF0FE Økonomiforvaltningen \uF0A8 Socialforvaltningen')).toBe('☒ Økonomiforvaltningen ☐ Socialforvaltningen');
    expect(mapPdfGlyphs('☑ a ❑ b')).toBe('☒ a ☐ b');
  });
});

describe('loading pdfjs', () => {
  it('leaves Array.prototype.push and JSON.parse native (the legacy build polyfills them in plain JavaScript)', async () => {
    await loadPdfjs();
    expect(String(Array.prototype.push)).toMatch(/\[native code\]/);
    expect(String(JSON.parse)).toMatch(/\[native code\]/);
    // and pdfjs still works with them
    const out = await readPdf(onePagePdf('BT /F1 12 Tf 72 700 Td (Forslagets titel: En lille test med native funktioner) Tj ET'), 'natives.pdf');
    expect(out.blocks.map((b) => ('text' in b ? b.text : '')).join(' ')).toContain('Forslagets titel: En lille test');
  });
});
