/**
 * DOCX reader: the corpus DOCX files must give the block model of their TXT twins (same paragraphs in the same
 * order, same tables cell by cell) and the same records downstream; small synthetic documents cover what the
 * corpus does not (merged cells, checkbox content controls, Wingdings checkboxes, numbered lists, notes).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, TableBlock } from '../../src/types.ts';
import { ingestBuffer, ingestFile, DEFAULT_LIMITS } from '../../src/ingest/index.ts';
import { entriesToBlocks, readDocx } from '../../src/ingest/docx.ts';
import { readZipEntries } from '../../src/ingest/docx/zip.ts';
import { expandGridBefore, slimDocumentPart, slimDocumentXml } from '../../src/ingest/docx/slim.ts';
import { parseDocument } from '../../src/parse/index.ts';
import { loadRules } from '../../src/rules/index.ts';
import { makeDocx, numberingXml, p } from '../fixtures/docx/make-docx.ts';

const CORPUS = join(import.meta.dirname, '../../corpus');
const names = readdirSync(join(CORPUS, 'docx'))
  .filter((f) => f.endsWith('.docx'))
  .map((f) => f.replace(/\.docx$/, ''))
  .sort();

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const paragraphs = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? [norm(b.text)] : []));
const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.kind === 'table').map((t) => t.rows.map((r) => r.cells.map(norm)));

/**
 * Artefacts of the text export, not content: a markdown pipe table needs a header row, so a table without one
 * gets an all-empty first row; a 'simple table' rule line of dashes can follow a table.
 */
function withoutTxtArtefacts(rows: string[][]): string[][] {
  let out = rows.filter((r) => !(r.length > 0 && r.every((c) => /^-{2,}$/.test(c))));
  while (out.length > 1 && out[0]!.every((c) => c === '')) out = out.slice(1);
  return out;
}

/** Checkbox tables that the text export wrote with the box and the name in separate cells: same row texts. */
function sameCheckboxRows(txt: string[][], docx: string[][]): boolean {
  const rowText = (r: string[]) => norm(r.join(' '));
  return (
    txt.length === docx.length &&
    txt.some((r) => r.some((c) => /[☒☐]/u.test(c))) &&
    txt.every((r, i) => rowText(r) === rowText(docx[i]!))
  );
}

