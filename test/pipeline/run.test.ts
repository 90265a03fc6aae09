import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runBatch } from '../../src/pipeline/run.ts';
import { collectFiles } from '../../src/pipeline/files.ts';
import { openWritable } from '../../src/store/db.ts';
import { loadRules } from '../../src/rules/index.ts';
import { tempDir } from '../cli/helpers.ts';

const corpus = join(import.meta.dirname, '..', '..', 'corpus');

describe('a batch run', () => {
  it('stops every lane at an error that is not a file\'s own, lets the files under way finish, and ends as interrupted', async () => {
    const db = openWritable(join(tempDir(), 'run.db'));
    const paths = await collectFiles([corpus]);
    let seen = 0;
    await expect(
      runBatch(db, paths, {
        rules: loadRules(),
        mode: 'import',
        workers: 2,
        onFile: () => {
          if (++seen === 2) throw new Error('progress display broke');
        },
      }),
    ).rejects.toThrow('progress display broke');
    const run = db.prepare('SELECT status, finished_at FROM extraction_runs').get() as { status: string; finished_at: string | null };
    expect(run.status).toBe('interrupted');
    expect(run.finished_at).not.toBeNull();
    // at most the two files of each lane under way when the error came, not the whole batch
    const docs = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    expect(docs).toBeGreaterThanOrEqual(2);
    expect(docs).toBeLessThanOrEqual(5);
    expect(paths.length).toBe(15);
    db.close();
  });
});
