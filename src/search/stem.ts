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

/** Stems of words seen before: the same few thousand words recur in every proposal. */
const memo = new Map<string, string>();

export function stem(word: string): string {
  const w = word.toLowerCase();
  let s = memo.get(w);
  if (s === undefined) {
    s = danish().stem(w);
    if (memo.size > 100_000) memo.clear();
    memo.set(w, s);
  }
  return s;
}

/** The text as it is indexed: every word replaced by its stem. */
export function stemText(text: string): string {
  const ws = text.match(/[\p{L}\p{N}]+/gu);
  return ws ? ws.map(stem).join(' ') : '';
}
