/** The analysts' views on the bundled corpus (answers worked out by hand), search, and corrections across re-extraction. */
import { beforeAll, describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { root } from '../eval/score.ts';
import { proposals, tempDir } from './helpers.ts';

let db = '';
const q = (sql: string) => {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).raw().all();
  } finally {
    d.close();
  }
};

beforeAll(() => {
  db = join(tempDir(), 'archive.db');
  const r = proposals(['import', join(root, 'corpus'), '--db', db]);
  if (r.code !== 0) throw new Error(r.stderr);
});

describe('views', () => {
  it('current_proposals: each proposal once, the bundle version preferred, naming its document', () => {
    expect(q('SELECT COUNT(*), COUNT(DISTINCT proposal_key) FROM current_proposals')).toEqual([[12, 12]]);
    expect(q("SELECT substr(document_path, -35), in_bundle, versions FROM current_proposals WHERE proposal_key = 'BC20/2021'")).toEqual([['corpus/txt/001_a2575791207090b5.txt', 1, 6]]);
    expect(q("SELECT COUNT(*) FROM proposal_versions WHERE proposal_key = 'BC21/2021'")).toEqual([[6]]);
    // every column once (SQLite names a repeated one 'proposal_key:1')
    const names = q("SELECT name FROM pragma_table_info('current_proposals')").map((r) => String((r as unknown[])[0]));
    expect(names.filter((n) => /:\d+$/.test(n) || n === 'proposal_key')).toEqual(['proposal_key']);
  });

  it('proposal_year_totals: the total row, and says so', () => {
    expect(q("SELECT t.year, t.amount_tdkk, t.source FROM proposal_year_totals t JOIN current_proposals c ON c.id = t.proposal_id WHERE c.proposal_key = 'BC07/2018' ORDER BY t.year")).toEqual([
      [2018, 1725, 'total_row'],
      [2019, 1075, 'total_row'],
      [2020, 0, 'total_row'],
      [2021, 0, 'total_row'],
      [2022, 0, 'total_row'],
    ]);
  });

  it('totals_by_department_year', () => {
    expect(q("SELECT presenting_department, price_level_year, year, amount_tdkk, proposals FROM totals_by_department_year WHERE year IN (2018, 2021) ORDER BY 1, 2, 3")).toEqual([
      ['KFF', 2018, 2018, 2720, 2],
      ['KFF', 2021, 2021, 1500, 1],
      ['SOF', 2018, 2018, 448, 1],
      ['SOF', 2021, 2021, 6325, 2],
      ['SUF', 2018, 2018, 1020, 1],
      ['SUF', 2018, 2021, 0, 1],
      ['TMF', 2021, 2021, 1150, 1],
      ['ØKF', 2018, 2018, 3525, 3],
      ['ØKF', 2018, 2021, 0, 1],
    ]);
  });

  it('totals_by_fund_year', () => {
    expect(q('SELECT fund, price_level_year, year, amount_tdkk FROM totals_by_fund_year ORDER BY 2, 3')).toEqual([
      ['Innovationspuljen', 2016, 2016, 1000],
      ['Innovationspuljen', 2016, 2017, 1500],
      ['Innovationspuljen', 2018, 2018, 7713],
      ['Innovationspuljen', 2018, 2019, 1873],
      ['Innovationspuljen', 2018, 2020, 0],
      ['Innovationspuljen', 2018, 2021, 0],
      ['Innovationspuljen', 2018, 2022, 0],
      ['Innovationspuljen', 2021, 2021, 8975],
      ['Innovationspuljen', 2021, 2022, 275],
    ]);
  });

  it('overview_with_proposals: every overview row joined to its proposal, in every format', () => {
    expect(q('SELECT COUNT(*), COUNT(proposal_id) FROM overview_with_proposals')).toEqual([[33, 33]]);
    expect(q("SELECT DISTINCT overview_title, amount_mdkk, proposal_total_tdkk FROM overview_with_proposals WHERE bc_number = 'BC41'")).toEqual([
      ['Innovationsprojekt om egenmestring af medicin gennem støtte fra teknologi', 0.9, 936],
    ]);
  });
});

