/**
 * Ruled tables in a PDF: the rules drawn on a page (pdfjs operator list), the grids they form, and the layout that
 * reads a table from its grid when the text alone leaves its rows in doubt. The geometry is that of a narrow
 * LibreOffice table: rows no farther apart than the wrapped lines inside a cell, a word and an amount broken for want
 * of room, a header cell merged over two columns.
 */
import { describe, expect, it } from 'vitest';
import { buildLines, type PdfItem } from '../../src/ingest/pdf/lines.ts';
import { layoutBlocks, pagesInDoubt } from '../../src/ingest/pdf/layout.ts';
import { findGrids, findRuledRows, pageRulings, type PageRulings, type RulingOps } from '../../src/ingest/pdf/ruling.ts';
import { readPdf } from '../../src/ingest/pdf.ts';
import { Vocabulary, joinLine } from '../../src/ingest/pdf/join.ts';
import type { Block } from '../../src/types.ts';
import { onePagePdf } from '../fixtures/pdf/make-pdf.ts';

// pdfjs 5's operator numbers (OPS)
const OPS: RulingOps = {
  save: 10,
  restore: 11,
  transform: 12,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  constructPath: 91,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  setLineWidth: 2,
  setStrokeRGBColor: 58,
  setFillRGBColor: 59,
};
const path = (paint: number, data: number[]) => [paint, [Float32Array.from(data)], null];

describe('the rules drawn on a page', () => {
  it('are the straight strokes and the thin filled boxes, in page space, and not shading or curves', () => {
    const fn = [OPS.save, OPS.transform, OPS.constructPath, OPS.restore, OPS.constructPath, OPS.constructPath, OPS.constructPath];
    const args = [
      null,
      [1, 0, 0, 1, 10, 20],
      // a stroked line from (0,0) to (100,0) under a translation by (10, 20), then a curve
      path(OPS.stroke, [0, 0, 0, 1, 100, 0, 2, 100, 10, 110, 20, 120, 30]),
      null,
      // a filled box 0.5 pt high: a horizontal rule
      path(OPS.fill, [0, 50, 300, 1, 250, 300, 1, 250, 300.5, 1, 50, 300.5, 3]),
      // a shaded cell (20 pt high): no rule
      path(OPS.eoFill, [0, 50, 400, 1, 250, 400, 1, 250, 420, 1, 50, 420, 3]),
      // a closed stroked rectangle: two horizontal and two vertical rules
      path(OPS.closeStroke, [0, 300, 500, 1, 400, 500, 1, 400, 550, 1, 300, 550, 3]),
    ];
    const r = pageRulings(fn, args, OPS, [0, 0]);
    expect(r.h.map((h) => [h.y, h.x0, h.x1])).toEqual([
      [20, 10, 110],
      [300.25, 50, 250],
      [500, 300, 400],
      [550, 300, 400],
    ]);
    expect(r.v.map((v) => [v.x, v.y0, v.y1])).toEqual([
      [400, 500, 550],
      [300, 500, 550],
    ]);
  });
});

