/**
 * The nightly job's guarantees: a killed import leaves a sound database with no partial document and a
 * re-run ends where an uninterrupted run ends; readers never see half a document during a reextract; one
 * writer at a time.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { root } from '../eval/score.ts';
import { count, events, failures, proposals, snapshot, tempDir } from './helpers.ts';
import { processStartTime } from '../../src/pipeline/lock.ts';

/** A folder of n distinct text documents: the corpus with a numbered note appended (so every file differs). */
function makeArchive(n: number): string {
  const dir = join(tempDir('archive-'), 'docs');
  mkdirSync(dir);
  const txt = join(root, 'corpus', 'txt');
  const files = readdirSync(txt).sort();
  for (let i = 0; i < n; i++) {
    const f = files[i % files.length]!;
    writeFileSync(join(dir, `${String(i).padStart(3, '0')}_${f}`), `${readFileSync(join(txt, f), 'utf8')}\n\nArkivnote ${i}.\n`);
  }
  return dir;
}

/** Every stored record, by document content, without row ids or timestamps. */
function records(dbPath: string): Record<string, unknown> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const out: Record<string, unknown> = {};
    for (const d of db.prepare("SELECT id, sha256, status FROM documents ORDER BY sha256").all() as { id: number; sha256: string; status: string }[]) {
      const props = db.prepare('SELECT id, seq, kind, bc_number, title, summary, fund, presenting_department, price_level_year, proposal_key FROM proposals WHERE document_id = ? ORDER BY seq').all(d.id) as Record<string, unknown>[];
      out[d.sha256] = {
        status: d.status,
        proposals: props.map(({ id, ...p }) => ({
          ...p,
          lines: db.prepare('SELECT table_kind, line_no, label, year, amount_tdkk FROM budget_lines WHERE proposal_id = ? ORDER BY table_kind, line_no, year').raw().all(id),
          sections: (db.prepare('SELECT COUNT(*) FROM sections WHERE proposal_id = ?').pluck().get(id) as number),
        })),
        findings: db.prepare('SELECT code, year, expected, actual FROM findings WHERE document_id = ? ORDER BY code, year').raw().all(d.id),
      };
    }
    return out;
  } finally {
    db.close();
  }
}

function withoutKeys(rec: unknown): unknown {
  const r = rec as { proposals: Record<string, unknown>[] };
  return { ...r, proposals: r.proposals.map(({ proposal_key: _k, ...p }) => p) };
}

/** Starts an import and SIGKILLs it once `after` documents are reported done. */
function importAndKill(dir: string, db: string, after: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'proposals.js'), 'import', dir, '--db', db, '--workers', '2'], { env: { ...process.env, CI: '1' } });
    let done = 0;
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const l of lines) if (l.includes('"event":"file"')) done++;
      if (done >= after && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve(done));
  });
}

/**
 * Starts an import, sends SIGINT once `after` documents are reported done (and, with `again`, a second one that many
 * ms later), and gives its exit code, stdout and stderr.
 */
