/** Text clean-up shared by the readers: whitespace, soft hyphens, checkbox glyphs. */

export const CHECKED = '☒';
export const UNCHECKED = '☐';

/**
 * Collapse runs of spaces/tabs, drop soft hyphens and zero-width characters, make non-breaking spaces and hyphens
 * (Word's no-break hyphen, U+2011) plain ones, trim. Keeps '\n'.
 */
export function cleanInline(s: string): string {
  return s
    .replace(/[\u00AD\u200B\u200C\u200D\uFEFF]/g, '')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** A table cell or short field as one line: runs of whitespace (line breaks too) become one space. */
export function oneLine(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Checkbox glyph variants seen in Word and PDF output, and the typed '[X]' / '[ ]' of a plain-text copy, mapped
 * to ☒ / ☐. A bracket pair counts only at the start of a line or of a TAB-separated cell, before a word.
 */
export function normalizeCheckboxes(s: string): string {
  return s
    .replace(/[☑✓✔✗✘■]/g, CHECKED)
    .replace(/[□❑❒]/g, UNCHECKED)
    .replace(/(^|\t)[ ]*\[[ ]*[xX][ ]*\](?=[ \t]+\S)/gm, `$1${CHECKED}`)
    .replace(/(^|\t)[ ]*\[[ ]*\](?=[ \t]+\S)/gm, `$1${UNCHECKED}`);
}
