/**
 * BC numbers (the business case number in a proposal's title and a bundle's overview) in one spelling, so that
 * 'BC 7', 'BC7', 'BC-7', 'bc07' and 'BC007' are the same proposal: 'BC', the number without leading zeros padded
 * to two digits (the municipality's own spelling: 'BC' and two digits), then an upper-case letter if any. A number
 * written with its year ('BC-2020-07', 'BC2020-7') keeps the year: 'BC2020-07'. Which texts are BC numbers at all
 * is for the rules (fields.json bcNumber, overview.json bcCell); this only spells them.
 */

/**
 * The spellings canonicalBcNumber() takes: 'BC', an optional year and dash, the number, an optional letter.
 * `part` wraps the year, the number and the letter: in groups to read them, or as they are to find a spelling.
 */
const spelling = (part: (p: string) => string) =>
  String.raw`BC[\s-]*(?:${part(String.raw`(?:19|20)\d{2}`)}\s*-\s*)?0*${part(String.raw`\d+`)}\s*${part('[a-z]?')}`;

const BC = new RegExp(`^${spelling((p) => `(${p})`)}$`, 'i');

/** Any spelling canonicalBcNumber() takes (unanchored, no groups; case-insensitive), for finding one in a longer text. */
export const BC_SPELLING = spelling((p) => `(?:${p})`);

/** A stored BC number: what canonicalBcNumber() writes. */
export const CANONICAL_BC = /^BC(?:\d{4}-)?\d{2,3}[A-Z]?$/;

export function canonicalBcNumber(raw: string): string {
  const m = BC.exec(raw.trim());
  if (!m) return raw.replace(/\s+/g, '').toUpperCase();
  return `BC${m[1] ? `${m[1]}-` : ''}${m[2]!.padStart(2, '0')}${m[3]!.toUpperCase()}`;
}
