import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { root } from '../eval/score.ts';
import { proposals, tempDir } from './helpers.ts';

let db = '';
beforeAll(() => {
  db = join(tempDir(), 'r.db');
  const r = proposals(['import', join(root, 'corpus', 'txt'), '--db', db]);
  if (r.code !== 0) throw new Error(r.stderr);
});

describe('versions and the data-quality report', () => {
  it('proposal_key links the standalone drafts to their bundle versions, and nothing else', () => {
    const d = new Database(db, { readonly: true });
    const shared = d
      .prepare(
        `SELECT proposal_key, group_concat(doc, ',') AS docs FROM
           (SELECT p.proposal_key, substr(d.path, -24, 3) AS doc FROM proposals p JOIN documents d ON d.id = p.document_id ORDER BY d.path)
         GROUP BY proposal_key HAVING COUNT(*) > 1 ORDER BY proposal_key`,
      )
      .raw()
      .all();
    d.close();
    expect(shared).toEqual([
      ['BC20/2021', '001,004'],
      ['BC21/2021', '001,003'],
    ]);
  });

  it('report lists the findings by code and exits 1 because there are errors', () => {
    const r = proposals(['report', '--db', db, '--format', 'json']);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout);
    expect(rep.findingsByCode).toEqual([
      { code: 'OVERVIEW_MISMATCH', severity: 'error', findings: 1, documents: 1 },
      { code: 'TOTAL_MISMATCH', severity: 'error', findings: 2, documents: 1 },
    ]);
    expect(rep.failedDocuments).toEqual([]);
    expect(rep.findings.every((f: { proposal_key: string }) => f.proposal_key === 'BC20/2021')).toBe(true);
  });

  it('report exits 0 on an archive with no errors', () => {
    const clean = join(tempDir(), 'clean.db');
    expect(proposals(['import', join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), '--db', clean]).code).toBe(0);
    expect(proposals(['report', '--db', clean]).code).toBe(0);
  });

  it('diff shows where the bundle and the standalone draft differ', () => {
    const r = proposals(['diff', 'BC20/2021', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 version\(s\)/);
    expect(r.stdout).toMatch(/Samlede implementeringsomkostninger\s*\|\s*2021\s*\|\s*2225\s*\|\s*2700/);
  });
});
