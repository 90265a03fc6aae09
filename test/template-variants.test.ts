/**
 * Documents written by hand to the proposal template but unlike the corpus (test/template-variants/README.md):
 * every field, line and amount as the hand-written gold says, and exactly the findings it lists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../src/rules/index.ts';
import { reconcile } from '../src/validate/reconcile.ts';
import { Tally, extractForEval, findingKeys, goldFindingKeys, loadGold, root, scoreDocument } from './eval/score.ts';
import { proposals, tempDir } from './cli/helpers.ts';

const dir = join(root, 'test', 'template-variants');

// TXT written by hand; DOCX and PDF made by LibreOffice from test/fixtures/libreoffice/*.html (not by Word, as the
// corpus's): other table geometry (rows 2.7 em apart, narrow year columns, left-aligned amounts)
/** Misses known and left as they are (known-misses.json, each with its reason): a variant misses exactly these. */
const known = JSON.parse(readFileSync(join(dir, 'known-misses.json'), 'utf8')) as Record<string, { reason: string; misses: string[] } | string>;
const knownMisses = (file: string) => {
  const k = known[file];
  return typeof k === 'object' ? k.misses : [];
};

const cases = loadGold(dir).flatMap((g) => (['txt', 'docx', 'pdf'] as const).filter((f) => existsSync(join(dir, `${g.document}.${f}`))).map((f) => [`${g.document}.${f}`, g] as const));

describe.each(cases)('template variant %s', (file, gold) => {
  it('gives every field of the gold', async () => {
    const doc = await extractForEval(join(dir, file));
    expect(doc).not.toBeNull();
    const tally = new Tally();
    scoreDocument(gold, doc, tally);
    const misses = [...tally.fields.entries()].flatMap(([field, f]) => f.misses.map((m) => `${field}: ${m}`));
    expect(misses).toEqual(knownMisses(file));
    // the gold was scored at all (the shortest variant holds 13 amounts)
    expect(tally.fields.get('budget.amount')!.total).toBeGreaterThan(10);
  });

  it('gives exactly the findings of the gold', async () => {
    const doc = await extractForEval(join(dir, file));
    expect(findingKeys(reconcile(doc!, loadRules()))).toEqual(goldFindingKeys(gold));
  });
});

describe('investment proposals in the archive', () => {
  it('request their investments per year, not their net effect, and the overview agrees with them', () => {
    const db = join(tempDir(), 'variants.db');
    const r = proposals(['import', dir, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const q = (sql: string) => new Database(db, { readonly: true }).prepare(sql).raw().all();
    // BC52: investments 2.250 / 1.150 / 200 in 2017-2019; savings of 1.600 a year make the net negative from 2019
    expect(q("SELECT year, amount_tdkk, source FROM requested_by_year WHERE bc_number = 'BC52' ORDER BY year")).toEqual([
      [2017, 2250, 'total_row'],
      [2018, 1150, 'total_row'],
      [2019, 200, 'total_row'],
    ]);
    expect(q("SELECT t.year, t.amount_tdkk FROM proposal_year_totals t JOIN current_proposals c ON c.id = t.proposal_id WHERE c.bc_number = 'BC52' ORDER BY t.year")).toEqual([
      [2017, 2250],
      [2018, 350],
      [2019, -1400],
      [2020, -1600],
      [2021, -1600],
    ]);
    // BC7 (stored as BC07): savings written with '÷', its group total written 'Implementeringsomkostninger i alt'
    expect(q("SELECT year, amount_tdkk, source FROM requested_by_year WHERE bc_number = 'BC07' ORDER BY year")).toEqual([
      [2019, 3650, 'total_row'],
      [2020, 650, 'total_row'],
    ]);
    // the 2017 bundle's overview (the 2020 bundle's rows are scored with its gold)
    expect(q("SELECT DISTINCT bc_number, amount_mdkk, proposal_total_tdkk, proposal_requested_tdkk FROM overview_with_proposals WHERE bc_number IN ('BC52', 'BC61') ORDER BY line_no")).toEqual([
      ['BC52', 3.6, -2000, 3600],
      ['BC61', 2, 500, 2000],
    ]);
  });
});
