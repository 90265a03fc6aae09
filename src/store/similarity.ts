/** Title similarity (natural's Dice coefficient). natural is loaded on first use only: it is slow to load. */
import { createRequire } from 'node:module';

let dice: ((a: string, b: string) => number) | null = null;

export function normalizeTitle(s: string): string {
  return s.toLowerCase().replace(/[–—-]/g, '-').replace(/[^\p{L}\p{N}-]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

export function titleSimilarity(a: string, b: string): number {
  if (!dice) {
    const natural = createRequire(import.meta.url)('natural') as { DiceCoefficient: (a: string, b: string) => number };
    dice = natural.DiceCoefficient;
  }
  const x = normalizeTitle(a);
  const y = normalizeTitle(b);
  if (x === y) return 1;
  return dice(x, y);
}
