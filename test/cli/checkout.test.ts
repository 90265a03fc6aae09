/** A checkout that shares its node_modules with another (a symlink, as CI caches and worktrees do) runs its own code and rules. */
import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, existsSync, readdirSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { root } from '../eval/score.ts';
import { hashRulesDir } from '../../src/rules/index.ts';
import { tempDir } from './helpers.ts';

describe('a second checkout with a shared node_modules', () => {
  it('extracts with its own rules and keeps its bundles in its own folder', () => {
    const other = join(tempDir(), 'checkout');
    for (const part of ['bin', 'src', 'rules', 'package.json']) cpSync(join(root, part), join(other, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(other, 'node_modules'), 'dir');
    // its rules differ from ours (a byte that changes their hash, not what they extract)
    appendFileSync(join(other, 'rules', 'departments.json'), '\n');
    const db = join(other, 'a.db');
    const r = spawnSync(process.execPath, [join(other, 'bin', 'proposals.js'), 'import', join(root, 'corpus', 'txt', '000_49951f981d2009a6.txt'), '--db', db], { cwd: other, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const run = new Database(db, { readonly: true }).prepare('SELECT rules_hash FROM extraction_runs').get() as { rules_hash: string };
    expect(run.rules_hash).toBe(hashRulesDir(join(other, 'rules')));
    expect(run.rules_hash).not.toBe(hashRulesDir(join(root, 'rules')));
    // the bundles it ran are in the checkout, not in the node_modules it shares
    expect(existsSync(join(other, '.cache', 'proposal-extract'))).toBe(true);
    expect(readdirSync(join(other, '.cache', 'proposal-extract')).filter((n) => n.endsWith('.mjs')).length).toBeGreaterThan(0);
  });
});
