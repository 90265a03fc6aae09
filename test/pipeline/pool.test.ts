import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createExtractor } from '../../src/pipeline/pool.ts';
import { defaultRulesDir } from '../../src/rules/index.ts';
import { DEFAULT_LIMITS } from '../../src/ingest/index.ts';

const txt = join(import.meta.dirname, '..', '..', 'corpus', 'txt', '003_8133a643882840f1.txt');

describe('extraction pool', () => {
  it('starts no worker thread before a lane gets a task, so a run with nothing to extract starts none', async () => {
    const ex = await createExtractor({ workers: 2, timeoutMs: 60_000 });
    expect(ex.lanes).toBe(2);
    expect(ex.threads()).toBe(0);
    await ex.close();
  });

  it('runs a task on the worker of its lane only', async () => {
    const ex = await createExtractor({ workers: 2, timeoutMs: 60_000 });
    try {
      const r = await ex.run({ path: txt, buf: new Uint8Array(readFileSync(txt)), rulesDir: defaultRulesDir, limits: DEFAULT_LIMITS }, 1);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.extracted.proposals.length).toBe(1);
      expect([ex.threads(0), ex.threads(1), ex.threads()]).toEqual([0, 1, 1]);
    } finally {
      await ex.close();
    }
  });
});
