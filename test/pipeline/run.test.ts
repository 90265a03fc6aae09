import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { appendFileSync, copyFileSync, readdirSync } from 'node:fs';
import { runBatch, type RunOptions } from '../../src/pipeline/run.ts';
import { createExtractor, type Extractor } from '../../src/pipeline/pool.ts';
import { collectFiles } from '../../src/pipeline/files.ts';
import { openWritable } from '../../src/store/db.ts';
import { loadRules } from '../../src/rules/index.ts';
import { count, proposals, tempDir } from '../cli/helpers.ts';

const corpus = join(import.meta.dirname, '..', '..', 'corpus');

/** Imports the corpus with a hook that throws `message`; the run must reject with it. What the database then holds. */
async function importBroken(message: string, hooks: Pick<RunOptions, 'workers' | 'onFile' | 'shouldStop'>) {
  const db = openWritable(join(tempDir(), 'run.db'));
  const paths = (await collectFiles([corpus])).files;
  await expect(runBatch(db, paths, { rules: loadRules(), mode: 'import', ...hooks })).rejects.toThrow(message);
  const run = db.prepare('SELECT status, finished_at, documents_seen FROM extraction_runs').get() as { status: string; finished_at: string | null; documents_seen: number };
  const docs = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
  db.close();
  return { run, docs, files: paths.length };
}

