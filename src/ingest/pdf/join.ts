/**
 * Joining the lines of a paragraph or of a table cell: a space between lines, except that a word hyphenated at the
 * end of a line is rejoined ("udvik-" + "ling" -> "udvikling"). Real hyphens stay: before "og"/"eller"
 * ("Kultur- og Fritidsforvaltningen"), before a capital or a digit, after an acronym ("NLP-" + "teknologi"), and
 * where the document itself spells the word with a hyphen elsewhere ("data-kvalitet").
 */
import { CHECKED, UNCHECKED, cleanInline, normalizeCheckboxes } from '../text.ts';
import { NUMBER_ITEM } from './lines.ts';

const KEEP_AFTER_HYPHEN = new Set(['og', 'eller', 'and', 'or']);

/** Words as they occur inside lines of the document (not at the end of a line or a cell), for hyphenation evidence. */
export class Vocabulary {
  private words = new Set<string>();
  private inner = new Set<string>();
  addLine(text: string): void {
    const tokens = text.toLowerCase().split(/[\s/()"”“,;:.!?]+/);
    // the last token of a line may be a hyphenated fragment: leave it out
    for (let i = 0; i < tokens.length - 1; i++) if (tokens[i]) this.words.add(tokens[i]!);
    for (let i = 1; i < tokens.length - 1; i++) if (tokens[i]) this.inner.add(tokens[i]!);
  }
  has(word: string): boolean {
    return this.words.has(word.toLowerCase());
  }
  /**
   * Whether the word occurs inside a line, neither first nor last: a table cell's first word may be the rest of a
   * word broken in the cell, which is no evidence that it is a word of its own.
   */
  hasInside(word: string): boolean {
    return this.inner.has(word.toLowerCase());
  }
}

/** Joins `next` onto `acc` (both already trimmed). */
export function joinLine(acc: string, next: string, vocab?: Vocabulary): string {
  if (acc === '') return next;
  if (next === '') return acc;
  // (the regular expression scans all of `acc`, which grows with the paragraph: only lines ending in "-" need it)
  const m = acc.endsWith('-') ? /([\p{L}\p{N}]+)-$/u.exec(acc) : null;
  if (m && !/[-–]\s*$/.test(acc.slice(0, -1))) {
    const before = m[1]!;
    const w = /^[\p{L}\p{N}]+/u.exec(next)?.[0] ?? '';
    const startsLower = /^\p{Ll}/u.test(next);
    const acronym = /[\p{Lu}\p{N}]$/u.test(before) && before.length <= 6 && before === before.toUpperCase();
    // a compound that goes on with more hyphens ("tekst-" + "til-tale-komponenter") keeps its hyphen
    const chain = /^[\p{L}\p{N}]+-\p{L}/u.test(next);
    if (startsLower && w && !KEEP_AFTER_HYPHEN.has(w.toLowerCase()) && !acronym && !chain) {
      const hyphenated = `${before}-${w}`;
      const solid = before + w;
      if (vocab && vocab.has(hyphenated) && !vocab.has(solid)) return acc + next;
      return acc.slice(0, -1) + next;
    }
    // a real hyphen at the line end: no space after it when a word continues the compound ("Azure-" "baserede")
    if (!startsLower || KEEP_AFTER_HYPHEN.has(w.toLowerCase())) return `${acc} ${next}`;
    return acc + next;
  }
  return `${acc} ${next}`;
}

/** Whether a cell's text so far ends in an amount and its next line is one: two amounts one above the other. */
export function stacksAmounts(acc: string, next: string): boolean {
  return NUMBER_ITEM.test(/\S*$/.exec(acc)![0]) && NUMBER_ITEM.test(next.trim());
}

/**
 * Joins the next line of a table cell: as a paragraph's lines, except that two amounts one above the other (rows run
 * together) are kept apart by a semicolon, so that they read as no amount rather than as one ('250 400' would be
 * 250.400).
 */
export function joinCellLine(acc: string, next: string, vocab: Vocabulary): string {
  return stacksAmounts(acc, next) ? `${acc}; ${next}` : joinLine(acc, next, vocab);
}

/**
 * Private-use glyphs of symbol fonts without a Unicode map, as Word writes checkboxes and bullets: Wingdings
 * 0xFE/0xFD/0x78 (checked), 0xA8/0x6F/0x71 (unchecked); Wingdings 2 0x52-0x54 (checked), 0xA3/0x2A (unchecked);
 * Symbol/Wingdings bullets -> '•'. Unicode ☑ ✓ ✔ ✗ ✘ ■ □ ❑ ❒ are handled by normalizeCheckboxes.
 */
export function mapPdfGlyphs(s: string): string {
  return normalizeCheckboxes(
    s
      .replace(/[\uF0FE\uF0FD\uF078\uF0FB\uF0FC\uF052\uF053\uF054]/g, CHECKED)
      .replace(/[\uF0A8\uF06F\uF071\uF0A3\uF02A]/g, UNCHECKED)
      .replace(/[\uF0B7\uF0A7\uF076\uF0D8\uF06C\uF06E]/g, '•'),
  );
}

export function cleanCell(s: string): string {
  return cleanInline(mapPdfGlyphs(s)).replace(/\n/g, ' ');
}
