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