describe('search and corrections', () => {
  it('search prints ranked proposals with snippets', () => {
    const r = proposals(['search', 'machine learning', '--db', db, '--year', '2021', '--format', 'json']);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout);
    expect(hits.map((h: { proposal_key: string }) => h.proposal_key).sort()).toEqual(['BC21/2021', 'BC32/2021']);
    expect(hits[0].snippet).toMatch(/\[machine\] \[learning\]/i);
  });

  it('show marks a line label it cuts short', () => {
    const out = proposals(['show', 'BC20/2018', '--db', db]).stdout;
    expect(out).toContain('  Udarbejdelse af effektiviseringspotentiale, udv… ');
  });

  it('search says when --department is no department code of the rules', () => {
    const r = proposals(['search', 'robot', '--department', 'xyz', '--db', db]);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('"xyz" is not a department code of the rules (ØKF, ')]);
    expect(proposals(['search', 'robot', '--department', 'sof', '--db', db]).stderr).toBe('');
  });

  it('search refuses a year that is no year and a query with no words, as usage errors', () => {
    for (const [args, msg] of [[['robot', '--year', '20'], /--year must be a year such as 2018, not "20"/], [[''], /give the words to search for/], [['* "'], /give the words/]] as const) {
      const r = proposals(['search', ...args, '--db', db]);
      expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(msg)]);
    }
  });

  it('a correction is applied to every version, shown with the extracted value, and survives reextract --all', () => {
    const c = proposals(['correct', 'BC20/2021', 'consequences/5/2021', '2.700', '--reason', 'The stated total contradicts its lines', '--db', db]);
    expect(c.code).toBe(0);
    const check = () => q("SELECT DISTINCT b.amount_tdkk, a.extracted_value FROM budget_lines b JOIN proposals p ON p.id = b.proposal_id JOIN correction_applications a ON a.proposal_id = p.id WHERE p.proposal_key = 'BC20/2021' AND b.table_kind = 'consequences' AND b.line_no = 5 ORDER BY 2");
    expect(check()).toEqual([[2700, '2225'], [2700, '2700']]);
    const re = proposals(['reextract', '--all', '--db', db]);
    expect(re.code).toBe(0);
    expect(re.stdout).toMatch(/15 extracted/);
    expect(check()).toEqual([[2700, '2225'], [2700, '2700']]);
    expect(proposals(['show', 'BC20/2021', '--db', db]).stdout).toMatch(/consequences\/5\/2021 = 2\.700 \(extracted: 2225; reason: The stated total/);
  });

  it('a correction whose target does not exist is refused; the report lists corrections', () => {
    const r = proposals(['correct', 'BC20/2021', 'consequences/99/2021', '1', '--reason', 'x', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
    // a department that the rules do not know, and an archive that is not there
    const dept = proposals(['correct', 'BC20/2021', 'presenting_department', 'FOO', '--reason', 'x', '--db', db]);
    expect([dept.code, dept.stderr]).toEqual([2, expect.stringMatching(/"FOO" is not a department code: use one of ØKF, /)]);
    const none = join(dirname(db), 'no-such-folder', 'none.db');
    const missing = proposals(['correct', 'BC20/2021', 'title', 'X', '--reason', 'x', '--db', none]);
    expect([missing.code, missing.stderr, existsSync(dirname(none))]).toEqual([2, expect.stringMatching(/does not exist/), false]);
    const rep = JSON.parse(proposals(['report', '--db', db, '--format', 'json']).stdout);
    expect(rep.corrections).toEqual([expect.objectContaining({ proposal_key: 'BC20/2021', target: 'consequences/5/2021', status: 'applied' })]);
  });

  it('a corrected title is found by its corrected words, also after a re-extraction, and by its own again once taken back', () => {
    const found = (words: string) => (JSON.parse(proposals(['search', words, '--db', db, '--format', 'json']).stdout) as { proposal_key: string }[]).map((h) => h.proposal_key);
    expect(found('zebrafisk')).toEqual([]);
    expect(proposals(['correct', 'BC21/2021', 'title', 'Zebrafiskenes datadrevne ledelse', '--reason', 'test of the index', '--db', db]).code).toBe(0);
    expect(found('zebrafisk')).toEqual(['BC21/2021']);
    expect(proposals(['reextract', '--all', '--db', db]).code).toBe(0);
    expect(found('zebrafisk')).toEqual(['BC21/2021']);
    expect(proposals(['uncorrect', 'BC21/2021', 'title', '--db', db]).code).toBe(0);
    expect(found('zebrafisk')).toEqual([]);
    expect(q('SELECT COUNT(*) FROM search_docs WHERE id NOT IN (SELECT rowid FROM search_index)')).toEqual([[0]]);
    expect(q('SELECT COUNT(*) FROM search_index WHERE rowid NOT IN (SELECT id FROM search_docs)')).toEqual([[0]]);
  });

  it('uncorrect takes a correction back: the extracted values return in every version, and the archive forgets it', () => {
    const line = () => q("SELECT DISTINCT b.amount_tdkk, b.rule_id LIKE 'correction:%' FROM budget_lines b JOIN proposals p ON p.id = b.proposal_id WHERE p.proposal_key = 'BC20/2021' AND b.table_kind = 'consequences' AND b.line_no = 5 AND b.year = 2021 ORDER BY 1");
    expect(line()).toEqual([[2700, 1]]);
    const r = proposals(['uncorrect', 'BC20/2021', 'consequences/5/2021', '--db', db]);
    expect([r.code, r.stdout]).toEqual([0, expect.stringMatching(/taken back: the extracted value is back in \d+ version/)]);
    // the bundle states 2.225, the standalone draft 2.700: each version has its own value again
    expect(line()).toEqual([[2225, 0], [2700, 0]]);
    expect(q('SELECT COUNT(*) FROM corrections')).toEqual([[0]]);
    expect(q('SELECT COUNT(*) FROM correction_applications')).toEqual([[0]]);
    const again = proposals(['uncorrect', 'BC20/2021', 'consequences/5/2021', '--db', db]);
    expect([again.code, again.stderr]).toEqual([2, 'proposals uncorrect: BC20/2021 has no correction of consequences/5/2021\n']);
  });
});
