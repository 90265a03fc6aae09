/**
 * A failure of the run (a time limit, a worker that died) keeps the version of a file extracted before; a failure of
 * the file (its new content cannot be read) removes it, and the run's changes say which proposals went.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { runBatch } from '../../src/pipeline/run.ts';
import type { Extractor } from '../../src/pipeline/pool.ts';
import { openWritable, type DB } from '../../src/store/db.ts';
import { loadRules } from '../../src/rules/index.ts';
import { tempDir } from '../cli/helpers.ts';

const txt = join(import.meta.dirname, '..', '..', 'corpus', 'txt');

/** An extractor whose every task fails with `code`, as the pool reports a task past its time limit or a dead worker. */
const failing = (code: 'TIMEOUT' | 'INTERNAL_ERROR' | 'NO_PROPOSALS'): Extractor => ({
  lanes: 1,
  run: async (t) => ({ ok: false, format: null, pages: null, code, message: `${t.path}: failed with ${code}` }),
  threads: () => 0,
  close: async () => {},
});

async function imported() {
  const dir = tempDir();
  const paths = readdirSync(txt).map((f) => {
    copyFileSync(join(txt, f), join(dir, f));
    return join(dir, f);
  });
  const db = openWritable(join(dir, 'kept.db'));
  const first = await runBatch(db, paths, { rules: loadRules(), mode: 'import', workers: 0 });
  return { db, paths, first };
}
/** Proposals of the documents extracted. */
const STORED = "SELECT COUNT(*) AS n FROM proposals p JOIN documents d ON d.id = p.document_id WHERE d.status = 'ok'";
const n = (db: DB, sql: string) => (db.prepare(sql).get() as { n: number }).n;
const lastRunChanges = (db: DB) => db.prepare('SELECT change, COUNT(*) AS n FROM run_changes WHERE run_id = (SELECT MAX(id) FROM extraction_runs) GROUP BY change').all();

describe('a document that fails on a later run', () => {
  for (const code of ['TIMEOUT', 'INTERNAL_ERROR'] as const)
    it(`keeps the version extracted before when it fails with ${code}, and counts its proposals`, async () => {
      const { db, paths, first } = await imported();
      const proposalsBefore = n(db, STORED);
      const linesBefore = n(db, 'SELECT COUNT(*) AS n FROM budget_lines');
      expect(proposalsBefore).toBeGreaterThan(0);
      const s = await runBatch(db, paths, { rules: loadRules(), mode: 'reextract-all', extractor: failing(code) });
      expect([s.failed, s.extracted, s.proposals]).toEqual([paths.length, 0, first.proposals]);
      expect(s.outcomes.every((o) => o.status === 'failed' && o.code === code && /version extracted on an earlier run is kept/.test(o.message))).toBe(true);
      expect([n(db, STORED), n(db, 'SELECT COUNT(*) AS n FROM budget_lines')]).toEqual([proposalsBefore, linesBefore]);
      expect(n(db, "SELECT COUNT(*) AS n FROM documents WHERE status <> 'ok'")).toBe(0);
      expect(lastRunChanges(db)).toEqual([]);
      db.close();
    });

  it('loses the version extracted before when it fails for a reason of its own, and the run says which proposals went', async () => {
    const { db, paths, first } = await imported();
    const s = await runBatch(db, paths, { rules: loadRules(), mode: 'reextract-all', extractor: failing('NO_PROPOSALS') });
    expect([s.failed, s.proposals, n(db, STORED)]).toEqual([paths.length, 0, 0]);
    expect(lastRunChanges(db)).toEqual([{ change: 'proposal_removed', n: first.proposals }]);
    expect(s.changes).toEqual({ proposal_removed: first.proposals });
    db.close();
  });

  it('whose file now holds content that cannot be read loses its proposals, and the run says which', async () => {
    const { db, paths } = await imported();
    const victim = paths.find((p) => n(db, `SELECT COUNT(*) AS n FROM proposals p JOIN documents d ON d.id = p.document_id WHERE d.path = '${p}'`) === 1)!;
    // a proposal is named by its BC number, else by its place in the document
    const p = db.prepare('SELECT p.bc_number, p.seq FROM proposals p JOIN documents d ON d.id = p.document_id WHERE d.path = ?').get(victim) as { bc_number: string | null; seq: number };
    const title = p.bc_number ?? `#${p.seq}`;
    writeFileSync(victim, Buffer.from([0, 1, 2, 3, 0, 0, 0, 255, 254, 0]));
    const s = await runBatch(db, paths, { rules: loadRules(), mode: 'import', workers: 0 });
    expect(s.outcomes.filter((o) => o.status === 'failed').map((o) => [o.path, o.status === 'failed' && o.code])).toEqual([[victim, 'BINARY_FILE']]);
    expect(db.prepare('SELECT document_path, proposal, change FROM run_changes WHERE run_id = (SELECT MAX(id) FROM extraction_runs)').all()).toEqual([
      { document_path: victim, proposal: title, change: 'proposal_removed' },
    ]);
    db.close();
  });
});