function importAndInterrupt(dir: string, db: string, after: number, again?: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'proposals.js'), 'import', dir, '--db', db, '--workers', '1'], { env: { ...process.env, CI: '1' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && stderr.split('\n').filter((l) => l.includes('"event":"file"')).length >= after) {
        sent = true;
        child.kill('SIGINT');
        if (again !== undefined) setTimeout(() => child.kill('SIGINT'), again);
      }
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the nightly job', () => {
  it('Ctrl-C stops a run with exit code 130, and stderr off a terminal stays JSON lines only', async () => {
    const dir = makeArchive(12);
    const db = join(tempDir(), 'interrupted.db');
    const { code, stderr } = await importAndInterrupt(dir, db, 2);
    expect(code).toBe(130);
    const events = stderr.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { event: string });
    expect(events.map((e) => e.event)).toContain('stopping');
    expect(new Database(db, { readonly: true }).prepare('SELECT status FROM extraction_runs').pluck().all()).toEqual(['interrupted']);
  }, 120_000);

  it('a second Ctrl-C exits at once, recording the run as interrupted with the counts of what it committed', async () => {
    // PDFs, which take long enough that the run, stopping after the first Ctrl-C, is still on its file under way
    // when the second comes (the text files of makeArchive may all be done within those 30 ms)
    const dir = join(tempDir('archive-'), 'pdfs');
    mkdirSync(dir);
    const pdfs = readdirSync(join(root, 'corpus', 'pdf')).sort();
    for (let i = 0; i < 8; i++) {
      const f = pdfs[i % pdfs.length]!;
      writeFileSync(join(dir, `${i}_${f}`), Buffer.concat([readFileSync(join(root, 'corpus', 'pdf', f)), Buffer.from(`\n% copy ${i}\n`)]));
    }
    const db = join(tempDir(), 'twice.db');
    const { code, stdout } = await importAndInterrupt(dir, db, 2, 30);
    expect(code).toBe(130);
    const d = new Database(db, { readonly: true });
    const run = d.prepare('SELECT status, finished_at IS NOT NULL AS finished, documents_extracted FROM extraction_runs').get();
    const stored = d.prepare("SELECT COUNT(*) FROM documents WHERE status = 'ok'").pluck().get();
    d.close();
    expect(run).toEqual({ status: 'interrupted', finished: 1, documents_extracted: stored });
    expect([existsSync(`${db}.lock`), existsSync(`${db}-wal`)]).toEqual([false, false]);
    // the summary line comes at a run's own end, which a second Ctrl-C does not wait for
    expect(stdout).not.toMatch(/^run \d/m);
  }, 120_000);

  it('a killed import leaves a sound database with whole documents, and a re-run equals an uninterrupted run', async () => {
    const dir = makeArchive(30);
    const reference = join(tempDir(), 'reference.db');
    expect(proposals(['import', dir, '--db', reference]).code).toBe(0);
    const expected = records(reference) as Record<string, unknown>;

    const db = join(tempDir(), 'killed.db');
    for (const after of [2, 9, 17]) {
      const done = await importAndKill(dir, db, after);
      expect(done).toBeGreaterThanOrEqual(after);
      const d = new Database(db, { readonly: true });
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
      // the analysts' views are there from the first run's start
      expect(d.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'view' AND name = 'current_proposals'").pluck().get()).toBe(1);
      d.close();
      // every document that is there is whole: the same records as in the uninterrupted run (but for
      // proposal_key, a link between documents that is made again when a run completes)
      const got = records(db) as Record<string, unknown>;
      for (const [sha, rec] of Object.entries(got)) expect(withoutKeys(rec)).toEqual(withoutKeys(expected[sha]));
    }
    const rerun = proposals(['import', dir, '--db', db]);
    expect(rerun.code).toBe(0);
    expect(records(db)).toEqual(expected);
    const runs = new Database(db, { readonly: true }).prepare('SELECT status FROM extraction_runs ORDER BY id').pluck().all();
    expect(runs).toEqual(['interrupted', 'interrupted', 'interrupted', 'done']);
  }, 240_000);

  it('readers never see half a document while reextract --all replaces every one', async () => {
    const dir = makeArchive(20);
    const db = join(tempDir(), 'busy.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    const reader = new Database(db, { readonly: true });
    const linesPerProposal = reader.prepare(
      'SELECT d.sha256 || \'#\' || p.seq AS k, (SELECT COUNT(*) FROM budget_lines b WHERE b.proposal_id = p.id) AS n FROM proposals p JOIN documents d ON d.id = p.document_id',
    );
    const before = new Map((linesPerProposal.all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
    const writer = spawn(process.execPath, [join(root, 'bin', 'proposals.js'), 'reextract', '--all', '--db', db], { env: { ...process.env, CI: '1' } });
    let running = true;
    const exited = new Promise<number | null>((resolve) => writer.on('exit', (code) => { running = false; resolve(code); }));
    let reads = 0;
    const problems: string[] = [];
    while (running) {
      try {
        const rows = linesPerProposal.all() as { k: string; n: number }[];
        if (rows.length !== before.size) problems.push(`saw ${rows.length} proposals`);
        for (const r of rows) if (before.get(r.k) !== r.n) problems.push(`${r.k}: ${r.n} lines`);
        reads++;
      } catch (e) {
        problems.push((e as Error).message);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await exited).toBe(0);
    reader.close();
    expect(problems).toEqual([]);
    expect(reads).toBeGreaterThan(10);
  }, 120_000);

  it('a second writer exits at once with code 2; a stale lock is taken over', () => {
    const db = join(tempDir(), 'locked.db');
    writeFileSync(`${db}.lock`, String(process.pid));
    const r = proposals(['import', join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`being written by another import or reextract \\(pid ${process.pid}\\)`));
    writeFileSync(`${db}.lock`, '2147483646');
    expect(proposals(['import', join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), '--db', db]).code).toBe(0);
    // a live pid that started at another time than the writer that took the lock: the pid was reused, the lock is stale
    writeFileSync(`${db}.lock`, `${process.pid} 1`);
    expect(proposals(['import', join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), '--db', db]).code).toBe(0);
    writeFileSync(`${db}.lock`, `${process.pid} ${processStartTime(process.pid)}`);
    expect(proposals(['import', join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), '--db', db]).code).toBe(2);
  });

  it('reextract marks a file that disappeared, keeps its records, and re-extracts a changed file', () => {
    const dir = makeArchive(3);
    const db = join(tempDir(), 'gone.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    const files = readdirSync(dir).sort();
    const gone = join(dir, files[0]!);
    const changed = join(dir, files[1]!);
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('Ressourcer Koncern IT\tService\t\t750', 'Ressourcer Koncern IT\tService\t\t760'));
    renameSync(gone, `${gone}.bak`);
    const r = proposals(['reextract', '--db', db]);
    // a file gone since the last run: exit 1 with a warning, once
    expect(r.code).toBe(1);
    expect(events(r.stderr).filter((e) => e.event === 'warning').map((e) => e.message)).toEqual([expect.stringMatching(/^1 file\(s\) are no longer at their recorded path/)]);
    expect(r.stdout).toMatch(/1 extracted, 1 unchanged, 0 failed, 1 missing/);
    expect(r.stdout).toMatch(/changes: .*1 document missing/);
    expect(proposals(['reextract', '--db', db]).code).toBe(0);
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT missing, (SELECT COUNT(*) FROM proposals p WHERE p.document_id = documents.id) FROM documents WHERE path = ?').raw().get(gone)).toEqual([1, 7]);
    const change = d.prepare("SELECT change, old_value, new_value FROM run_changes WHERE change = 'amount_changed'").raw().all();
    // the run that first missed the file says so in its changes, with the proposals that left the views; the next one not again
    const missed = d.prepare("SELECT run_id, document_path, new_value FROM run_changes WHERE change = 'document_missing'").raw().all();
    d.close();
    expect(change).toEqual([['amount_changed', '750', '760']]);
    expect(missed).toEqual([[2, gone, '7']]);
    // back at its path: the run's changes say it returned
    renameSync(`${gone}.bak`, gone);
    const back = proposals(['reextract', '--db', db]);
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/0 extracted, 3 unchanged, 0 failed, 0 missing; proposals: \d+; changes: 1 document returned;/);
    expect(count(db, "SELECT COUNT(*) FROM run_changes WHERE change = 'document_returned' AND document_path = '" + gone.replace(/'/g, "''") + "'")).toBe(1);
    expect(count(db, 'SELECT COUNT(*) FROM documents WHERE missing = 1')).toBe(0);
    // gone again, and back edited: returned, and extracted again
    renameSync(gone, `${gone}.bak`);
    expect(proposals(['reextract', '--db', db]).code).toBe(1);
    writeFileSync(gone, `${readFileSync(`${gone}.bak`, 'utf8')}\nArkivnote rettet.\n`);
    const edited = proposals(['reextract', '--db', db]);
    expect(edited.stdout).toMatch(/1 extracted, 2 unchanged, 0 failed, 0 missing; proposals: \d+; changes: 1 document returned, 1 detail changed;/);
    // the note ends the last section of its last proposal: that section's text is what changed
    const detail = new Database(db, { readonly: true }).prepare("SELECT field, new_value FROM run_changes WHERE change = 'detail_changed' AND run_id = (SELECT MAX(id) FROM extraction_runs)").raw().all();
    expect(detail).toEqual([[expect.stringMatching(/^section "/), expect.stringMatching(/Arkivnote rettet\.$/)]]);
  });

  it('an import of a folder marks the files it no longer holds missing; a file moved inside it keeps its record at the new path', () => {
    const dir = makeArchive(3);
    const db = join(tempDir(), 'folder-gone.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    const [first, second] = readdirSync(dir).sort();
    const gone = join(dir, first!);
    rmSync(gone);
    mkdirSync(join(dir, 'sub'));
    renameSync(join(dir, second!), join(dir, 'sub', second!));
    const r = proposals(['import', dir, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/0 extracted, 2 unchanged, 0 failed, 1 missing/);
    expect(r.stdout).toMatch(/changes: 1 document missing;/);
    // the progress counts to its total: the moved file's old path, to be marked missing at first, drops out of it
    const progress = events(r.stderr).filter((e) => e.event === 'file' || e.event === 'done');
    expect(progress.map((e) => `${e.event} ${e.done ?? ''}/${e.total}`)).toEqual(['file 1/4', 'file 2/4', 'file 3/3', 'done /3']);
    expect(events(r.stderr).filter((e) => e.event === 'warning').map((e) => e.message)).toEqual([expect.stringMatching(/^1 file\(s\) are no longer at their recorded path/)]);
    const d = new Database(db, { readonly: true });
    const rows = d.prepare('SELECT path, missing FROM documents ORDER BY path').raw().all();
    d.close();
    expect(rows).toEqual([[gone, 1], [join(dir, readdirSync(dir).sort()[0]!), 0], [join(dir, 'sub', second!), 0]]);
    // a file named on its own says nothing of the others; the folder again: nothing new is missing
    expect(proposals(['import', join(dir, 'sub', second!), '--db', db]).stdout).toMatch(/0 extracted, 1 unchanged, 0 failed; /);
    const again = proposals(['import', dir, '--db', db]);
    expect([again.code, again.stdout]).toEqual([0, expect.stringMatching(/0 extracted, 2 unchanged, 0 failed, 1 missing; proposals: \d+; changes: none;/)]);
  });

  it('a file out of reach behind a link to nothing (a share not mounted) is not missing, to an import of its folder or a reextract', () => {
    const dir = makeArchive(3);
    const share = join(tempDir('share-'), 'share');
    mkdirSync(share);
    for (const f of readdirSync(dir).sort().slice(1)) renameSync(join(dir, f), join(share, f));
    symlinkSync(share, join(dir, 'share'));
    const db = join(tempDir(), 'unmounted.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    const held = readdirSync(share).map((f) => join(dir, 'share', f)).sort();
    expect(count(db, 'SELECT COUNT(*) FROM documents')).toBe(3);
    // the share goes away: its link points at nothing
    renameSync(share, share + '-unmounted');
    const r = proposals(['import', dir, '--db', db]);
    expect(r.stdout).toMatch(/0 extracted, 1 unchanged, 0 failed; /);
    expect([r.code, events(r.stderr).filter((e) => e.event === 'skipped').map((e) => e.path)]).toEqual([0, [join(dir, 'share')]]);
    expect(count(db, 'SELECT COUNT(*) FROM documents WHERE missing = 1')).toBe(0);
    const again = proposals(['reextract', '--db', db]);
    expect(again.stdout).not.toMatch(/[1-9]\d* missing/);
    // each says why it cannot be read: the link leads to nothing, not "no such file"
    expect(events(again.stderr).filter((e) => e.event === 'failed').map((e) => [e.path, e.code, e.reason]).sort()).toEqual(
      held.map((p) => [p, 'UNREADABLE', `${p}: cannot be read: the link ${join(dir, 'share')} on its path leads to nothing (a share that is not mounted?); the version extracted on an earlier run is kept`]),
    );
    expect(count(db, 'SELECT COUNT(*) FROM documents WHERE missing = 1')).toBe(0);
    // their records are kept as extracted before
    const d = new Database(db, { readonly: true });
    expect(d.prepare("SELECT path FROM documents WHERE status = 'ok' AND path LIKE ? ORDER BY path").pluck().all(join(dir, 'share') + '%')).toEqual(held);
    d.close();
    // deleted for real (the link removed too): missing
    rmSync(join(dir, 'share'));
    const gone = proposals(['import', dir, '--db', db]);
    expect(gone.stdout).toMatch(/0 extracted, 1 unchanged, 0 failed, 2 missing/);
  });

  it('a file missing from its path and found at another is back there: the run\'s changes say so', () => {
    const dir = makeArchive(2);
    const away = join(tempDir('away-'), 'moved');
    mkdirSync(away);
    const db = join(tempDir(), 'moved.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    const file = readdirSync(dir).sort()[0]!;
    renameSync(join(dir, file), join(away, file));
    expect(proposals(['reextract', '--db', db]).code).toBe(1);
    const r = proposals(['import', away, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/changes: 1 document returned/);
    const d = new Database(db, { readonly: true });
    const back = d.prepare("SELECT document_path, old_value, new_value FROM run_changes WHERE change = 'document_returned'").raw().all();
    d.close();
    expect(back).toEqual([[join(away, file), join(dir, file), '7']]);
    expect(count(db, 'SELECT COUNT(*) FROM documents WHERE missing = 1')).toBe(0);
  });

  it('a reextract that finds none of the recorded files changes nothing and says the archive may be away', () => {
    const dir = makeArchive(2);
    const db = join(tempDir(), 'away.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    const before = snapshot(db);
    renameSync(dir, `${dir}-away`);
    const r = proposals(['reextract', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/none of the 2 files recorded in .* is at its path .*is the archive's disk or share mounted\? Nothing was changed/);
    expect(snapshot(db)).toEqual(before);
    expect(count(db, 'SELECT COUNT(*) FROM documents WHERE missing = 1')).toBe(0);
  });

  it('a moved archive is found at its new place: import records the new path, and reextract no longer calls it missing', () => {
    const dir = makeArchive(2);
    const db = join(tempDir(), 'moved.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    const moved = `${dir}-moved`;
    renameSync(dir, moved);
    const again = proposals(['import', moved, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 extracted, 2 unchanged, 0 failed/);
    const r = proposals(['reextract', '--db', db]);
    expect(r.stdout).toMatch(/0 extracted, 2 unchanged, 0 failed, 0 missing/);
    const d = new Database(db, { readonly: true });
    const paths = d.prepare('SELECT path, missing FROM documents ORDER BY path').raw().all() as [string, number][];
    d.close();
    expect(paths.map(([p, m]) => [p.startsWith(moved), m])).toEqual([[true, 0], [true, 0]]);
  });

  it('a file that cannot be read on a later run keeps the version extracted before, and is read again once it can be', () => {
    const dir = makeArchive(2);
    const db = join(tempDir(), 'unreadable.db');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    const file = join(dir, readdirSync(dir).sort()[0]!);
    const content = readFileSync(file);
    const before = proposals(['query', 'SELECT COUNT(*) AS n FROM proposals', '--db', db, '--format', 'csv']).stdout;
    // a path that cannot be read as a file stands for one the share or its permissions keep away for a night
    renameSync(file, `${file}.away`);
    mkdirSync(file);
    const r = proposals(['reextract', '--all', '--db', db]);
    expect(r.code).toBe(1);
    expect(failures(r.stderr)).toMatch(/not a regular file; the version extracted on an earlier run is kept/);
    expect(proposals(['query', 'SELECT COUNT(*) AS n FROM proposals', '--db', db, '--format', 'csv']).stdout).toBe(before);
    rmdirSync(file);
    writeFileSync(file, content);
    const back = proposals(['reextract', '--all', '--db', db]);
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/0 failed/);
  });

  it('import and reextract keep to the rules folder the first import was given, unless given another', () => {
    const dir = makeArchive(2);
    const rules = join(tempDir(), 'rules');
    cpSync(join(root, 'rules'), rules, { recursive: true });
    const tables = JSON.parse(readFileSync(join(rules, 'tables.json'), 'utf8'));
    tables.totalRow.push('^bemærkninger i alt$');
    writeFileSync(join(rules, 'tables.json'), JSON.stringify(tables, null, 2));
    const db = join(tempDir(), 'rules.db');
    expect(proposals(['import', dir, '--db', db, '--rules', rules]).code).toBe(0);
    // importing again without --rules: the archive's own rules, said so, and nothing to do
    const again = proposals(['import', dir, '--db', db]);
    expect(again.stdout).toMatch(/0 extracted, 2 unchanged/);
    expect(again.stderr).toContain(rules);
    expect(proposals(['reextract', '--db', db]).stdout).toMatch(/0 extracted, 2 unchanged/);
    // given the bundled rules, the documents were extracted with other rules: all of them again
    expect(proposals(['reextract', '--db', db, '--rules', join(root, 'rules')]).stdout).toMatch(/2 extracted, 0 unchanged/);
    expect(proposals(['reextract', '--db', db]).stdout).toMatch(/0 extracted, 2 unchanged/);
    // a share that is away changes nothing, not even the rules folder of the next run
    renameSync(dir, `${dir}-away`);
    expect(proposals(['reextract', '--db', db, '--rules', rules]).code).toBe(2);
    renameSync(`${dir}-away`, dir);
    expect(proposals(['reextract', '--db', db]).stdout).toMatch(/0 extracted, 2 unchanged/);
    // a recorded folder that is gone: said so, with where it came from
    expect(proposals(['reextract', '--db', db, '--rules', rules]).stdout).toMatch(/2 extracted/);
    rmSync(rules, { recursive: true });
    const gone = proposals(['reextract', '--db', db]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`the rules folder ${rules}, recorded in ${db} by an earlier run, does not exist (now): give --rules DIR`);
  });
});
