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
 * documents). The same coefficient from sets built once per title (kept small: a sorted array of numbers);
 * test/store/similarity.test.ts checks it against natural's on every pair of gold titles.
 */
export interface TitleProfile {
  norm: string;
  /** The distinct bigrams, each as its two UTF-16 code units in one number, sorted. */
  bigrams: Uint32Array;
}

export function titleProfile(title: string): TitleProfile {
  const norm = normalizeTitle(title);
  // natural's sanitize() and getBigrams(): lower case, single spaces, trimmed; a 1-character string padded
  let s = norm.toLowerCase().replace(/\s+/g, ' ').replace(/^\s+|\s+$/g, '');
  if (s.length === 1) s += ' ';
  const codes = new Set<number>();
  for (let i = 0; i < s.length - 1; i++) codes.add(((s.charCodeAt(i) << 16) | s.charCodeAt(i + 1)) >>> 0);
  return { norm, bigrams: Uint32Array.from(codes).sort() };
}

/** titleSimilarity() of two prepared titles. */
export function profileSimilarity(a: TitleProfile, b: TitleProfile): number {
  if (a.norm === b.norm) return 1;
  const x = a.bigrams;
  const y = b.bigrams;
  let shared = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) {
      shared++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return (2 * shared) / (x.length + y.length);
}

/**
 * Whether two prepared titles can reach a similarity of at least `threshold` at all: Dice = 2s / (m + n) with
 * s shared bigrams, s <= min(m, n), so sizes too far apart rule it out without comparing the bigrams. Exact:
 * it never rules out a pair profileSimilarity() puts at or above the threshold.
 */
export function canReach(a: TitleProfile, b: TitleProfile, threshold: number): boolean {
  if (a.norm === b.norm) return true;
  const m = a.bigrams.length;
  const n = b.bigrams.length;
  // the same division as profileSimilarity's, with the most bigrams the two can share
  return (2 * Math.min(m, n)) / (m + n) >= threshold;
}
