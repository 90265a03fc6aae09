/**
 * PDF lines to blocks, on hand-placed text items in the geometry of a LibreOffice table: rows 2.7 em apart, cell
 * text inset 2 points from the body text, cells 0.5 em apart, text centred in its row.
 */
import { describe, expect, it } from 'vitest';
import { buildLines, type PdfItem } from '../../src/ingest/pdf/lines.ts';
import { layoutBlocks } from '../../src/ingest/pdf/layout.ts';
import type { Block } from '../../src/types.ts';

const SIZE = 12;
/** An item; its width is taken as 0.5 em per character. */
const at = (x: number, y: number, str: string): PdfItem => ({ str, x, y, w: str.length * 0.5 * SIZE, size: SIZE, font: 'F1' });
const page = (n: number, items: PdfItem[]) => ({ page: n, height: 842, lines: buildLines({ page: n, width: 595, height: 842, items }) });
const tables = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'table' ? [b.rows.map((r) => r.cells)] : []));
const paragraphs = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
/** Body text at the margin (x 57): long lines, as a proposal's paragraphs. */
const body = (y: number, lines: number) =>
  Array.from({ length: lines }, (_, i) => at(57, y - i * 14, 'Forslaget beskriver her med mange ord hvad der skal ske og hvorfor det er godt'));

describe('cells set closer than the segment gap', () => {
  // 'BC52' ends at 170, the title cell starts at 176: 0.5 em, less than the gap that separates segments
  const overview = (titleStartsInOtherRows: number) => [
    at(59, 700, 'Udvalg'),
    at(146, 700, 'NR'),
    at(176, 700, 'Forslag'),
    at(416, 700, 'Beløb'),
    at(59, 667, 'BUU'),
    at(146, 667, 'BC52'),
    at(176, 667, 'Digital fraværsregistrering'),
    at(416, 667, '3,6'),
    at(59, 634, 'TMU'),
    at(146, 634, 'BC61'),
    ...(titleStartsInOtherRows > 1 ? [at(176, 634, 'Sensorer')] : [at(190, 634, 'Sensorer')]),
    at(416, 634, '2,0'),
    ...body(590, 8),
  ];

  it('are two cells where the other rows start a cell at the second one', () => {
    const [t] = tables(layoutBlocks([page(1, overview(2))]));
    expect(t).toEqual([
      ['Udvalg', 'NR', 'Forslag', 'Beløb'],
      ['BUU', 'BC52', 'Digital fraværsregistrering', '3,6'],
      ['TMU', 'BC61', 'Sensorer', '2,0'],
    ]);
  });

  it('stay one cell when only one other row starts a cell there', () => {
    const [t] = tables(layoutBlocks([page(1, overview(1))]));
    expect(t!.map((r) => r.find((c) => c.startsWith('BC52')) ?? null)[1]).toBe('BC52 Digital fraværsregistrering');
  });

  it('in a paragraph are not cut', () => {
    const blocks = layoutBlocks([page(1, [at(57, 700, 'Der søges om'), at(135, 700, 'midler'), ...body(680, 8)])]);
    expect(paragraphs(blocks)[0]).toBe('Der søges om midler');
  });
});

describe('a table of tall rows', () => {
  const row = (y: number, label: string, ...amounts: string[]) => [at(59, y, label), ...amounts.map((a, i) => (a ? [at(300 + i * 40, y, a)] : [])).flat()];

  it('keeps a group label between its rows, though table rows outnumber the lines of body text', () => {
    // 9 table lines at x 59 and 5 body lines at x 57: the body text still sets the margin (it has more text)
    const blocks = layoutBlocks([
      page(1, [
        ...body(780, 5),
        ...row(700, '1.000 kr.', '2017', '2018'),
        at(59, 667, 'Implementeringsomkostninger'),
        ...row(634, 'Indkøb', '1.200', '300'),
        ...row(601, 'Projektledelse', '600', '400'),
        ...row(568, 'Samlede omkostninger', '1.800', '700'),
        at(59, 535, 'Effektiviseringer'),
        ...row(502, 'Mindre administration', '', '-800'),
        ...row(469, 'Samlet varig ændring', '', '-800'),
        ...row(436, 'Samlet økonomisk påvirkning', '1.800', '-100'),
      ]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['1.000 kr.', '2017', '2018'],
        ['Implementeringsomkostninger', '', ''],
        ['Indkøb', '1.200', '300'],
        ['Projektledelse', '600', '400'],
        ['Samlede omkostninger', '1.800', '700'],
        ['Effektiviseringer', '', ''],
        ['Mindre administration', '', '-800'],
        ['Samlet varig ændring', '', '-800'],
        ['Samlet økonomisk påvirkning', '1.800', '-100'],
      ],
    ]);
  });

  it('continues on the next page after a group label that ends the page', () => {
    const blocks = layoutBlocks([
      page(1, [...body(780, 8), ...row(120, '1.000 kr.', '2017', '2018'), at(59, 87, 'Implementeringsomkostninger')]),
      page(2, [...row(800, 'Indkøb', '1.200', '300'), ...row(767, 'Samlede omkostninger', '1.200', '300'), ...body(700, 8)]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['1.000 kr.', '2017', '2018'],
        ['Implementeringsomkostninger', '', ''],
        ['Indkøb', '1.200', '300'],
        ['Samlede omkostninger', '1.200', '300'],
      ],
    ]);
    expect(paragraphs(blocks)).not.toContain('Implementeringsomkostninger');
  });

  it('does not take in a line at the end of the page that is body text', () => {
    const blocks = layoutBlocks([
      page(1, [...body(780, 8), ...row(160, '1.000 kr.', '2017', '2018'), ...row(127, 'Indkøb', '1.200', '300'), at(57, 90, 'Afsnittet slutter her.')]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['1.000 kr.', '2017', '2018'],
        ['Indkøb', '1.200', '300'],
      ],
    ]);
    expect(paragraphs(blocks)).toContain('Afsnittet slutter her.');
  });
});

