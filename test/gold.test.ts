/** Per-field accuracy against the hand-written gold set: the suite fails below 99% on any field and format. */
import { describe, expect, it } from 'vitest';
import type { Format } from '../src/types.ts';
import { scoreFormat } from './eval/score.ts';

const FORMATS: Format[] = ['txt', 'docx', 'pdf'];

describe.each(FORMATS)('gold set, %s', (format) => {
  it('every field is at least 99% right', async () => {
    const tally = await scoreFormat(format);
    const below = [...tally.fields.entries()]
      .filter(([, f]) => f.ok / f.total < 0.99)
      .map(([field, f]) => `${field}: ${f.ok}/${f.total}; ${f.misses.slice(0, 3).join(' | ')}`);
    expect(below).toEqual([]);
    expect(tally.fields.get('budget.amount')!.total).toBeGreaterThan(200);
  }, 60_000);
});
