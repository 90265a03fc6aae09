/**
 * Runs every SQL query of the README's "Questions analysts ask" and checks the answer, worked out by hand
 * from the documents. The README and this file must agree: a query added there without an answer here fails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { root } from './eval/score.ts';
import { proposals, tempDir } from './cli/helpers.ts';

function readmeQueries(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('## Questions analysts ask')[1]!.split(/\n## /)[0]!;
  return [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
}

const answers: unknown[][][] = [
  [
    [2018, 2018, 448],
    [2018, 2019, 488],
    [2021, 2021, 6325],
  ],
  [
    ['BC07/2018', 'Automatisering af brugerservice ved brug af mobile servicebotter'],
    ['BC08/2018', 'Automatisering af klagesagsbehandling'],
    ['BC09/2018', 'Smart sortering af uarbejdsdygtighedserklæringer'],
    ['BC20/2018', 'Innovation af digital selvbetjening i København'],
    ['BC21/2021', 'Intelligente dashboards til ledelsesinformation og datadreven ledelse'],
    ['BC24/2018', 'Det Nye Sølund som intelligent plejecenter'],
    ['BC32/2021', 'Brug af kameraer og kunstig intelligens til optimering af tilsyn'],
  ],
  [['BC20/2021', 2.7, 2225]],
  [
    ['KFF', 2018, 2],
    ['KFF', 2021, 1],
    ['SOF', 2018, 1],
    ['SOF', 2021, 2],
    ['SUF', 2018, 1],
    ['TMF', 2021, 1],
    ['ØKF', 2016, 1],
    ['ØKF', 2018, 3],
  ],
  [
    ['BC07/2018', 'KFF, ØKF'],
    ['BC08/2018', 'BIF, ØKF'],
    ['BC09/2018', 'BIF, ØKF'],
    ['BC19/2018', 'BIF, KFF'],
  ],
  [
    ['BC07/2018', '2018-02-07'],
    ['BC24/2018', '2018-02-12'],
    ['BC41/2018', '2018-02-20'],
    ['BC09/2018', '2018-02-23'],
    ['BC08/2018', '2018-02-27'],
    ['BC20/2018', '2018-03-02'],
    ['BC20/2021', '2020-06-16'],
    ['BC21/2021', '2020-06-17'],
    ['BC32/2021', '2020-07-30'],
    ['BC15/2021', '2020-07-31'],
  ],
  [['BC21/2021', 'Udvikling og anskaffelse af dashboard-teknologi i Socialforvaltningen', 2021, 2000]],
];

let dbPath = '';
beforeAll(() => {
  dbPath = join(tempDir(), 'questions.db');
  const r = proposals(['import', join(root, 'corpus'), '--db', dbPath]);
  if (r.code !== 0) throw new Error(r.stderr);
});

describe("the README's analyst questions", () => {
  const queries = readmeQueries();
  it('has an answer here for every query there', () => {
    expect(queries.length).toBe(answers.length);
  });
  queries.forEach((sql, i) => {
    it(`question ${i + 1} gives the hand-worked answer`, () => {
      const db = new Database(dbPath, { readonly: true });
      try {
        const rows = db.prepare(sql).raw().all();
        expect(rows).toEqual(answers[i]);
      } finally {
        db.close();
      }
    });
  });
});