describe('grids', () => {
  it('take merged cells from the rules that are missing, and a frame of one column is no table', () => {
    const r: PageRulings = {
      // below the table, a frame around two paragraphs with a rule between them
      h: [700, 680, 653].map((y) => ({ y, x0: 50, x1: 210 })).concat([300, 250, 200].map((y) => ({ y, x0: 50, x1: 500 }))),
      v: [
        { x: 50, y0: 653, y1: 700 },
        { x: 110, y0: 653, y1: 700 },
        { x: 160, y0: 653, y1: 680 }, // not in the header row: its header cell spans both columns
        { x: 210, y0: 653, y1: 700 },
        { x: 50, y0: 200, y1: 300 },
        { x: 500, y0: 200, y1: 300 },
      ],
    };
    const grids = findGrids(r);
    expect(grids).toHaveLength(1);
    expect(grids[0]!.ys).toEqual([700, 680, 653]);
    expect(grids[0]!.xs).toEqual([50, 110, 160, 210]);
    expect(grids[0]!.owner).toEqual([0, 1, 1, 3, 4, 5]);
  });

  it('leave out a box that touches the table: a first or last row that is one cell across', () => {
    // a table of two columns and two rows, and a bordered paragraph under it sharing its bottom rule (wider, too)
    const r: PageRulings = {
      h: [
        ...[700, 680, 660].map((y) => ({ y, x0: 50, x1: 210 })),
        { y: 660, x0: 50, x1: 220 },
        { y: 600, x0: 50, x1: 220 },
      ],
      v: [
        { x: 50, y0: 600, y1: 700 },
        { x: 130, y0: 660, y1: 700 },
        { x: 210, y0: 660, y1: 700 },
        { x: 220, y0: 600, y1: 660 },
      ],
    };
    const [g] = findGrids(r);
    expect(g!.ys).toEqual([700, 680, 660]);
  });

  it('keep apart two tables one above the other whose column rules nearly line up', () => {
    // the upper table's rule at x 221.3, the lower's at 221.4: one line across, but two rules with a gap between
    const r: PageRulings = {
      h: [400, 380, 200, 180, 160].map((y) => ({ y, x0: 51, x1: 533 })),
      v: [
        { x: 51, y0: 380, y1: 400 },
        { x: 221.3, y0: 380, y1: 400 },
        { x: 533, y0: 380, y1: 400 },
        { x: 51, y0: 160, y1: 200 },
        { x: 221.4, y0: 160, y1: 200 },
        { x: 300, y0: 160, y1: 200 },
        { x: 533, y0: 160, y1: 200 },
      ],
    };
    const grids = findGrids(r).sort((a, b) => b.ys[0]! - a.ys[0]!);
    expect(grids.map((g) => g.xs.length)).toEqual([3, 4]);
    expect(grids[1]!.ys).toEqual([200, 180, 160]);
  });
});

const SIZE = 12;
/** An item; its width is taken as 0.5 em per character. */
const at = (x: number, y: number, str: string): PdfItem => ({ str, x, y, w: str.length * 0.5 * SIZE, size: SIZE, font: 'F1' });
/** An item whose right edge is at x1 (a right-aligned amount). */
const right = (x1: number, y: number, str: string) => at(x1 - str.length * 0.5 * SIZE, y, str);
const page = (n: number, items: PdfItem[]) => ({ page: n, height: 842, lines: buildLines({ page: n, width: 595, height: 842, items }) });
const body = (y: number, lines: number) =>
  Array.from({ length: lines }, (_, i) => at(57, y - i * 14, 'Forslaget beskriver her med mange ord hvad der skal ske og hvorfor det er godt'));
const tables = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'table' ? [b.rows.map((r) => r.cells)] : []));

/**
 * Columns 50-110 (label), 110-160 and 160-210 (years), cells inset 3 pt; the header's amount cell spans both year
 * columns. Row baselines 13-14 pt apart, as the lines inside a cell.
 */
const narrowTable = (top: number) => [
  at(53, top - 14, 'Tekst'),
  at(113, top - 14, 'Beløb'),
  at(53, top - 30, 'Indkøb og'), // a line that fills the cell but ends between words
  at(53, top - 43, 'system'),
  right(157, top - 30, '2.400'),
  right(207, top - 30, '350'),
  at(53, top - 57, 'Omkostnin'), // a word broken for want of room
  at(53, top - 70, 'ger'),
  right(157, top - 57, '4.132,'), // an amount broken for want of room
  right(157, top - 70, '5'),
  right(207, top - 57, '637,5'),
];
const narrowRules = (top: number): PageRulings => ({
  h: [0, 20, 47, 74].map((d) => ({ y: top - d, x0: 50, x1: 210 })),
  v: [
    { x: 50, y0: top - 74, y1: top },
    { x: 110, y0: top - 74, y1: top },
    { x: 160, y0: top - 74, y1: top - 20 },
    { x: 210, y0: top - 74, y1: top },
  ],
});

