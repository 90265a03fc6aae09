import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/types.ts';
import { parseOverview } from '../../src/parse/overview.ts';
import { loadRules } from '../../src/rules/index.ts';

const rules = loadRules();
const p = (text: string): Block => ({ kind: 'paragraph', text, page: 1 });
const t = (rows: string[][]): Block => ({ kind: 'table', page: 1, rows: rows.map((cells) => ({ cells, page: 1 })) });
const rows = [
  ['Udvalg', 'NR', 'Forslag', 'Investeringspulje'],
  ['BUU', 'BC52', 'Digital fraværsregistrering i dagtilbud', '3,6'],
  ['TMU', 'BC61', 'Sensorer i affaldsbeholdere*', '2,0'],
  ['I alt', '', '', '5,6'],
];

describe('the overview table of a bundle', () => {
  it('takes its unit and price level from a caption line above it when its rows have none', () => {
    const blocks = [p('Bilag 2'), p('Investeringsforslag til investeringspuljen'), p('Mio. kr. 2017 p/l'), t(rows), p('* Forslag som endnu ikke er udvalgsgodkendt')];
    const o = parseOverview(blocks, 0, blocks.length, rules)!;
    expect([o.priceLevelYear, o.totalMdkk]).toEqual([2017, 5.6]);
    // the title lines above the caption are one title; the caption is not part of it
    expect(o.title).toBe('Bilag 2 Investeringsforslag til investeringspuljen');
    expect(o.items.map((i) => [i.committee, i.bcNumber, i.title, i.amountMdkk, i.notCommitteeApproved])).toEqual([
      ['BUU', 'BC52', 'Digital fraværsregistrering i dagtilbud', 3.6, false],
      ['TMU', 'BC61', 'Sensorer i affaldsbeholdere', 2, true],
    ]);
  });

  it('is no overview without a unit in its rows or right above it', () => {
    const blocks = [p('Bilag 2'), p('Investeringsforslag til investeringspuljen'), t(rows)];
    expect(parseOverview(blocks, 0, blocks.length, rules)).toBeNull();
  });

  it('reads the BC number of a row in the spellings a title has', () => {
    const spelled = [rows[0]!, ['BUU', 'BC-52', 'Digital fraværsregistrering i dagtilbud', '3,6'], ['TMU', 'BC 2020-07', 'Sensorer i affaldsbeholdere', '2,0'], rows[3]!];
    const blocks = [p('Bilag 2'), p('Mio. kr. 2017 p/l'), t(spelled)];
    expect(parseOverview(blocks, 0, blocks.length, rules)!.items.map((i) => i.bcNumber)).toEqual(['BC52', 'BC2020-07']);
  });
});