describe('corpus: DOCX blocks equal TXT blocks', () => {
  const rules = loadRules();
  for (const name of names) {
    it(name, async () => {
      const txt = await ingestFile(join(CORPUS, 'txt', `${name}.txt`));
      const docx = await ingestFile(join(CORPUS, 'docx', `${name}.docx`));
      expect(docx.format).toBe('docx');
      expect(docx.pages).toBeNull();
      expect(docx.blocks.every((b) => b.page === null && (b.kind === 'paragraph' || b.rows.every((r) => r.page === null)))).toBe(true);
      // No markup, no soft hyphens.
      const allText = docx.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.cells.join('\t')).join('\n'))).join('\n');
      expect(allText).not.toMatch(/<\/?(?:p|a|b|i|u|em|strong|span|br|input|table|tr|td|th|li|ul|ol|h\d)\b[^>]*>|\u00AD/);

      expect(paragraphs(docx.blocks)).toEqual(paragraphs(txt.blocks));

      const t = tables(txt.blocks);
      const d = tables(docx.blocks);
      expect(d.length).toBe(t.length);
      const tolerated: string[] = [];
      t.forEach((rows, i) => {
        const drows = d[i]!;
        if (JSON.stringify(rows) === JSON.stringify(drows)) return;
        const cleaned = withoutTxtArtefacts(rows);
        if (JSON.stringify(cleaned) === JSON.stringify(drows)) {
          tolerated.push(`table ${i + 1}: TXT export artefact row (empty markdown header / dash rule)`);
          return;
        }
        if (sameCheckboxRows(cleaned, drows)) {
          tolerated.push(`table ${i + 1}: TXT splits checkbox and name into separate cells`);
          return;
        }
        expect(drows, `table ${i + 1}`).toEqual(rows);
      });
      if (tolerated.length) console.log(`${name}: tolerated TXT artefacts:\n  ${tolerated.join('\n  ')}`);

      // Downstream: the same records.
      expect(parseDocument(docx.blocks, rules)).toEqual(parseDocument(txt.blocks, rules));
    });
  }

  it('dropping formatting before mammoth parses changes nothing', async () => {
    for (const name of names) {
      const file = join(CORPUS, 'docx', `${name}.docx`);
      const files = readZipEntries(readFileSync(file), file, DEFAULT_LIMITS.maxDocxUncompressedBytes);
      const full = await entriesToBlocks(files, file, { slim: false });
      const slim = await entriesToBlocks(files, file);
      expect(slim.blocks, name).toEqual(full.blocks);
    }
  });

  it('reads the five DOCX files quickly', async () => {
    const t0 = performance.now();
    for (const name of names) await ingestFile(join(CORPUS, 'docx', `${name}.docx`));
    const ms = performance.now() - t0;
    console.log(`read ${names.length} DOCX files in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);
  });
});

async function blocksOf(body: string, extra: Parameters<typeof makeDocx>[1] = []): Promise<Block[]> {
  const out = await readDocx(makeDocx(body, extra), 'test.docx', DEFAULT_LIMITS);
  expect(out.pages).toBeNull();
  return out.blocks;
}

const tc = (text: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${text === '' ? '<w:p/>' : p(text)}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (cols: number, ...rows: string[]) =>
  `<w:tbl><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(cols)}</w:tblGrid>${rows.join('')}</w:tbl>`;

describe('DOCX reader: synthetic documents', () => {
  it('expands merged cells so columns line up, empty cells in place', async () => {
    const blocks = await blocksOf(
      tbl(
        4,
        tr(tc('1.000 kr.', '<w:gridSpan w:val="2"/>'), tc('2019'), tc('2020')),
        tr(tc('Gruppe', '<w:vMerge w:val="restart"/>'), tc('a'), tc('1'), tc('2')),
        tr(tc('', '<w:vMerge/>'), tc('b'), tc(''), tc('3')),
        tr(tc('I alt', '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>'), tc('5'), tc('6')),
        tr(tc('', '<w:gridSpan w:val="2"/><w:vMerge/>'), tc('7'), tc('8')),
        tr(tc('kort')),
      ),
    );
    expect(blocks).toEqual([
      {
        kind: 'table',
        page: null,
        rows: [
          ['1.000 kr.', '', '2019', '2020'],
          ['Gruppe', 'a', '1', '2'],
          ['', 'b', '', '3'],
          ['I alt', '', '5', '6'],
          ['', '', '7', '8'],
          ['kort', '', '', ''],
        ].map((cells) => ({ cells, page: null })),
      },
    ]);
  });

  it('puts the cells of a row with w:gridBefore under their own columns', async () => {
    const shifted = (gb: number, ...cells: string[]) =>
      `<w:tr><w:trPr><w:gridBefore w:val="${gb}"/><w:wBefore w:w="1000" w:type="dxa"/></w:trPr>${cells.join('')}</w:tr>`;
    const blocks = await blocksOf(
      tbl(4, tr(tc('Udvalg'), tc('2018'), tc('2019'), tc('2020')), shifted(1, tc('1'), tc('2'), tc('3')), shifted(2, tc('x', '<w:vMerge w:val="restart"/>'), tc('y')), shifted(2, tc('', '<w:vMerge/>'), tc('z'))),
    );
    expect(blocks[0]).toMatchObject({
      kind: 'table',
      rows: [{ cells: ['Udvalg', '2018', '2019', '2020'] }, { cells: ['', '1', '2', '3'] }, { cells: ['', '', 'x', 'y'] }, { cells: ['', '', '', 'z'] }],
    });
  });

  it('reads checkbox content controls, Wingdings checkboxes and ☒/☐ glyphs', async () => {
    const sdt = (checked: boolean, glyph: string) =>
      `<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="${checked ? 1 : 0}"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>${glyph}</w:t></w:r></w:sdtContent></w:sdt>`;
    const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
    const sym = (c: string) => `<w:r><w:sym w:font="Wingdings" w:char="${c}"/></w:r>`;
    const cell = (inner: string) => `<w:tc><w:p>${inner}</w:p></w:tc>`;
    const blocks = await blocksOf(
      p('Berørte forvaltninger:') +
        tbl(
          2,
          tr(cell(sdt(true, '☒') + run(' Økonomiforvaltningen')), cell(sdt(false, '☐') + run(' Socialforvaltningen'))),
          tr(cell(sym('F0FE') + run(' Kultur- og Fritidsforvaltningen')), cell(sym('F0A8') + run(' Teknik- og Miljøforvaltningen'))),
          tr(cell(run('☒ Børne- og Ungdomsforvaltningen')), cell(run('☐Sundheds- og Omsorgsforvaltningen'))),
        ),
    );
    expect(blocks[1]).toMatchObject({
      kind: 'table',
      rows: [
        { cells: ['☒ Økonomiforvaltningen', '☐ Socialforvaltningen'] },
        { cells: ['☒ Kultur- og Fritidsforvaltningen', '☐ Teknik- og Miljøforvaltningen'] },
        { cells: ['☒ Børne- og Ungdomsforvaltningen', '☐Sundheds- og Omsorgsforvaltningen'] },
      ],
    });
  });

  it('reads checkbox characters typed in a Wingdings run', async () => {
    const wd = (font: string, t: string) => `<w:r><w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}"/></w:rPr><w:t>${t}</w:t></w:r>`;
    const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
    const blocks = await blocksOf(
      `<w:p>${wd('Wingdings', 'þ')}${run(' Ja ')}${wd('Wingdings', '\u00A8')}${run(' Nej ')}${wd('Wingdings 2', '\uF054')}${run(' Måske')}</w:p>`,
    );
    expect(blocks).toEqual([{ kind: 'paragraph', text: '☒ Ja ☐ Nej ☒ Måske', page: null }]);
  });

  it('drops formatting elements only, with or without content', () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const xml = `<w:document ${W}><w:body><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="1"/></w:tabs><w:tabs/><w:jc w:val="left"></w:jc><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr><w:tab/><w:t>a</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w="1"/><w:tcBorders><w:top w:val="single"/></w:tcBorders><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`;
    expect(slimDocumentXml(xml)).toBe(
      `<w:document ${W}><w:body><w:p><w:r><w:tab/><w:t>a</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`,
    );
    // Bold and italics go, a run's font stays (Wingdings checkboxes), empty runs and the table grid go.
    const runs = `<w:document ${W}><w:body><w:tbl><w:tblGrid><w:gridCol w:w="5"/></w:tblGrid><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="X"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/><w:i w:val="1"/></w:rPr><w:t>x</w:t></w:r><w:r w:rsidR="1"></w:r><w:r><w:rPr><w:rFonts w:ascii="Wingdings"/><w:b/></w:rPr><w:t>þ</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`;
    expect(slimDocumentXml(runs)).toBe(
      `<w:document ${W}><w:body><w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="X"/></w:pPr><w:r><w:t>x</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Wingdings"/></w:rPr><w:t>þ</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`,
    );
    // Another prefix for the main namespace: left alone.
    const other = xml.replace(/w:document \S+/, 'w:document xmlns:w="urn:x"');
    expect(slimDocumentXml(other)).toBe(other);
  });

  it('slims a large part piece by piece exactly as it slims the whole', () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const para = (i: number) =>
      `<w:p w:rsidR="00${i}"><w:pPr><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="20"/></w:rPr><w:t>Afsnit ${i} æøå</w:t></w:r><w:r></w:r></w:p>`;
    const row = (i: number) =>
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="1"/><w:tcBorders><w:top w:val="single"/></w:tcBorders></w:tcPr><w:p><w:r><w:t>${i}</w:t></w:r></w:p></w:tc></w:tr>`;
    let body = '';
    for (let i = 0; i < 1500; i++) body += i % 10 === 0 ? `<w:tbl><w:tblGrid><w:gridCol w:w="5"/></w:tblGrid>${row(i)}${row(i + 1)}</w:tbl>` : para(i);
    const xml = `<?xml version="1.0"?><w:document ${W}><w:body>${body}<w:p/></w:body></w:document>`;
    expect(xml.length).toBeGreaterThan(250_000);
    const whole = expandGridBefore(slimDocumentXml(xml));
    expect(slimDocumentPart(Buffer.from(xml, 'utf8')).toString('utf8')).toBe(whole);
    expect(whole.length).toBeLessThan(xml.length / 2);
    // without slimming, rows are still padded; another namespace for 'w:' is not slimmed
    expect(slimDocumentPart(Buffer.from(xml, 'utf8'), { slim: false }).toString('utf8')).toBe(expandGridBefore(xml));
    const other = xml.replace(W, 'xmlns:w="urn:x"');
    expect(slimDocumentPart(Buffer.from(other, 'utf8')).toString('utf8')).toBe(expandGridBefore(other));
  });

  it("keeps a simple field's result, and makes Word's no-break hyphen a hyphen", async () => {
    const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
    const blocks = await blocksOf(
      `<w:p>${run('Tabel ')}<w:fldSimple w:instr=" SEQ Tabel \\* ARABIC ">${run('2')}</w:fldSimple>${run('. Investeringer')}<w:fldSimple w:instr=" PAGE "/></w:p>` +
        `<w:p>${run('Fremstillende forvaltning: Sundheds')}<w:r><w:noBreakHyphen/><w:t xml:space="preserve"> og Omsorgsforvaltningen</w:t></w:r></w:p>`,
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Tabel 2. Investeringer', page: null },
      { kind: 'paragraph', text: 'Fremstillende forvaltning: Sundheds- og Omsorgsforvaltningen', page: null },
    ]);
  });

  it('keeps soft line breaks, drops soft hyphens, markup and empty paragraphs', async () => {
    const blocks = await blocksOf(
      `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Forslagets titel: </w:t></w:r><w:r><w:t>BC07 Automati\u00ADsering &amp; test</w:t><w:br/><w:t>- undertitel</w:t></w:r></w:p>` +
        '<w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>' +
        `<w:p><w:r><w:t>Kort</w:t><w:tab/><w:t>resumé:  tekst</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>` +
        p('Angiv p/l: 2018'),
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Forslagets titel: BC07 Automatisering & test\n- undertitel', page: null },
      { kind: 'paragraph', text: 'Kort resumé: tekst', page: null },
      { kind: 'paragraph', text: 'Angiv p/l: 2018', page: null },
    ]);
  });

  it('writes lists as one paragraph per list, one line per item; numbered headings stay headings', async () => {
    const numbering = {
      name: 'word/numbering.xml',
      data: numberingXml([
        { numId: 1, fmt: 'none', style: 'Heading2' },
        { numId: 2, fmt: 'bullet' },
        { numId: 3, fmt: 'bullet' },
        { numId: 4, fmt: 'decimal' },
      ]),
    };
    const blocks = await blocksOf(
      p('1.3 FORSLAGETS INDHOLD', 'Heading2') +
        p('Første', undefined, { numId: 2 }) +
        p('Anden', undefined, { numId: 2 }) +
        p('Ny liste', undefined, { numId: 3 }) +
        p('Tekst') +
        p('Et', undefined, { numId: 4 }) +
        p('Under', undefined, { numId: 4, ilvl: 1 }) +
        p('To', undefined, { numId: 4 }) +
        p('1. Klarlægning', 'ListNumber') +
        p('2. Udvikling', 'ListNumber'),
      [numbering],
    );
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind))).toEqual([
      '1.3 FORSLAGETS INDHOLD',
      '- Første\n- Anden',
      '- Ny liste',
      'Tekst',
      '1. Et\n1. Under\n2. To',
      '1. Klarlægning\n2. Udvikling',
    ]);
  });

  it('puts footnotes after the body and drops the reference marks', async () => {
    const footnotes = {
      name: 'word/footnotes.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:id="1"><w:p><w:r><w:t>Kilde: KK.</w:t></w:r></w:p></w:footnote></w:footnotes>`,
    };
    const blocks = await blocksOf(
      `<w:p><w:r><w:t>Beløb 1.025</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>` + p('Slut'),
      [footnotes],
    );
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind))).toEqual(['Beløb 1.025', 'Slut', 'Kilde: KK.']);
  });

  it('puts notes in the order of their references, also when a reference stands in a table cell', async () => {
    const footnotes = {
      name: 'word/footnotes.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
        `<w:footnote w:id="1"><w:p><w:r><w:t>Note i tabellen</w:t></w:r></w:p></w:footnote>` +
        `<w:footnote w:id="2"><w:p><w:r><w:t>Note efter tabellen</w:t></w:r></w:p></w:footnote></w:footnotes>`,
    };
    const cellWithNote = `<w:tc><w:p><w:r><w:t>Beløb</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p></w:tc>`;
    const blocks = await blocksOf(
      p('Intro') + tbl(2, tr(cellWithNote, tc('1.025'))) + `<w:p><w:r><w:t>Efter</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>`,
      [footnotes],
    );
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind))).toEqual(['Intro', 'table', 'Efter', 'Note i tabellen', 'Note efter tabellen']);
  });

  it('reads a DOCX whose name says otherwise, with a warning', async () => {
    const doc = await ingestBuffer(makeDocx(p('Hej')), 'x.txt');
    expect(doc.format).toBe('docx');
    expect(doc.messages.map((m) => m.code)).toContain('FORMAT_NAME_MISMATCH');
  });
});