describe('a table whose rows stand no farther apart than the lines of a cell', () => {
  const pages = [page(1, [...body(780, 4), ...narrowTable(700), ...body(600, 6)])];

  it('is in doubt from its text: two amounts stand one above the other in one cell', () => {
    expect(pagesInDoubt(pages)).toEqual([1]);
    expect(pagesInDoubt([page(1, [...body(780, 8)])])).toEqual([]);
  });

  it('is read from its rules: rows, merged header, a word and an amount broken for want of room joined again', () => {
    const rulings = new Map([[1, narrowRules(700)]]);
    expect(tables(layoutBlocks(pages, rulings))).toEqual([
      [
        ['Tekst', 'Beløb', ''],
        ['Indkøb og system', '2.400', '350'],
        ['Omkostninger', '4.132,5', '637,5'],
      ],
    ]);
    // the paragraphs around it stay paragraphs, in their order
    const kinds = layoutBlocks(pages, rulings).map((b) => b.kind);
    expect(kinds).toEqual(['paragraph', 'table', 'paragraph']);
  });

  it('beside another ruled table on the same lines keeps the cells of each to itself', () => {
    const side = [at(303, 686, 'Nej'), at(353, 686, 'Ja')];
    const both: PageRulings = {
      h: [...narrowRules(700).h, { y: 700, x0: 300, x1: 400 }, { y: 680, x0: 300, x1: 400 }],
      v: [...narrowRules(700).v, ...[300, 350, 400].map((x) => ({ x, y0: 680, y1: 700 }))],
    };
    const t = tables(layoutBlocks([page(1, [...body(780, 4), ...narrowTable(700), ...side, ...body(600, 6)])], new Map([[1, both]])));
    expect(t).toEqual([
      [
        ['Tekst', 'Beløb', ''],
        ['Indkøb og system', '2.400', '350'],
        ['Omkostninger', '4.132,5', '637,5'],
      ],
      [['Nej', 'Ja']],
    ]);
  });

  it('continued on the next page is one table, its repeated header dropped', () => {
    const two = [page(1, [...body(780, 40), ...narrowTable(200)]), page(2, [...narrowTable(780).slice(0, 2), at(53, 750, 'Drift'), right(157, 750, '175'), right(207, 750, '175'), ...body(700, 6)])];
    const rules2: PageRulings = {
      h: [780, 760, 740].map((y) => ({ y, x0: 50, x1: 210 })),
      v: [
        { x: 50, y0: 740, y1: 780 },
        { x: 110, y0: 740, y1: 780 },
        { x: 160, y0: 740, y1: 760 },
        { x: 210, y0: 740, y1: 780 },
      ],
    };
    const [t] = tables(layoutBlocks(two, new Map([[1, narrowRules(200)], [2, rules2]])));
    expect(t).toEqual([
      ['Tekst', 'Beløb', ''],
      ['Indkøb og system', '2.400', '350'],
      ['Omkostninger', '4.132,5', '637,5'],
      ['Drift', '175', '175'],
    ]);
  });
});

