import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { canReach, profileSimilarity, titleProfile, titleSimilarity } from '../../src/store/similarity.ts';

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

  it('are never ruled out by the size bound when they reach the threshold, and it rules some out', () => {
    // the gold titles, and variants a sixth document might hold: shortened, lengthened, one word changed
    const base = [...new Set([...goldTitles, ...edge])];
    const titles = [...base, ...base.map((t) => t.slice(0, Math.ceil(t.length * 0.8))), ...base.map((t) => `${t} 2.0`), ...base.map((t) => t.replace(/\s\S+$/, ' ændret'))];
    let ruledOut = 0;
    for (const threshold of [0.5, 0.8, 0.85, 0.9, 1])
      for (const a of titles)
        for (const b of titles) {
          const pa = titleProfile(a);
          const pb = titleProfile(b);
          const reaches = profileSimilarity(pa, pb) >= threshold;
          if (reaches) expect(canReach(pa, pb, threshold), `${a} / ${b} at ${threshold}`).toBe(true);
          if (!canReach(pa, pb, threshold)) ruledOut++;
        }
    expect(ruledOut).toBeGreaterThan(1000);
  });

  it('tell similar titles from different ones', () => {
    expect(profileSimilarity(titleProfile('Servicerobotter i hjemmeplejen'), titleProfile('Servicerobotter i hjemmeplejen 2.0'))).toBeGreaterThan(0.85);
    expect(profileSimilarity(titleProfile('Servicerobotter i hjemmeplejen'), titleProfile('Digital tandpleje'))).toBeLessThan(0.5);
  });
});
