/** Running headers and footers of PDF pages. */
import { describe, expect, it } from 'vitest';
import { buildLines, type PdfItem } from '../../src/ingest/pdf/lines.ts';
import { removeFurniture } from '../../src/ingest/pdf/furniture.ts';

const at = (x: number, y: number, str: string): PdfItem => ({ str, x, y, w: str.length * 5, size: 10, font: 'F1' });
const page = (n: number, items: PdfItem[]) => ({ page: n, height: 842, lines: buildLines({ page: n, width: 595, height: 842, items }) });
const texts = (pages: ReturnType<typeof page>[]) => removeFurniture(pages).map((p) => p.lines.map((l) => l.text));

describe('page furniture', () => {
  it('is a line at the top of both pages of a two-page document, at the same height', () => {
    // set in parts, left and right
    const header = [at(57, 806, 'Københavns Kommune'), at(450, 806, 'Budget 2019')];
    expect(
      texts([
        page(1, [...header, at(57, 700, 'INVESTERINGSFORSLAG'), at(280, 30, 'Side 1 af 2')]),
        page(2, [...header, at(57, 760, '5. Fordeling på udvalg'), at(280, 30, 'Side 2 af 2')]),
      ]),
    ).toEqual([['INVESTERINGSFORSLAG'], ['5. Fordeling på udvalg']]);
  });

  it('is not a heading of one part at the top of both pages of two one-page proposals', () => {
    expect(
      texts([
        page(1, [at(57, 780, 'INVESTERINGSFORSLAG'), at(57, 700, 'Forslagets titel: BC12 A')]),
        page(2, [at(57, 780, 'INVESTERINGSFORSLAG'), at(57, 700, 'Forslagets titel: BC13 B')]),
      ]),
    ).toEqual([['INVESTERINGSFORSLAG', 'Forslagets titel: BC12 A'], ['INVESTERINGSFORSLAG', 'Forslagets titel: BC13 B']]);
  });

  it('is not a line found on one page only, nor at another height', () => {
    expect(
      texts([
        page(1, [at(57, 806, 'Bilag 4'), at(57, 700, 'Tekst')]),
        page(2, [at(57, 790, 'Bilag 4'), at(57, 700, 'Mere tekst')]),
      ]),
    ).toEqual([['Bilag 4', 'Tekst'], ['Bilag 4', 'Mere tekst']]);
  });
});