describe('a PDF whose table rows stand as close as the lines of a cell (read by pdfjs)', () => {
  // Helvetica 12 pt; body text at x 57, the table's cells inset 3 pt in columns 50-130, 130-190, 190-250
  const text = (x: number, y: number, s: string) => `BT /F1 12 Tf 1 0 0 1 ${x} ${y} Tm (${s}) Tj ET`;
  const bodyText = (y: number, n: number) =>
    Array.from({ length: n }, (_, i) => text(57, y - i * 14, 'Forslaget beskriver her med mange ord hvad der skal ske og hvorfor det er godt'));
  const cells = [
    text(53, 686, 'Tekst'),
    text(133, 686, 'Beloeb'),
    text(53, 670, 'Indkoeb og'),
    text(53, 657, 'system'),
    text(140, 670, '2.400'),
    text(200, 670, '350'),
    text(53, 643, 'Drift'),
    text(53, 630, 'og licens'),
    text(140, 643, '4.132,5'),
    text(200, 643, '637,5'),
  ];
  const line = (x0: number, y0: number, x1: number, y1: number) => `${x0} ${y0} m ${x1} ${y1} l S`;
  const rules = [
    '0.5 w',
    ...[700, 680, 653, 626].map((y) => line(50, y, 250, y)),
    line(50, 626, 50, 700),
    line(130, 626, 130, 700),
    line(190, 626, 190, 680), // the header's second cell spans both year columns
    line(250, 626, 250, 700),
  ];
  const pdf = (withRules: boolean) => onePagePdf([...bodyText(780, 4), ...cells, ...(withRules ? rules : []), ...bodyText(600, 6)].join('\n'));

  it('takes the rows from the borders drawn around its cells', async () => {
    const out = await readPdf(pdf(true), 'ruled.pdf');
    expect(tables(out.blocks)).toEqual([
      [
        ['Tekst', 'Beloeb', ''],
        ['Indkoeb og system', '2.400', '350'],
        ['Drift og licens', '4.132,5', '637,5'],
      ],
    ]);
    expect(out.messages.map((m) => m.code)).toEqual([]);
  });

  it('without borders says that the rows of a table on its page are in doubt', async () => {
    const out = await readPdf(pdf(false), 'unruled.pdf');
    expect(out.messages.map((m) => [m.code, m.place?.page])).toEqual([['PDF_TABLE_IN_DOUBT', 1]]);
    expect(out.messages[0]!.message).toMatch(/^unruled\.pdf: page 1: /);
  });
});

