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
