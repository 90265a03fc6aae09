/** Opening an archive for writing: one made before a column existed gets the column, with the values it meant until then; a busy one is waited for. */
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { openWritable } from '../../src/store/db.ts';

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
