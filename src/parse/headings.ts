/**
 * Section headings: '1.2 BAGGRUND OG FORMÅL', '1.1. Baggrund og formål', '2. Baggrund og formål',
 * 'BAGGRUND OG FORMÅL', 'Hvem er hørt?'. Names and their keys come from rules/sections.json.
 */
import type { SectionKey } from '../types.ts';
import { matchesAny, type Rules } from '../rules/index.ts';

export interface Heading {
  key: SectionKey | null;
  heading: string;
  number: string | null;
}

function isCapitals(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase();
}

/** Returns the heading a paragraph is, or null when it is body text. */
export function detectHeading(text: string, rules: Rules): Heading | null {
  const t = text.replace(/\s+/g, ' ').trim();
  // a heading wrapped over two lines ('1.2 BAGGRUND OG' / 'FORMÅL') is one heading; more lines are body text
  if (t.length === 0 || t.length > rules.sections.maxHeadingLength || text.trim().split('\n').length > 2) return null;
  const num = rules.sections.numbering.exec(t);
  const name = (num ? t.slice(num[0].length) : t).replace(/[\s:]+$/, '').trim();
  if (!name) return null;
  for (const s of rules.sections.sections)
    if (matchesAny(s.patterns, name)) return { key: s.key as SectionKey, heading: t, number: num?.[1] ?? null };
  // A numbered heading in capitals that no rule names is still a section, with no key.
  if (num && num[1]!.includes('.') && isCapitals(name) && !/[.!]$/.test(name)) return { key: null, heading: t, number: num[1]! };
  return null;
}
