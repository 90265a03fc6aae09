/**
 * Title similarity (natural's Dice coefficient). Only natural's dice_coefficient module is loaded, on first
 * use: its index loads every other part of natural too (taggers, lexicons, sentiment): 0.3 s and ~85 MB in
 * each thread that needs a similarity, the writer and every worker.
 */
import { createRequire } from 'node:module';

let dice: ((a: string, b: string) => number) | null = null;

export function normalizeTitle(s: string): string {
  return s.toLowerCase().replace(/[–—-]/g, '-').replace(/[^\p{L}\p{N}-]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

export function titleSimilarity(a: string, b: string): number {
  if (!dice) {
    dice = createRequire(import.meta.url)('natural/lib/natural/distance/dice_coefficient.js') as (a: string, b: string) => number;
  }
  const x = normalizeTitle(a);
  const y = normalizeTitle(b);
  if (x === y) return 1;
  return dice(x, y);
}

/**
 * A title prepared once for many comparisons: natural's Dice coefficient works on the bigram sets of the two
 * strings and builds both sets again on every call, which made matching each new title against the archive's
 * titles of the same year and department grow with the square of the archive (35 s of 100 s on 2,000
 * documents). The same coefficient from sets built once per title; test/store/similarity.test.ts checks it
 * against natural's on every pair of corpus titles.
 */
export interface TitleProfile {
  norm: string;
  bigrams: Set<string>;
}

const profiles = new Map<string, TitleProfile>();

export function titleProfile(title: string): TitleProfile {
  let p = profiles.get(title);
  if (!p) {
    const norm = normalizeTitle(title);
    // natural's sanitize() and getBigrams(): lower case, single spaces, trimmed; a 1-character string padded
    let s = norm.toLowerCase().replace(/\s+/g, ' ').replace(/^\s+|\s+$/g, '');
    if (s.length === 1) s += ' ';
    const bigrams = new Set<string>();
    for (let i = 0; i < s.length - 1; i++) bigrams.add(s.slice(i, i + 2));
    if (profiles.size > 50_000) profiles.clear();
    profiles.set(title, (p = { norm, bigrams }));
  }
  return p;
}

/** titleSimilarity() of two prepared titles. */
export function profileSimilarity(a: TitleProfile, b: TitleProfile): number {
  if (a.norm === b.norm) return 1;
  const [small, large] = a.bigrams.size <= b.bigrams.size ? [a.bigrams, b.bigrams] : [b.bigrams, a.bigrams];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return (2 * shared) / (a.bigrams.size + b.bigrams.size);
}
