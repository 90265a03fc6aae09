/** Danish stemming (snowball) for the full-text index: 'servicebotter' and 'servicebot' index alike. */
import { createRequire } from 'node:module';

interface Stemmer {
  stem(word: string): string;
}
let stemmer: Stemmer | null = null;

function danish(): Stemmer {
  stemmer ??= (createRequire(import.meta.url)('snowball-stemmers') as { newStemmer(lang: string): Stemmer }).newStemmer('danish');
  return stemmer;
}

/** Words of a text: runs of letters and digits, lower-cased. */
export function words(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ word: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length }));
}

export function stem(word: string): string {
  return danish().stem(word.toLowerCase());
}

/** The text as it is indexed: every word replaced by its stem. */
export function stemText(text: string): string {
  return words(text)
    .map((w) => stem(w.word))
    .join(' ');
}
