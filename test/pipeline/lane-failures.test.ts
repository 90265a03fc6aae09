/**
 * A lane's worker that hangs or dies, with a stand-in worker (fixtures/fake-worker.mjs): the next file of the lane
 * gets its own full time limit on a fresh worker, and a failure of the run's making is tried again next time.
 */
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
vi.mock('../../src/pipeline/bundle.ts', () => ({ workerBundle: async () => join(import.meta.dirname, 'fixtures', 'fake-worker.mjs') }));
const { runBatch } = await import('../../src/pipeline/run.ts');
const { openWritable } = await import('../../src/store/db.ts');
const { loadRules } = await import('../../src/rules/index.ts');
const { tempDir } = await import('../cli/helpers.ts');

function setup(names: string[]) {
  const dir = tempDir();
  const paths = names.map((n) => {
    const p = join(dir, n);
    writeFileSync(p, `a file called ${n}`);
    return p;
  });
  return { db: openWritable(join(dir, 'lanes.db')), paths };
}
type Summary = Awaited<ReturnType<typeof runBatch>>;
const codes = (s: Summary) => Object.fromEntries(s.outcomes.map((o) => [o.path.split('/').pop(), o.status === 'failed' ? o.code : o.status]));

describe('a lane whose worker fails', () => {
  for (const first of ['hang.txt', 'crash.txt'])
    it(`runs the file after ${first} on a new worker, under its own time limit`, async () => {
      const { db, paths } = setup([first, 'next.txt']);
      const s = await runBatch(db, paths, { rules: loadRules(), mode: 'import', workers: 1, timeoutMs: 2000 });
      db.close();
      expect(codes(s)).toEqual({ [first]: first === 'hang.txt' ? 'TIMEOUT' : 'INTERNAL_ERROR', 'next.txt': 'FAKE_DONE' });
    }, 20_000);

  it('does not count the time a file waits behind another against its limit', async () => {
    // each takes 1.5 s of a 2 s limit: the second would time out if its clock started with the first
    const { db, paths } = setup(['slow1.txt', 'slow2.txt']);
    const s = await runBatch(db, paths, { rules: loadRules(), mode: 'import', workers: 1, timeoutMs: 2000 });
    db.close();
    expect(codes(s)).toEqual({ 'slow1.txt': 'FAKE_DONE', 'slow2.txt': 'FAKE_DONE' });
  }, 20_000);
});

describe('a failure of the run rather than the file', () => {
  it('is tried again by the next import; a failure of the file is kept', async () => {
    const { db, paths } = setup(['hang.txt', 'plain.txt']);
    const rules = loadRules();
    await runBatch(db, paths, { rules, mode: 'import', workers: 1, timeoutMs: 1000 });
    const again = await runBatch(db, paths, { rules, mode: 'import', workers: 1, timeoutMs: 1000 });
    db.close();
    // hang.txt ran again (and timed out again); plain.txt's failure (FAKE_DONE) was kept without running it
    expect(codes(again)).toEqual({ 'hang.txt': 'TIMEOUT', 'plain.txt': 'FAKE_DONE' });
    expect([again.extracted, again.unchanged, again.failed]).toEqual([0, 0, 2]);
  }, 20_000);
});