describe('a table whose first column stands at the text margin (cells padded to line up with the text)', () => {
  const row = (y: number, label: string, ...amounts: string[]) => [at(57, y, label), ...amounts.map((a, i) => (a ? [at(300 + i * 40, y, a)] : [])).flat()];

  it('keeps its group labels, which stand at the margin like text, between its rows', () => {
    const blocks = layoutBlocks([
      page(1, [
        ...body(780, 8),
        ...row(640, '1.000 kr.', '2017', '2018'),
        at(57, 607, 'Implementeringsomkostninger'),
        ...row(574, 'Indkøb', '1.200', '300'),
        ...row(541, 'Samlede omkostninger', '1.200', '300'),
        at(57, 508, 'Effektiviseringer'),
        ...row(475, 'Mindre administration', '', '-800'),
        ...body(420, 4),
      ]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['1.000 kr.', '2017', '2018'],
        ['Implementeringsomkostninger', '', ''],
        ['Indkøb', '1.200', '300'],
        ['Samlede omkostninger', '1.200', '300'],
        ['Effektiviseringer', '', ''],
        ['Mindre administration', '', '-800'],
      ],
    ]);
  });

  it('does not join a caption over another table, which stands farther from its rows than they stand apart', () => {
    const blocks = layoutBlocks([
      page(1, [
        ...body(780, 8),
        ...row(640, '1.000 kr.', '2017', '2018'),
        ...row(615, 'Indkøb', '1.200', '300'),
        at(57, 590, 'Nøgletal'),
        ...row(555, 'Antal planlæggere', '', '45'),
        ...row(530, 'Antal borgere', '', '8.100'),
        ...body(450, 4),
      ]),
    ]);
    expect(tables(blocks)[0]).toEqual([
      ['1.000 kr.', '2017', '2018'],
      ['Indkøb', '1.200', '300'],
    ]);
    expect(paragraphs(blocks)).toContain('Nøgletal');
  });

  it('joins a label broken for want of room in its narrow first column, and the rest of the last row\'s label', () => {
    const blocks = layoutBlocks([
      page(1, [
        ...body(780, 8),
        ...row(640, '1.000 kr.', '2017', '2018'),
        at(57, 607, 'Implementeringsomkostning'),
        at(57, 593, 'er'),
        ...row(560, 'Indkøb', '1.200', '300'),
        ...row(527, 'Samlet økonomisk', '1.200', '300'),
        at(57, 513, 'påvirkning'),
        // a caption at the margin, then the next table's header of years: not rows of this table
        at(57, 480, 'Tabel 2. Investeringer'),
        ...row(447, '1.000 kr.', '2017', '2018'),
        ...row(414, 'Indkøb', '1.200', '300'),
        ...body(370, 4),
      ]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['1.000 kr.', '2017', '2018'],
        ['Implementeringsomkostninger', '', ''],
        ['Indkøb', '1.200', '300'],
        ['Samlet økonomisk påvirkning', '1.200', '300'],
      ],
      [
        ['1.000 kr.', '2017', '2018'],
        ['Indkøb', '1.200', '300'],
      ],
    ]);
    expect(paragraphs(blocks)).toContain('Tabel 2. Investeringer');
  });
  it('keeps apart a word wrapped as usual in a narrow column, which is a word of the document', () => {
    const blocks = layoutBlocks([
      page(1, [
        ...body(780, 8),
        at(57, 660, 'Et stort potentiale for hele kommunen og for borgerne i byen her'),
        at(57, 620, 'Forslag'),
        at(200, 620, 'Potentiale'),
        at(200, 606, 'for'),
        at(200, 592, 'storskala'),
        at(57, 559, 'BC12'),
        at(200, 559, 'X'),
        at(57, 526, 'BC13'),
        at(200, 526, 'X'),
        ...body(480, 4),
      ]),
    ]);
    expect(tables(blocks)[0]![0]).toEqual(['Forslag', 'Potentiale for storskala']);
  });
});

