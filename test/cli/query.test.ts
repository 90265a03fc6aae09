import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../eval/score.ts';
import { proposals, snapshot, tempDir } from './helpers.ts';

let db = '';
beforeAll(() => {
  db = join(tempDir(), 'q.db');
  const r = proposals(['import', join(root, 'corpus', 'txt'), '--db', db]);
  if (r.code !== 0) throw new Error(r.stderr);
});

describe('proposals query', () => {
  it('refuses a statement that writes and leaves the database unchanged', () => {
    const before = snapshot(db);
    for (const sql of ['DELETE FROM proposals', "UPDATE budget_lines SET amount_tdkk = 0", 'DROP TABLE findings', "INSERT INTO documents(path) VALUES ('x')"]) {
      const r = proposals(['query', sql, '--db', db]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/refused|read-?only/i);
    }
    expect(snapshot(db)).toEqual(before);
  });

  it('writes CSV with Danish letters, empty NULLs and plain numbers, records ending in CRLF (RFC 4180)', () => {
    const r = proposals(['query', "SELECT bc_number, presenting_department, subtitle, price_level_year FROM proposals WHERE bc_number IN ('BC07','BC19') ORDER BY bc_number", '--db', db, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'bc_number,presenting_department,subtitle,price_level_year\r\nBC07,ØKF,,2018\r\nBC19,KFF,Udvikling af fremtidens arbejdsopgaver gennem målrettet rekruttering,2018\r\n',
    );
  });

  it('gives a BLOB as an SQL hex literal and an integer beyond 2^53 exactly, in CSV and JSON', () => {
    const sql = "SELECT x'00ff' AS b, 9007199254740993 AS big, -5 AS small";
    expect(proposals(['query', sql, '--db', db, '--format', 'csv']).stdout).toBe("b,big,small\r\nx'00ff',9007199254740993,-5\r\n");
    expect(JSON.parse(proposals(['query', sql, '--db', db, '--format', 'json']).stdout)).toEqual([{ b: "x'00ff'", big: '9007199254740993', small: -5 }]);
  });

  it('writes JSON with nulls and numbers', () => {
    const r = proposals(['query', "SELECT title, subtitle, amount_tdkk FROM budget_lines b JOIN proposals p ON p.id = b.proposal_id WHERE p.bc_number = 'BC07' AND b.line_no = 1 AND b.year = 2018 AND b.table_kind = 'consequences'", '--db', db, '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual([{ title: 'Automatisering af brugerservice ved brug af mobile servicebotter', subtitle: null, amount_tdkk: 1025 }]);
  });

  it('reports bad SQL with exit code 2', () => {
    const r = proposals(['query', 'SELEKT 1', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/syntax error/);
  });

  it('says so when the database does not exist', () => {
    const r = proposals(['query', 'SELECT 1', '--db', join(tempDir(), 'none.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
  });
});

describe('proposals show and export', () => {
  it('shows one proposal with its amounts and source', () => {
    const r = proposals(['show', 'BC24', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/BC24 Det Nye Sølund som intelligent plejecenter/);
    expect(r.stdout).toMatch(/Presenting department\s+SUF/);
    expect(r.stdout).toMatch(/Investeringer totalt, service\s+1020\s+310\s+0\s+0\s+0/);
    expect(r.stdout).toMatch(/000_49951f981d2009a6\.txt/);
  });

  it('says when no proposal matches', () => {
    expect(proposals(['show', 'BC999', '--db', db]).code).toBe(1);
  });

  it('finds a BC number however it is spelled, and refuses a p/l year that is not a year', () => {
    for (const id of ['bc7/2018', 'BC 07/2018', 'BC007/2018']) expect(proposals(['show', id, '--db', db]).stdout).toMatch(/^BC07 Automatisering af brugerservice/);
    expect(proposals(['show', 'BC7/2019', '--db', db]).code).toBe(1);
    const r = proposals(['show', 'BC07', '--year', 'abc', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--year must be a year/);
  });

  it('exports one JSON file per document, the same on a second run', () => {
    const out = join(tempDir(), 'json');
    expect(proposals(['export', '--db', db, '--out', out]).code).toBe(0);
    // the documents' files, beside the list of them the export keeps for the next one
    const files = readdirSync(out).filter((f) => !f.startsWith('.')).sort();
    expect(files).toHaveLength(5);
    expect(readdirSync(out)).toContain('.proposals-export.json');
    const first = files.map((f) => readFileSync(join(out, f), 'utf8'));
    const doc = JSON.parse(first[0]!);
    expect(doc.proposals).toHaveLength(7);
    expect(doc.overview.items[0]).toMatchObject({ bc_number: 'BC07', amount_mdkk: 2.8, proposal_seq: 1 });
    proposals(['export', '--db', db, '--out', out]);
    expect(files.map((f) => readFileSync(join(out, f), 'utf8'))).toEqual(first);
  });
});

describe('proposals query time limit', () => {
  it('stops a runaway query and says so', () => {
    const sql = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n';
    const started = Date.now();
    const r = proposals(['query', sql, '--db', db, '--timeout', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stopped after 1 s/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
