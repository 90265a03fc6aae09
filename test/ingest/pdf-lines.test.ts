/** PDF text items to lines and segments (cells), on hand-placed items. */
import { describe, expect, it } from 'vitest';
import { buildLines, type PdfItem } from '../../src/ingest/pdf/lines.ts';

const item = (str: string, x: number, w: number, y = 700): PdfItem => ({ str, x, y, w, size: 12, font: 'F1' });
const segments = (items: PdfItem[]) => buildLines({ page: 1, width: 595, height: 842, items }).map((l) => l.segs.map((s) => s.text));

describe('segments of a PDF line', () => {
  it('keep two amounts of adjacent narrow columns apart, though closer than the segment gap', () => {
    // a LibreOffice table: '3.650' ends at 396, '650' starts at 401 (0.4 em)
    expect(segments([item('Implementeringsomkostninger i alt', 59, 169), item('3.650', 369, 27), item('650', 401, 18), item('÷ 1.250', 435, 36)])).toEqual([
      ['Implementeringsomkostninger i alt', '3.650', '650', '÷ 1.250'],
    ]);
  });

  it('still join words, and a number written in two items a word space apart', () => {
    expect(segments([item('Samlet', 59, 36), item('varig', 98, 28), item('1', 300, 6), item('025', 308, 18)])).toEqual([['Samlet varig', '1 025']]);
  });
});

describe('raised marks (footnote references)', () => {
  const small = (str: string, x: number, y: number): PdfItem => ({ str, x, y, w: 3.7, size: 5.8, font: 'F2' });
  const lines = (items: PdfItem[]) => buildLines({ page: 1, width: 595, height: 842, items });

  it('leave a note number out of the text and the line one segment, though set higher than a line may differ', () => {
    // 'natten' ends at 107.8, the raised '1' (3.9 points up) fills the gap to '. Nattevagterne' at 115.5
    const [l, ...rest] = lines([item('om natten', 56.8, 51, 283.3), small('1', 111.8, 287.2), item('. Nattevagterne går', 115.5, 100, 283.3)]);
    expect(rest).toEqual([]);
    expect(l!.segs.map((s) => s.text)).toEqual(['om natten. Nattevagterne går']);
  });

  it('never make an amount of a note number, and keep a raised star', () => {
    const [l] = lines([item('Investeringer totalt', 59, 110, 400), item('3.710', 300, 27, 400), small('1', 327.5, 403.5), item('BC31', 400, 24, 400), small('*', 424.5, 403.5)]);
    expect(l!.segs.map((s) => s.text)).toEqual(['Investeringer totalt', '3.710', 'BC31*']);
  });

  it('mark a line that starts with a note number: a footnote', () => {
    const ls = lines([small('1', 56.8, 61.6), { str: 'Kilde: Utilsigtede hændelser', x: 62.3, y: 58.5, w: 120, size: 8, font: 'F1' }]);
    expect(ls.map((l) => [l.text, l.noteAt])).toEqual([['Kilde: Utilsigtede hændelser', 56.8]]);
    // a small number on a line of its own, far from any line, is text
    expect(lines([small('7', 300, 500)]).map((l) => l.text)).toEqual(['7']);
  });
});

describe('a number in smaller type standing apart in a row', () => {
  it('is a cell, though it stands higher than the row\'s baseline', () => {
    const ls = buildLines({ page: 1, width: 595, height: 842, items: [item('Drift', 59, 30, 400), { str: '250', x: 300, y: 402, w: 12, size: 7, font: 'F2' }] });
    expect(ls.map((l) => l.segs.map((s) => s.text))).toEqual([['Drift', '250']]);
  });
});