describe('footnotes at the foot of a page', () => {
  const row = (y: number, label: string, ...amounts: string[]) => [at(59, y, label), ...amounts.map((a, i) => (a ? [at(300 + i * 40, y, a)] : [])).flat()];
  const mark = (y: number): PdfItem => ({ str: '1', x: 57, y: y + 3, w: 3, size: 6, font: 'F2' });

  it('follow the text, so that a table broken by the page goes on past them', () => {
    const blocks = layoutBlocks([
      page(1, [
        ...body(780, 8),
        ...row(160, '1.000 kr.', '2017', '2018'),
        ...row(127, 'Indkøb', '1.200', '300'),
        mark(60),
        at(62, 60, 'Kilde: Årsopgørelsen for 2016.'),
      ]),
      page(2, [...row(800, 'Drift', '100', '50'), ...row(767, 'I alt', '1.300', '350'), ...body(700, 8)]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['1.000 kr.', '2017', '2018'],
        ['Indkøb', '1.200', '300'],
        ['Drift', '100', '50'],
        ['I alt', '1.300', '350'],
      ],
    ]);
    // right after the table's rest on the next page, before that page's text
    const i = blocks.findIndex((b) => b.kind === 'table');
    expect(blocks[i + 1]).toEqual({ kind: 'paragraph', text: 'Kilde: Årsopgørelsen for 2016.', page: 1 });
  });

  it("follow their page's text when no table goes on over the page break", () => {
    const blocks = layoutBlocks([
      page(1, [...body(780, 8), at(57, 500, 'Sidste afsnit på siden.'), mark(60), at(62, 60, 'Kilde: Årsopgørelsen.')]),
      page(2, [at(57, 780, 'INVESTERINGSFORSLAG'), ...body(740, 4)]),
    ]);
    const ps = paragraphs(blocks);
    expect(ps.indexOf('Kilde: Årsopgørelsen.')).toBe(ps.indexOf('INVESTERINGSFORSLAG') - 1);
  });

  it('are text where a note number starts a line high on the page', () => {
    const blocks = layoutBlocks([page(1, [...body(780, 8), mark(600), at(62, 600, 'Punkt et'), ...body(560, 4)])]);
    expect(paragraphs(blocks)[1]).toBe('Punkt et');
  });
});

describe('a box table set as close as the lines of a cell', () => {
  const small = (x: number, y: number, str: string): PdfItem => ({ str, x, y, w: str.length * 4, size: 8, font: 'F1' });

  it('has a row for each line of boxes, its last row of one box, and no line of larger text under it', () => {
    const blocks = layoutBlocks([
      page(1, [
        ...body(780, 8),
        at(57, 614, 'Berørte forvaltninger:'),
        small(62, 597.5, '☐ Økonomiforvaltningen'),
        small(250, 597.5, '☒ Socialforvaltningen'),
        small(62, 588.2, '☐ Kultur- og Fritidsforvaltningen'),
        small(250, 588.2, '☒ Teknik- og Miljøforvaltningen'),
        small(62, 578.9, '☒ Sundheds- og Omsorgsforvaltningen'),
        at(57, 567, 'Angiv p/l:'),
        at(140, 567, '2018'),
        ...body(540, 4),
      ]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['☐ Økonomiforvaltningen', '☒ Socialforvaltningen'],
        ['☐ Kultur- og Fritidsforvaltningen', '☒ Teknik- og Miljøforvaltningen'],
        ['☒ Sundheds- og Omsorgsforvaltningen', ''],
      ],
    ]);
    expect(paragraphs(blocks)).toContain('Angiv p/l: 2018');
  });
});

describe('an amount table whose amounts are set smaller than its labels', () => {
  const small = (x: number, y: number, str: string): PdfItem => ({ str, x, y, w: str.length * 3.5, size: 7, font: 'F1' });
  it('keeps its rows', () => {
    const blocks = layoutBlocks([
      page(1, [
        ...body(780, 8),
        small(59, 665, '1.000 kr.'), small(300, 665, '2018'), small(340, 665, '2019'),
        at(59, 645, 'Anskaffelse af system'), small(300, 645, '1.200'), small(340, 645, '300'),
        at(59, 625, 'Samlet'), small(300, 625, '1.200'), small(340, 625, '300'),
        ...body(580, 4),
      ]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['1.000 kr.', '2018', '2019'],
        ['Anskaffelse af system', '1.200', '300'],
        ['Samlet', '1.200', '300'],
      ],
    ]);
  });
});
