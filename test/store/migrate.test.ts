/** Opening an archive for writing: one made before a column existed gets the column, with the values it meant until then; a busy one is waited for. */
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { openWritable } from '../../src/store/db.ts';
import { writeDocument } from '../../src/store/write.ts';
import { relinkProposalKeys } from '../../src/store/keys.ts';
import type { Proposal } from '../../src/types.ts';
import { buildReport } from '../../src/cli/report.ts';
import { addCorrection, removeCorrection } from '../../src/store/corrections.ts';

const require = createRequire(import.meta.url);

describe('opening an older archive', () => {
  it('adds budget_lines.in_request: the consequences lines, else the investments lines, as the views read them before', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'migrate-')), 'old.db');
    const old = new Database(path);
    // an archive (schema_meta) with budget_lines as it was before in_request
    old.exec('CREATE TABLE schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    old.exec(`CREATE TABLE budget_lines (id INTEGER PRIMARY KEY, proposal_id INTEGER NOT NULL, table_kind TEXT NOT NULL, line_no INTEGER NOT NULL,
      label TEXT NOT NULL, category TEXT, steering_area TEXT, is_total INTEGER NOT NULL, year INTEGER NOT NULL, amount_tdkk REAL NOT NULL, page INTEGER, rule_id TEXT)`);
    const ins = old.prepare('INSERT INTO budget_lines (proposal_id, table_kind, line_no, label, is_total, year, amount_tdkk) VALUES (?,?,?,?,?,?,?)');
    ins.run(1, 'consequences', 1, 'Projekt', 0, 2020, 500);
    ins.run(1, 'consequences', 2, 'Samlet økonomisk påvirkning', 1, 2020, 500);
    ins.run(1, 'investments', 1, 'Projekt', 0, 2020, 500);
    ins.run(2, 'investments', 1, 'Projekt', 0, 2020, 300);
    old.close();
    openWritable(path).close();
    const rows = new Database(path, { readonly: true }).prepare('SELECT proposal_id, table_kind, line_no, in_request FROM budget_lines ORDER BY id').raw().all();
    expect(rows).toEqual([
      [1, 'consequences', 1, 1],
      [1, 'consequences', 2, 1],
      [1, 'investments', 1, 0],
      [2, 'investments', 1, 1],
    ]);
    // a second opening changes nothing
    openWritable(path).close();
    expect(new Database(path, { readonly: true }).prepare('SELECT SUM(in_request) FROM budget_lines').raw().get()).toEqual([3]);
  });
});

describe('accepted errors of a release that held them by the proposal key', () => {
  it('get the BC number and title (and place) of the proposal that has the key in their document; one whose key names none keeps matching by its key', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'migrate-')), 'old.db');
    const db = openWritable(path);
    const p: Proposal = {
      seq: 2, kind: 'innovationsforslag', bcNumber: 'BC07', title: 'Digital selvbetjening', subtitle: null, summary: null, fund: null, presentingDepartment: 'KFF',
      affectedDepartments: [], priceLevelYear: 2021, pageStart: null, pageEnd: null, budgetLines: [], committeeSplit: [], consultations: [], followUps: [], fieldRules: {}, sections: [],
    };
    writeDocument(db, { path: '/a/b.txt', sha256: 'f'.repeat(64), format: 'txt', pages: null, sizeBytes: 1, extractorVersion: 'v', rulesHash: 'r', extractedAt: '2026-01-01' }, { overview: null, messages: [], proposals: [p] }, [], []);
    relinkProposalKeys(db, 0.85);
    // the table as the earlier release made it
    db.exec(`DROP INDEX accepted_errors_what; ALTER TABLE accepted_errors DROP COLUMN proposal_seq; ALTER TABLE accepted_errors DROP COLUMN proposal_ident;
      CREATE UNIQUE INDEX accepted_errors_what ON accepted_errors(document_path, document_sha256, IFNULL(proposal_key, ''), code,
        IFNULL(table_kind, ''), IFNULL(year, -1), IFNULL(expected, 'none'), IFNULL(actual, 'none'))`);
    const ins = db.prepare("INSERT INTO accepted_errors (document_path, document_sha256, proposal_key, code, table_kind, year, expected, actual, reason, accepted_at) VALUES ('/a/b.txt', ?, ?, ?, 'consequences', 2021, 10, 12, 'known', 'then')");
    ins.run('f'.repeat(64), 'BC07/2021', 'TOTAL_MISMATCH');
    // two keys the proposal had before (each accepted again after its key changed), and an error of the document
    ins.run('f'.repeat(64), 'BC07/2019', 'TOTAL_MISMATCH');
    ins.run('f'.repeat(64), 'hackathons-2019', 'TOTAL_MISMATCH');
    ins.run('f'.repeat(64), null, 'EMPTY_FILE');
    db.exec("INSERT INTO findings (document_id, proposal_id, code, severity, table_kind, year, expected, actual, message) SELECT document_id, id, 'TOTAL_MISMATCH', 'error', 'consequences', 2021, 10, 12, 'x' FROM proposals");
    db.close();
    // read before a write migrates it: matched by the key
    expect(buildReport(path)).toMatchObject({ errors: 0, acceptedErrors: 1 });
    const rows = () => {
      const d = openWritable(path);
      const r = [d.prepare('SELECT proposal_key, proposal_seq, proposal_ident, code FROM accepted_errors ORDER BY id').raw().all(), d.prepare("SELECT sql LIKE '%proposal_ident%' FROM sqlite_master WHERE name = 'accepted_errors_what'").pluck().get()];
      d.close();
      return r;
    };
    const expected = [[['BC07/2021', 2, '["BC07","Digital selvbetjening"]', 'TOTAL_MISMATCH'], ['BC07/2019', null, null, 'TOTAL_MISMATCH'], ['hackathons-2019', null, null, 'TOTAL_MISMATCH'], [null, null, null, 'EMPTY_FILE']], 1];
    expect(rows()).toEqual(expected);
    // a second opening changes nothing
    expect(rows()).toEqual(expected);
    expect(buildReport(path)).toMatchObject({ errors: 0, acceptedErrors: 1 });
  });
});

describe('field corrections applied by a release that left the extracting rule in field_rules', () => {
  it('have the correction named there, and the rule back when the correction is taken back', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'migrate-')), 'old.db');
    const db = openWritable(path);
    const p: Proposal = {
      seq: 1, kind: 'innovationsforslag', bcNumber: 'BC12', title: 'Velfærdsteknologi', subtitle: null, summary: null, fund: 'Innovationspuljen', presentingDepartment: 'SUF',
      affectedDepartments: [], priceLevelYear: 2020, pageStart: null, pageEnd: null, budgetLines: [], committeeSplit: [], consultations: [], followUps: [],
      fieldRules: { fund: 'fields.fundSentence', title: 'fields.title' }, sections: [],
    };
    writeDocument(db, { path: '/a/c.txt', sha256: 'e'.repeat(64), format: 'txt', pages: null, sizeBytes: 1, extractorVersion: 'v', rulesHash: 'r', extractedAt: '2026-01-01' }, { overview: null, messages: [], proposals: [p] }, [], []);
    relinkProposalKeys(db, 0.85);
    const fund = addCorrection(db, 'BC12/2020', 'fund', 'Investeringspuljen', 'the overview says so').id;
    // as the earlier release left it: the extracting rule in field_rules, none kept with the application
    db.exec(`UPDATE proposals SET field_rules = json_set(field_rules, '$.fund', 'fields.fundSentence'); UPDATE correction_applications SET extracted_rule_id = NULL`);
    db.close();
    const state = () => {
      const d = openWritable(path);
      const r = [d.prepare('SELECT fund, field_rules FROM proposals').raw().get(), d.prepare('SELECT extracted_rule_id FROM correction_applications').pluck().all()];
      d.close();
      return r;
    };
    const expected = [['Investeringspuljen', JSON.stringify({ fund: `correction:${fund}`, title: 'fields.title' })], ['fields.fundSentence']];
    expect(state()).toEqual(expected);
    // a second opening changes nothing
    expect(state()).toEqual(expected);
    const d = openWritable(path);
    removeCorrection(d, 'BC12/2020', 'fund');
    expect(d.prepare('SELECT fund, field_rules FROM proposals').raw().get()).toEqual(['Innovationspuljen', JSON.stringify({ fund: 'fields.fundSentence', title: 'fields.title' })]);
    d.close();
  });
});

describe('accepted errors of the releases that held them by key, then by place', () => {
  const prop = (seq: number, title: string): Proposal => ({
    seq, kind: 'innovationsforslag', bcNumber: 'BC07', title, subtitle: null, summary: null, fund: null, presentingDepartment: 'KFF',
    affectedDepartments: [], priceLevelYear: 2021, pageStart: null, pageEnd: null, budgetLines: [], committeeSplit: [], consultations: [], followUps: [], fieldRules: {}, sections: [],
  });
  const SHA = 'e'.repeat(64);
  /** An archive with one document of the given proposals, each with the same error, and accepted_errors as a release before proposal_ident made it. */
  function older(titles: string[], keepSeq: boolean): { path: string; key: string } {
    const path = join(mkdtempSync(join(tmpdir(), 'migrate-')), 'old.db');
    const db = openWritable(path);
    writeDocument(db, { path: '/a/c.txt', sha256: SHA, format: 'txt', pages: null, sizeBytes: 1, extractorVersion: 'v', rulesHash: 'r', extractedAt: '2026-01-01' }, { overview: null, messages: [], proposals: titles.map((t, i) => prop(i + 1, t)) },
      titles.map((_, i) => ({ proposalSeq: i + 1, code: 'TOTAL_MISMATCH', severity: 'error' as const, tableKind: 'consequences', year: 2021, expected: 10, actual: 12, message: 'x' })), []);
    relinkProposalKeys(db, 0.85);
    const keys = db.prepare('SELECT DISTINCT proposal_key FROM proposals').pluck().all() as string[];
    expect(keys).toHaveLength(1);
    db.exec(`DROP INDEX accepted_errors_what; ALTER TABLE accepted_errors DROP COLUMN proposal_ident; ${keepSeq ? '' : 'ALTER TABLE accepted_errors DROP COLUMN proposal_seq;'}`);
    db.close();
    return { path, key: keys[0]! };
  }
  const accept = (path: string, key: string, seq?: number) => {
    const db = new Database(path);
    db.prepare(`INSERT INTO accepted_errors (document_path, document_sha256, proposal_key, ${seq ? 'proposal_seq, ' : ''}code, table_kind, year, expected, actual, reason, accepted_at)
      VALUES ('/a/c.txt', ?, ?, ${seq ? `${seq}, ` : ''}'TOTAL_MISMATCH', 'consequences', 2021, 10, 12, 'known', 'then')`).run(SHA, key);
    db.close();
  };

  it('one acceptance by a key that names two proposals of its document (the same proposal told twice) still covers both', () => {
    const { path, key } = older(['Digital selvbetjening', 'Digital selvbetjening'], false);
    accept(path, key);
    expect(buildReport(path)).toMatchObject({ errors: 0, acceptedErrors: 2 });
    openWritable(path).close();
    expect(buildReport(path)).toMatchObject({ errors: 0, acceptedErrors: 2 });
  });

  it('an acceptance of the release that held the place, by a key that names two different proposals, keeps to the one at its place', () => {
    const { path, key } = older(['Digital selvbetjening', 'Digital selvbetjening i borgerservice'], true);
    accept(path, key, 2);
    expect(buildReport(path)).toMatchObject({ errors: 1, acceptedErrors: 1 });
    openWritable(path).close();
    const r = buildReport(path);
    expect(r).toMatchObject({ errors: 1, acceptedErrors: 1 });
    // the report lists a document's findings in the order of its proposals: the second is the accepted one
    expect(r.findings.filter((f) => (f as { severity: string }).severity === 'error').map((f) => (f as { accepted: number }).accepted)).toEqual([0, 1]);
  });
});

describe('the rules folder an earlier release recorded for every run', () => {
  it('is forgotten when it was the rules folder of an install, and kept as given with --rules otherwise, there or not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrate-'));
    const install = join(dir, 'release-1');
    mkdirSync(join(install, 'rules'), { recursive: true });
    writeFileSync(join(install, 'package.json'), JSON.stringify({ name: 'proposal-extract' }));
    const own = join(dir, 'arkivets-regler');
    mkdirSync(own);
    const recorded = (value: string) => {
      const path = join(dir, `${Math.random()}.db`);
      openWritable(path).prepare("INSERT INTO schema_meta (key, value) VALUES ('rules_dir', ?)").run(value);
      const db = openWritable(path);
      const meta = db.prepare("SELECT key, value FROM schema_meta WHERE key LIKE 'rules_dir%'").all();
      db.close();
      return meta;
    };
    expect(recorded(join(install, 'rules'))).toEqual([]);
    expect(recorded(own)).toEqual([{ key: 'rules_dir_given', value: own }]);
    // a folder on a share that is away, and an archive's own rules kept inside the install
    expect(recorded(join(dir, 'share', 'regler'))).toEqual([{ key: 'rules_dir_given', value: join(dir, 'share', 'regler') }]);
    mkdirSync(join(install, 'my-rules'));
    expect(recorded(join(install, 'my-rules'))).toEqual([{ key: 'rules_dir_given', value: join(install, 'my-rules') }]);
  });
});

describe('opening the archive for writing', () => {
  it("waits while another program holds a write transaction, where SQLite itself would say 'busy' at once", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'busy-')), 'archive.db');
    openWritable(path).close();
    const journal = new Database(path);
    journal.pragma('journal_mode = DELETE');
    journal.close();
    // another process takes the write lock for a second and a half
    const holder = spawn(process.execPath, ['-e', `
      const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(path)});
      db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1500);`]);
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const t0 = Date.now();
    const db = openWritable(path);
    const waited = Date.now() - t0;
    db.close();
    expect(waited).toBeGreaterThan(500);
    await new Promise((resolve) => holder.once('exit', resolve));
  }, 30_000);
});