describe('a batch run', () => {
  it('stops every lane at an error that is not a file\'s own, lets the files under way finish, and ends as interrupted', async () => {
    let seen = 0;
    const { run, docs, files } = await importBroken('progress display broke', {
      workers: 2,
      onFile: () => {
        if (++seen === 2) throw new Error('progress display broke');
      },
    });
    expect(run.status).toBe('interrupted');
    expect(run.finished_at).not.toBeNull();
    // at most the two files of each lane under way when the error came, not the whole batch
    expect(docs).toBeGreaterThanOrEqual(2);
    expect(docs).toBeLessThanOrEqual(5);
    expect(files).toBe(15);
  });

  it('ends as interrupted with the error of a shouldStop that throws, after the files under way', async () => {
    let calls = 0;
    const { run, docs } = await importBroken('signal handler broke', {
      workers: 1,
      shouldStop: () => {
        if (++calls === 2) throw new Error('signal handler broke');
        return false;
      },
    });
    expect({ status: run.status, documents_seen: run.documents_seen }).toEqual({ status: 'interrupted', documents_seen: 1 });
    expect(docs).toBe(1);
  });

  it('saves its counts along the way (about once a second), so a run that is killed says how far it came', async () => {
    const db = openWritable(join(tempDir(), 'counts.db'));
    const paths = (await collectFiles([join(corpus, 'txt')])).files;
    const seenMidRun: number[] = [];
    await runBatch(db, paths, {
      rules: loadRules(),
      mode: 'import',
      workers: 1,
      onFile: (_o, done) => {
        // the second file takes more than a second; the third is counted in the table before the run ends
        if (done === 2) for (const until = Date.now() + 1100; Date.now() < until; );
        if (done === 3) seenMidRun.push((db.prepare('SELECT documents_seen FROM extraction_runs').get() as { documents_seen: number }).documents_seen);
      },
    });
    db.close();
    expect(seenMidRun).toEqual([3]);
  });

  it('stops at a commit group that SQLite rolled back, as at any error that is not a file\'s own, with no document half-written', async () => {
    const db = openWritable(join(tempDir(), 'rolled-back.db'));
    const paths = (await collectFiles([join(corpus, 'txt')])).files;
    const inThread = await createExtractor({ workers: 0, timeoutMs: 60_000 });
    const asked: string[] = [];
    const extractor: Extractor = {
      ...inThread,
      run: (task, lane) => {
        asked.push(task.path);
        if (asked.length === 3) db.exec('ROLLBACK'); // as SQLite does itself after an I/O error or a full disk
        return inThread.run(task, lane);
      },
    };
    await expect(runBatch(db, paths, { rules: loadRules(), mode: 'import', extractor })).rejects.toThrow(/rolled back/);
    expect(db.prepare('SELECT status FROM extraction_runs').pluck().get()).toBe('interrupted');
    // what the archive holds is whole: every document it has, with its proposals and their full-text rows; and
    // nothing was written after the group was lost (what the run had read may have gone with it)
    const docs = db.prepare('SELECT d.path, (SELECT COUNT(*) FROM proposals p WHERE p.document_id = d.id) AS proposals FROM documents d').all() as { path: string; proposals: number }[];
    for (const d of docs) {
      expect(d.proposals).toBeGreaterThan(0);
      expect(asked.slice(0, 2)).toContain(d.path);
    }
    expect(asked.length).toBeLessThan(paths.length);
    // the run's counts are those of what the archive holds, not of the outcomes rolled back with the group
    expect(db.prepare('SELECT documents_extracted FROM extraction_runs').pluck().get()).toBe(docs.length);
    expect(db.prepare('SELECT COUNT(*) FROM search_docs WHERE id NOT IN (SELECT rowid FROM search_index)').pluck().get()).toBe(0);
    db.close();
  });

  it('commits the other documents of a group in which an edited file\'s write failed after SQLite gave its search ids to the new rows', async () => {
    const dir = tempDir();
    const src = join(corpus, 'txt');
    const [first, second, third] = readdirSync(src).filter((f) => f.endsWith('.txt')).sort();
    copyFileSync(join(src, first!), join(dir, 'a.txt'));
    copyFileSync(join(src, second!), join(dir, 'b.txt'));
    const db = openWritable(join(dir, 'run.db'));
    const rules = loadRules();
    const inThread = await createExtractor({ workers: 0, timeoutMs: 60_000 });
    await runBatch(db, [join(dir, 'a.txt'), join(dir, 'b.txt')], { rules, mode: 'import', extractor: inThread });
    // the file whose search rows hold the highest ids is edited, so its new rows get the ids of its old ones
    const top = db.prepare('SELECT d.path FROM search_docs s JOIN proposals p ON p.id = s.proposal_id JOIN documents d ON d.id = p.document_id ORDER BY s.id DESC LIMIT 1').pluck().get() as string;
    appendFileSync(top, '\n');
    copyFileSync(join(src, third!), join(dir, 'c.txt'));
    let topWritten: () => void;
    const topDone = new Promise<void>((resolve) => (topWritten = resolve));
    const extractor: Extractor = {
      ...inThread,
      run: async (task, lane) => {
        const r = await inThread.run(task, lane);
        if (task.path === top) {
          // the edited file's write fails after its first proposal was indexed (a second proposal with the same seq
          // breaks UNIQUE(document_id, seq)), standing in for any error of a write that is not the file's own
          if (r.ok) r.extracted.proposals.push({ ...r.extracted.proposals[0]! });
          setImmediate(() => topWritten());
        } else await topDone; // c.txt is written after it, in the same group
        return r;
      },
    };
    const done: string[] = [];
    await expect(runBatch(db, [top, join(dir, 'c.txt')], { rules, mode: 'import', extractor, onFile: (o) => done.push(o.path) })).rejects.toThrow(/UNIQUE/);
    // c.txt, under way when the run stopped, was reported done and is in the archive, with the edited file's old version
    expect(done).toEqual([join(dir, 'c.txt')]);
    expect(db.prepare('SELECT path FROM documents ORDER BY path').pluck().all()).toEqual(['a.txt', 'b.txt', 'c.txt'].map((f) => join(dir, f)));
    expect(db.prepare('SELECT COUNT(*) FROM search_docs WHERE id NOT IN (SELECT rowid FROM search_index)').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM search_index WHERE rowid NOT IN (SELECT id FROM search_docs)').pluck().get()).toBe(0);
    db.close();
  });

  it('leaves a run that stops before its keys are relinked to have them relinked by the next run, which finds nothing else to do', async () => {
    const dbPath = join(tempDir(), 'relink.db');
    const txt = join(corpus, 'txt');
    const db = openWritable(dbPath);
    await runBatch(db, (await collectFiles([txt])).files, { rules: loadRules(), mode: 'import', workers: 0 });
    // killed before the import command relinked: the keys are as the run gave them, one document at a time
    db.prepare("UPDATE proposals SET proposal_key = 'as-written-' || id").run();
    db.close();
    const r = proposals(['import', txt, '--db', dbPath, '--workers', '0']);
    expect(r.stdout).toMatch(/0 extracted, 5 unchanged/);
    expect(count(dbPath, "SELECT COUNT(*) FROM proposals WHERE proposal_key LIKE 'as-written-%'")).toBe(0);
    expect(count(dbPath, "SELECT COUNT(*) FROM schema_meta WHERE key = 'relink_pending'")).toBe(0);
  });
});
