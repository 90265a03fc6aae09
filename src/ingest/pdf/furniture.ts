/**
 * PDF geometry, step 2: remove page furniture - running headers and footers and page numbers.
 *
 * Detected generically: a line in the top or bottom band of the page whose text (digits masked) recurs at the
 * same height on many pages, or a line in those bands that is only a page number ("Side 3 af 12", "3", "- 3 -",
 * "3/12", "Page 3 of 12").
 */
import type { Line } from './lines.ts';

/** Share of the page height, at the top and at the bottom, where furniture may sit. */
const BAND = 0.12;
/** A line that is only a page number ('Side 2 af 4', '- 3 -', '3/12'); also of a text export's pages (txt-layout.ts). */
export const PAGE_NUMBER = /^(?:(?:side|page|s\.|p\.)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:af|of|\/|fra|ud af)\s*\d{1,4})?$/i;

function maskKey(line: Line): string {
  return line.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

export interface PageLines {
  page: number;
  height: number;
  lines: Line[];
}

/** Whether a line sits in the top or bottom band of a page of height h. */
function inBand(l: Line, h: number): boolean {
  return l.y > h * (1 - BAND) || l.y < h * BAND;
}

/** A line's text (digits masked) and height, to find it again on other pages. */
function keyOf(l: Line): string {
  return `${maskKey(l)}@${Math.round(l.y / 3)}`;
}

export function removeFurniture(pages: PageLines[]): PageLines[] {
  const n = pages.length;
  // key -> set of pages on which it appears in a band at (about) that height
  const seen = new Map<string, Set<number>>();
  for (const p of pages) {
    for (const l of p.lines) {
      if (!inBand(l, p.height)) continue;
      // tolerate a baseline that moved by a point or so: register the neighbouring buckets too
      const base = maskKey(l);
      for (const d of [-1, 0, 1]) {
        const k = `${base}@${Math.round(l.y / 3) + d}`;
        let s = seen.get(k);
        if (!s) seen.set(k, (s = new Set()));
        s.add(p.page);
      }
    }
  }
  // on half the pages, at least 3; a document of two pages: on both
  const minPages = n === 2 ? 2 : Math.max(3, Math.ceil(n * 0.5));
  return pages.map((p) => ({
    ...p,
    lines: p.lines.filter((l) => {
      if (!inBand(l, p.height)) return true;
      if (PAGE_NUMBER.test(l.text.trim())) return false;
      // (on two pages only a line set in parts, 'Københavns Kommune   ...   Budget 2019': two one-page proposals
      // open with 'INVESTERINGSFORSLAG' at the same height)
      if ((n >= 3 || (n === 2 && l.segs.length >= 2)) && (seen.get(keyOf(l))?.size ?? 0) >= minPages) return false;
      return true;
    }),
  }));
}