describe('what a review of the ruled path found', () => {
  it('a grid that leaves two amounts one above the other in a cell is not used: the text reads the table', () => {
    // rules between the columns only, and above and below: the grid has one row for four rows of text 20 pt apart
    const items = [...body(780, 4), ...['Licenser', 'Konsulenter', 'I alt'].flatMap((l, i) => [at(53, 690 - i * 20, l), right(157, 690 - i * 20, String(100 * (i + 1))), right(207, 690 - i * 20, String(10 * (i + 1)))]), ...body(600, 6)];
    const colsOnly: PageRulings = {
      h: [700, 630].map((y) => ({ y, x0: 50, x1: 210 })),
      v: [50, 110, 160, 210].map((x) => ({ x, y0: 630, y1: 700 })),
    };
    expect(tables(layoutBlocks([page(1, items)], new Map([[1, colsOnly]])))).toEqual([
      [
        ['Licenser', '100', '10'],
        ['Konsulenter', '200', '20'],
        ['I alt', '300', '30'],
      ],
    ]);
  });

  it('two amounts one above the other in a text cell are kept apart, so they read as no amount (not 250.400)', () => {
    const pages = [page(1, [...body(780, 4), ...narrowTable(700), ...body(600, 6)])];
    const inDoubt: number[] = [];
    const [t] = tables(layoutBlocks(pages, undefined, inDoubt));
    expect(t!.flat()).toEqual(expect.arrayContaining(['2.400; 4.132,; 5', '350; 637,5']));
    expect(inDoubt).toEqual([1]);
    // read from its rules, nothing is left in doubt
    const none: number[] = [];
    layoutBlocks(pages, new Map([[1, narrowRules(700)]]), none);
    expect(none).toEqual([]);
  });

  it('rules under headings with a list between them are no table', () => {
    const items = [
      at(57, 760, '1.3 FORSLAGETS INDHOLD'),
      at(57, 740, '•'),
      at(75, 740, 'et punkt i en liste over hvad der skal ske'),
      at(57, 726, '•'),
      at(75, 726, 'et andet punkt i listen'),
      at(57, 700, '1.4 IMPLEMENTERING'),
      at(57, 680, '•'),
      at(75, 680, 'et tredje punkt'),
      ...body(660, 6),
    ];
    const headingRules: PageRulings = { h: [755, 695, 600].map((y) => ({ y, x0: 57, x1: 540 })), v: [] };
    expect(tables(layoutBlocks([page(1, items)], new Map([[1, headingRules]])))).toEqual([]);
  });

  it('a row of amounts at the top of the next page is data, not a repeated header whose years it starts like', () => {
    const row = (y: number, label: string, a: string, b: string) => [...(label ? [at(60, y, label)] : []), right(300, y, a), right(380, y, b)];
    const p1 = page(1, [...body(780, 40), ...row(200, '', '2020', '2021'), ...row(180, 'Licens', '100', '100'), ...row(160, 'Konsulent', '500', '500')]);
    const p2 = page(2, [...row(780, '', '20', '20'), ...row(760, 'Uddannelse', '200', '210'), ...body(700, 6)]);
    const [t] = tables(layoutBlocks([p1, p2]));
    expect(t!.slice(-2)).toEqual([
      ['', '20', '20'],
      ['Uddannelse', '200', '210'],
    ]);
  });

  it('thick strokes and white lines are no rules, and dense hatching is not one rule', () => {
    const fn = [OPS.setLineWidth, OPS.constructPath, OPS.setLineWidth, OPS.setStrokeRGBColor, OPS.constructPath, OPS.setStrokeRGBColor, OPS.constructPath];
    const args = [
      [10],
      path(OPS.stroke, [0, 50, 100, 1, 250, 100]), // a 10 pt bar
      [0.5],
      ['#ffffff'],
      path(OPS.stroke, [0, 50, 200, 1, 250, 200]), // white on white
      ['#000000'],
      path(OPS.stroke, Array.from({ length: 20 }, (_, i) => [0, 50, 300 + i * 0.5, 1, 250, 300 + i * 0.5]).flat()),
    ];
    const r = pageRulings(fn, args, OPS, [0, 0]);
    const ys = r.h.map((h) => h.y);
    expect(ys.filter((y) => y < 300)).toEqual([]);
    expect(findRuledRows(r)[0]!.ys.length).toBeGreaterThan(3);
  });
});

describe('what a second review found', () => {
  it('a year is rejoined only in a header row: "200" / "5" in a data row are two amounts, not 2005', () => {
    // rules between the columns only; '200' fills its cell (right-aligned), the next row's '5' stands under it
    const items = [
      ...body(780, 4),
      at(53, 690, 'Licenser'),
      right(157, 690, '200'),
      right(207, 690, '10'),
      at(53, 670, 'Konsulenter'),
      right(157, 670, '5'),
      ...body(600, 6),
    ];
    const colsOnly: PageRulings = {
      h: [700, 660].map((y) => ({ y, x0: 50, x1: 210 })),
      v: [50, 110, 160, 210].map((x) => ({ x, y0: 660, y1: 700 })),
    };
    const [t] = tables(layoutBlocks([page(1, items)], new Map([[1, colsOnly]])));
    expect(t!.flat()).not.toContain('2005');
  });

  it('a word that starts a line is still evidence of a hyphenated spelling when paragraph lines are joined', () => {
    const v = new Vocabulary();
    v.addLine('Offentlig-privat innovation med de større');
    expect(joinLine('indgåelse af et offentlig-', 'privat samarbejde', v)).toBe('indgåelse af et offentlig-privat samarbejde');
    // but not that a cell's first word is a word of its own (it may be the rest of a word broken in the cell)
    expect(v.hasInside('offentlig-privat')).toBe(false);
    expect(v.hasInside('innovation')).toBe(true);
  });
});
