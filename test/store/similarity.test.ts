import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { profileSimilarity, titleProfile, titleSimilarity } from '../../src/store/similarity.ts';

const goldDir = join(import.meta.dirname, '..', 'gold');
const goldTitles = readdirSync(goldDir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    const g = JSON.parse(readFileSync(join(goldDir, f), 'utf8')) as { proposals: { title: string | null }[]; overview?: { items?: { title?: string }[] } };
    return [...g.proposals.map((p) => p.title), ...(g.overview?.items ?? []).map((i) => i.title)];
  })
  .filter((t): t is string => !!t);

// edge cases of the coefficient: one character (padded), nothing left after normalising, repeated bigrams,
// case and punctuation only, dashes
const edge = ['a', 'A', '—', '', '  ', 'aaaa', 'aa', 'Ø', 'BC12 – Robotter i hjemmeplejen', 'bc12 - robotter i hjemmeplejen!', 'Robot­ter'];

describe('title profiles', () => {
  it('give exactly natural’s Dice coefficient for every pair of gold titles and edge cases', () => {
    const titles = [...new Set([...goldTitles, ...edge])];
    expect(goldTitles.length).toBeGreaterThan(10);
    let pairs = 0;
    for (const a of titles)
      for (const b of titles) {
        const fast = profileSimilarity(titleProfile(a), titleProfile(b));
        expect(Object.is(fast, titleSimilarity(a, b)), `${a} / ${b}: ${fast} vs ${titleSimilarity(a, b)}`).toBe(true);
        pairs++;
      }
    expect(pairs).toBeGreaterThan(400);
  });

  it('tell similar titles from different ones', () => {
    expect(profileSimilarity(titleProfile('Servicerobotter i hjemmeplejen'), titleProfile('Servicerobotter i hjemmeplejen 2.0'))).toBeGreaterThan(0.85);
    expect(profileSimilarity(titleProfile('Servicerobotter i hjemmeplejen'), titleProfile('Digital tandpleje'))).toBeLessThan(0.5);
  });
});
