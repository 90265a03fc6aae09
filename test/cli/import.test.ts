import { describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { root } from '../eval/score.ts';
import { count, events, failures, proposals, snapshot, tempDir } from './helpers.ts';

const txt = join(root, 'corpus', 'txt');

describe('proposals import', () => {
  it('imports the five text documents: 14 proposals, 2 overview tables, no failures; a second run changes nothing', () => {
    const db = join(tempDir(), 'a.db');
    const first = proposals(['import', txt, '--db', db]);
    expect(events(first.stderr).filter((e) => e.event !== 'file' && e.event !== 'done')).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/5 seen, 5 extracted, 0 unchanged, 0 failed; proposals: 14/);
    expect(count(db, 'SELECT COUNT(*) FROM proposals')).toBe(14);
    expect(count(db, 'SELECT COUNT(*) FROM overviews')).toBe(2);
    expect(count(db, 'SELECT COUNT(*) FROM overview_items WHERE proposal_id IS NULL')).toBe(0);
    // between runs one file in rollback mode, which a reader without write permission in the folder can open
    expect(new Database(db, { readonly: true }).pragma('journal_mode', { simple: true })).toBe('delete');
    expect(existsSync(`${db}-wal`) || existsSync(`${db}-shm`)).toBe(false);
    const before = snapshot(db);
    const second = proposals(['import', txt, '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 extracted, 5 unchanged, 0 failed/);
    expect(snapshot(db)).toEqual(before);
    // extracted again: every proposal keeps its id, so an id noted before names the same proposal
    const ids = () => new Database(db, { readonly: true }).prepare('SELECT p.id, d.path, p.seq, p.bc_number FROM proposals p JOIN documents d ON d.id = p.document_id ORDER BY p.id').raw().all();
    const idsBefore = ids();
    const forced = proposals(['import', txt, '--db', db, '--force']);
    expect(forced.stdout).toMatch(/5 extracted, 0 unchanged, 0 failed; proposals: 14; changes: none/);
    expect(ids()).toEqual(idsBefore);
  });

  it('the archive\'s own files reached through a link to their folder are unchanged, not copies; a real copy is a duplicate', () => {
    const dir = tempDir();
    const db = join(dir, 'l.db');
    expect(proposals(['import', txt, '--db', db]).code).toBe(0);
    const before = snapshot(db);
    symlinkSync(txt, join(dir, 'link'));
    const r = proposals(['import', join(dir, 'link'), '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/5 seen, 0 extracted, 5 unchanged, 0 failed; proposals: 14; changes: none/);
    expect(snapshot(db)).toEqual(before);
    // after a rules change, the link is no shortcut past extracting the file again
    const rules = join(dir, 'rules');
    cpSync(join(root, 'rules'), rules, { recursive: true });
    appendFileSync(join(rules, 'departments.json'), '\n');
    expect(proposals(['import', join(dir, 'link'), '--db', db, '--rules', rules]).stdout).toMatch(/5 seen, 0 extracted, 0 unchanged, 0 failed, 5 duplicate/);
    expect(proposals(['import', txt, '--db', db]).stdout).toMatch(/5 seen, 5 extracted, 0 unchanged/);
    mkdirSync(join(dir, 'copy'));
    copyFileSync(join(txt, '003_8133a643882840f1.txt'), join(dir, 'copy', 'c.txt'));
    expect(proposals(['import', join(dir, 'copy'), '--db', db]).stdout).toMatch(/1 seen, 0 extracted, 0 unchanged, 0 failed, 1 duplicate/);
  });

  it('goes on past bad files, records each with its reason, and stores nothing else of them', () => {
    const dir = tempDir();
    copyFileSync(join(txt, '002_586084f7a1fae3f9.txt'), join(dir, 'good.txt'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x00, 0x13, 0x37, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x02, 0x03]));
    writeFileSync(join(dir, 'notes.txt'), 'Referat af mødet.\n\nIngen forslag her.\n');
    const db = join(dir, 'x.db');
    const r = proposals(['import', dir, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/4 seen, 1 extracted, 0 unchanged, 3 failed; proposals: 1/);
    expect(failures(r.stderr)).toMatch(/empty\.txt: \[EMPTY_FILE\]/);
    expect(failures(r.stderr)).toMatch(/binary\.txt: \[BINARY_FILE\]/);
    expect(failures(r.stderr)).toMatch(/notes\.txt: \[NO_PROPOSALS\]/);
    expect(count(db, "SELECT COUNT(*) FROM documents WHERE status = 'failed' AND error_message LIKE '%' || path || '%'")).toBe(3);
    // bytes that are none of the three formats have none (an empty file neither); a readable text with no proposal is text
    expect(new Database(db, { readonly: true }).prepare("SELECT substr(path, -10), format FROM documents WHERE status = 'failed' ORDER BY path").raw().all()).toEqual([
      ['binary.txt', null], ['/empty.txt', null], ['/notes.txt', 'txt'],
    ]);
    expect(count(db, "SELECT COUNT(*) FROM proposals p JOIN documents d ON d.id = p.document_id WHERE d.status = 'failed'")).toBe(0);
    expect(count(db, 'SELECT COUNT(*) FROM proposals')).toBe(1);
  });

  it('lists what it passes over in a folder (other kinds of file, lock and hidden files, a link it cannot follow) and goes on', () => {
    const dir = tempDir();
    copyFileSync(join(txt, '002_586084f7a1fae3f9.txt'), join(dir, 'good.txt'));
    writeFileSync(join(dir, 'budget.xlsx'), 'PK');
    writeFileSync(join(dir, '~$good.docx'), 'owner');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', '._good.pdf'), 'fork');
    // a link to a folder that is not there stands for one that cannot be read; a link to the folder itself is read once
    symlinkSync(join(dir, 'gone'), join(dir, 'share'));
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    const r = proposals(['import', dir, '--db', join(dir, 's.db')]);
    expect(r.code).toBe(0);
    const skipped = events(r.stderr).filter((e) => e.event === 'skipped').map((e) => [basename(e.path!), e.reason]);
    expect(skipped.sort()).toEqual([
      ['._good.pdf', 'a hidden, system or Office lock file'],
      ['budget.xlsx', 'not named .txt, .pdf or .docx'],
      ['share', 'a link to something that cannot be read (ENOENT)'],
      ['~$good.docx', 'a hidden, system or Office lock file'],
    ]);
    expect(r.stdout).toMatch(/1 seen, 1 extracted.*skipped: 4 file\(s\)/);
  });

  it('holds a file and its copies once, under the path that sorts first, and says which files are copies', () => {
    const dir = tempDir();
    copyFileSync(join(txt, '003_8133a643882840f1.txt'), join(dir, 'a.txt'));
    copyFileSync(join(txt, '003_8133a643882840f1.txt'), join(dir, 'b.txt'));
    copyFileSync(join(txt, '004_f37da8f085268bea.txt'), join(dir, 'c.txt'));
    const db = join(dir, 'd.db');
    const first = proposals(['import', dir, '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/3 seen, 2 extracted, 0 unchanged, 0 failed, 1 duplicate .*; proposals: 2;/);
    const dup = events(first.stderr).filter((e) => e.status === 'duplicate');
    expect(dup.map((e) => [basename(e.path!), basename(e.of!)].sort())).toEqual([['a.txt', 'b.txt']]);
    const paths = () => new Database(db, { readonly: true }).prepare('SELECT path FROM documents ORDER BY path').raw().all().flat().map((p) => basename(String(p)));
    expect(paths()).toEqual(['a.txt', 'c.txt']);
    const again = proposals(['import', dir, '--db', db]);
    expect(again.stdout).toMatch(/3 seen, 0 extracted, 2 unchanged, 0 failed, 1 duplicate/);
    expect(events(again.stderr).filter((e) => e.status === 'duplicate').map((e) => [basename(e.path!), basename(e.of!)])).toEqual([['b.txt', 'a.txt']]);
    expect(paths()).toEqual(['a.txt', 'c.txt']);
    expect(count(db, 'SELECT documents_duplicate FROM extraction_runs ORDER BY id DESC LIMIT 1')).toBe(1);
    // a.txt is edited: b.txt is no copy of it any more, and the archive holds both contents
    copyFileSync(join(txt, '001_a2575791207090b5.txt'), join(dir, 'a.txt'));
    const edited = proposals(['import', dir, '--db', db]);
    expect(edited.code).toBe(0);
    // b.txt is found unchanged under its new path, or extracted again if a.txt's new version was written first
    expect(edited.stdout).toMatch(/3 seen, (1 extracted, 2 unchanged|2 extracted, 1 unchanged), 0 failed;/);
    expect(paths()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    // 001 holds 4 proposals, 003 (now b.txt) and 004 one each
    expect(count(db, 'SELECT COUNT(*) FROM proposals')).toBe(6);
  });

  it('a copy of an archived file that was edited since: both contents are held, the edited file under its own path', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'arkiv'));
    mkdirSync(join(dir, 'indbakke'));
    const original = join(dir, 'arkiv', 'P.txt');
    const copy = join(dir, 'indbakke', 'C.txt');
    copyFileSync(join(txt, '003_8133a643882840f1.txt'), original);
    const db = join(dir, 'd.db');
    expect(proposals(['import', join(dir, 'arkiv'), '--db', db]).code).toBe(0);
    copyFileSync(original, copy);
    writeFileSync(original, readFileSync(original, 'utf8').replace('Kort resumé', 'Kort resumé (revideret)'));
    // only the copy is imported: it takes over the record of its content, and the edited original keeps a record
    // that says it is not extracted yet, so the next reextract knows it
    const r = proposals(['import', join(dir, 'indbakke'), '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 seen, 0 extracted, 1 unchanged, 0 failed;/);
    expect(events(r.stderr).filter((e) => e.event === 'warning').map((e) => e.message)).toEqual([expect.stringContaining(`extracted on the next import or reextract: ${original}`)]);
    const rows = () => new Database(db, { readonly: true }).prepare('SELECT path, status, error_code FROM documents ORDER BY path').raw().all();
    expect(rows()).toEqual([[original, 'failed', 'NOT_EXTRACTED_YET'], [copy, 'ok', null]]);
    // left for the next run, not an error of the archive
    expect(proposals(['report', '--db', db]).code).toBe(0);
    expect(proposals(['reextract', '--db', db]).stdout).toMatch(/1 extracted, 1 unchanged, 0 failed/);
    expect(rows()).toEqual([[original, 'ok', null], [copy, 'ok', null]]);
    expect(proposals(['reextract', '--db', db]).stdout).toMatch(/0 extracted, 2 unchanged/);
  });

  it('two files that swapped contents: importing one records each content once, and the next reextract the other', () => {
    const dir = tempDir();
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    const x = readFileSync(join(txt, '003_8133a643882840f1.txt'));
    const y = readFileSync(join(txt, '004_f37da8f085268bea.txt'));
    writeFileSync(a, x);
    writeFileSync(b, y);
    const db = join(dir, 'd.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    writeFileSync(a, y);
    writeFileSync(b, x);
    const r = proposals(['import', a, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 seen, 0 extracted, 1 unchanged, 0 failed; proposals: 1; changes: 1 proposal removed;/);
    const rows = () => new Database(db, { readonly: true }).prepare('SELECT path, status, error_code FROM documents ORDER BY path, id').raw().all();
    expect(rows()).toEqual([[a, 'ok', null], [b, 'failed', 'NOT_EXTRACTED_YET']]);
    expect(proposals(['reextract', '--db', db]).stdout).toMatch(/1 extracted, 1 unchanged, 0 failed/);
    expect(rows()).toEqual([[a, 'ok', null], [b, 'ok', null]]);
    expect(count(db, 'SELECT COUNT(*) FROM proposals')).toBe(2);
  });

  it('a file overwritten with the content of another archived file keeps no record of its old content', () => {
    const dir = tempDir();
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    copyFileSync(join(txt, '003_8133a643882840f1.txt'), a);
    copyFileSync(join(txt, '001_a2575791207090b5.txt'), b);
    const db = join(dir, 'd.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    copyFileSync(b, a);
    const r = proposals(['import', a, '--db', db]);
    expect(r.code).toBe(0);
    expect(events(r.stderr).filter((e) => e.status === 'duplicate').map((e) => e.of)).toEqual([b]);
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT path, (SELECT COUNT(*) FROM proposals p WHERE p.document_id = documents.id) FROM documents').raw().all()).toEqual([[b, 4]]);
    expect(d.prepare("SELECT COUNT(*) FROM run_changes WHERE change = 'proposal_removed' AND document_path = ?").pluck().get(a)).toBe(1);
    d.close();
  });

  it('a correction of a proposal that went when its file became a copy of another is reported as missing its target', () => {
    const dir = tempDir();
    const a = join(dir, 'a.txt');
    copyFileSync(join(txt, '003_8133a643882840f1.txt'), a);
    copyFileSync(join(txt, '004_f37da8f085268bea.txt'), join(dir, 'b.txt'));
    const db = join(dir, 'd.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    const key = new Database(db, { readonly: true }).prepare('SELECT proposal_key FROM proposals p JOIN documents d ON d.id = p.document_id WHERE d.path = ?').pluck().get(a) as string;
    expect(proposals(['correct', key, 'title', 'Rettet titel', '--reason', 'test', '--db', db]).code).toBe(0);
    copyFileSync(join(dir, 'b.txt'), a);
    const r = proposals(['import', dir, '--db', db]);
    expect(events(r.stderr).filter((e) => e.event === 'warning').map((e) => e.message)).toEqual([expect.stringMatching(/^1 correction\(s\) no longer find their target/)]);
    expect(count(db, "SELECT COUNT(*) FROM corrections WHERE status = 'target_missing'")).toBe(1);
    expect(proposals(['report', '--db', db]).code).toBe(1);
  });

  it('a copy whose name says another format: what was said of the name goes with the path the content is held under', () => {
    const dir = tempDir();
    copyFileSync(join(txt, '003_8133a643882840f1.txt'), join(dir, 'a.txt'));
    copyFileSync(join(txt, '003_8133a643882840f1.txt'), join(dir, 'z.pdf'));
    const db = join(dir, 'd.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT path, warnings FROM documents').all()).toEqual([{ path: join(dir, 'a.txt'), warnings: expect.any(Number) }]);
    expect(d.prepare("SELECT COUNT(*) AS n FROM findings WHERE code = 'FORMAT_NAME_MISMATCH'").get()).toEqual({ n: 0 });
    expect(d.prepare('SELECT DISTINCT document_path FROM run_changes').raw().all().flat()).toEqual([join(dir, 'a.txt')]);
    const warnings = (d.prepare('SELECT warnings FROM documents').get() as { warnings: number }).warnings;
    expect(warnings).toBe(count(db, "SELECT COUNT(*) FROM findings WHERE severity = 'warning'"));
    d.close();
  });

  it('a folder with no documents is a usage error and creates no database', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    const db = join(dir, 'y.db');
    const r = proposals(['import', join(dir, 'empty'), '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no \.txt, \.pdf or \.docx files/);
    expect(existsSync(db)).toBe(false);
  });

  it('a folder whose documents were all deleted is no usage error: they are marked missing, and the other folders imported', () => {
    const dir = tempDir();
    for (const d of ['x', 'y']) mkdirSync(join(dir, d));
    copyFileSync(join(txt, '003_8133a643882840f1.txt'), join(dir, 'x', 'a.txt'));
    copyFileSync(join(txt, '002_586084f7a1fae3f9.txt'), join(dir, 'y', 'b.txt'));
    const db = join(dir, 'd.db');
    expect(proposals(['import', join(dir, 'x'), join(dir, 'y'), '--db', db]).code).toBe(0);
    rmSync(join(dir, 'y', 'b.txt'));
    copyFileSync(join(txt, '004_f37da8f085268bea.txt'), join(dir, 'x', 'c.txt'));
    const r = proposals(['import', join(dir, 'x'), join(dir, 'y'), '--db', db]);
    expect([r.code, r.stderr.includes('holds no')]).toEqual([1, false]);
    expect(r.stdout).toMatch(/3 seen, 1 extracted, 1 unchanged, 0 failed, 1 missing/);
    expect(count(db, `SELECT missing FROM documents WHERE path = '${join(dir, 'y', 'b.txt')}'`)).toBe(1);
    // an empty folder the archive never held anything of is still a usage error
    mkdirSync(join(dir, 'z'));
    expect(proposals(['import', join(dir, 'x'), join(dir, 'z'), '--db', db]).code).toBe(2);
  });

  it('a missing path is a usage error that names the path', () => {
    const dir = tempDir();
    const r = proposals(['import', join(dir, 'nowhere'), '--db', join(dir, 'z.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nowhere: no such file or folder/);
    expect(existsSync(join(dir, 'z.db'))).toBe(false);
  });

  it('a broken rules folder stops the run with exit code 2 and names the file', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'rules'));
    const r = proposals(['import', txt, '--db', join(dir, 'r.db'), '--rules', join(dir, 'rules')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules file .*departments\.json: cannot be read/);
  });

  it('a file that is not a database, or a re-extraction of a database that does not exist, is a one-line error with code 2', () => {
    const dir = tempDir();
    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, 'Referat af mødet, ikke en database.\n'.repeat(200));
    for (const r of [proposals(['import', txt, '--db', notDb]), proposals(['report', '--db', notDb]), proposals(['query', 'SELECT 1', '--db', notDb])]) {
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`database ${notDb}: file is not a database`);
    }
    expect(existsSync(`${notDb}.lock`)).toBe(false);
    const r = proposals(['reextract', '--db', join(dir, 'never.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/never\.db does not exist/);
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it("a --db that is another program's SQLite database is refused and left as it was", () => {
    const other = join(tempDir(), 'other.db');
    const o = new Database(other);
    o.exec("CREATE TABLE documents (x TEXT); INSERT INTO documents VALUES ('theirs')");
    o.close();
    const before = readFileSync(other);
    for (const args of [['import', txt], ['correct', 'BC07/2018', 'title', 'X', '--reason', 'r']]) {
      const r = proposals([...args, '--db', other]);
      expect([args[0], r.code, r.stderr.trim()]).toEqual([args[0], 2, expect.stringContaining(`database ${other} holds other tables (documents) and no archive`)]);
    }
    expect(readFileSync(other).equals(before)).toBe(true);
    expect(existsSync(`${other}-wal`)).toBe(false);
  });

  it('a --db that names a folder is a one-line error with code 2 that says so, for every command', () => {
    const folder = tempDir();
    for (const args of [['import', txt], ['reextract'], ['report'], ['query', 'SELECT 1'], ['show', 'BC07']]) {
      const r = proposals([...args, '--db', folder]);
      expect([args[0], r.code, r.stderr.trim().split('\n').length]).toEqual([args[0], 2, 1]);
      // named by the command, as the commands' own errors are
      expect(r.stderr).toMatch(new RegExp(`^proposals ${args[0]}: database `));
      expect(r.stderr).toContain(`database ${folder} is a folder, not a database file`);
    }
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });

  it('an unknown option is a usage error, named by the command', () => {
    const r = proposals(['import', txt, '--frobnicate']);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, "proposals import: unknown option '--frobnicate'"]);
  });

  it('an empty file as --db is no archive: the commands that read or change one say so and leave it empty', () => {
    const empty = join(tempDir(), 'empty.db');
    writeFileSync(empty, '');
    for (const args of [['report'], ['reextract'], ['accept-errors', '--reason', 'r'], ['uncorrect', 'BC07/2018', 'title'], ['query', 'SELECT 1']]) {
      const r = proposals([...args, '--db', empty]);
      expect([args[0], r.code, r.stderr]).toEqual([args[0], 2, `proposals ${args[0]}: database ${empty} is an empty file, not an archive (run 'proposals import' first)\n`]);
    }
    expect(readFileSync(empty).length).toBe(0);
    // an import makes the archive in it, as in a file that is not there
    const imported = proposals(['import', join(txt, '003_8133a643882840f1.txt'), '--db', empty]);
    expect([imported.code, imported.stderr.includes('empty file')]).toEqual([0, false]);
    expect(count(empty, 'SELECT COUNT(*) FROM proposals')).toBeGreaterThan(0);
  });
});
