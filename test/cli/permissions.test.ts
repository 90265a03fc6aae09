/**
 * Files out of reach on a reextract: a file whose read permission was taken away, and a file in a folder that
 * cannot be entered, are failures of the run that keep the version extracted before, said as what they are; not
 * unchanged, not missing, not "no such file". Permissions mean nothing to root, so as root the command runs as
 * the user nobody (setpriv), in a folder given to nobody.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root } from '../eval/score.ts';
import { count, events, proposals, tempDir } from './helpers.ts';

const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** The `proposals` command as a user permissions apply to. */
function unprivileged(args: string[]) {
  const node = [process.execPath, join(root, 'bin', 'proposals.js'), ...args];
  const cmd = asRoot ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...node] : node;
  const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Everything under dir to nobody, and the test's temporary folders above it passable by nobody. */
function giveAway(dir: string): void {
  if (!asRoot) return;
  const walk = (p: string) => {
    chownSync(p, NOBODY, NOBODY);
    if (statSync(p).isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
  };
  walk(dir);
  for (let p = dirname(dir); p.startsWith(tmpdir()); p = dirname(p)) chmodSync(p, statSync(p).mode | 0o111);
}

describe('files out of reach on a reextract', () => {
  it('a file that may not be read, and a file in a folder that may not be entered, fail with UNREADABLE and keep their versions', () => {
    const dir = tempDir('perm-');
    const docs = join(dir, 'docs');
    mkdirSync(join(docs, 'sub'), { recursive: true });
    const txt = join(root, 'corpus', 'txt');
    const [a, b, c] = readdirSync(txt).sort();
    writeFileSync(join(docs, 'a.txt'), readFileSync(join(txt, a!)));
    writeFileSync(join(docs, 'b.txt'), readFileSync(join(txt, b!)));
    writeFileSync(join(docs, 'sub', 'c.txt'), readFileSync(join(txt, c!)));
    const db = join(dir, 'p.db');
    // built as root, so the bundles exist before a user who may not write them runs
    expect(proposals(['import', docs, '--db', db]).code).toBe(0);
    const proposalsBefore = count(db, 'SELECT COUNT(*) FROM proposals');
    giveAway(dir);
    expect(unprivileged(['reextract', '--db', db]).stdout).toMatch(/0 extracted, 3 unchanged, 0 failed/);
    chmodSync(join(docs, 'a.txt'), 0o000);
    chmodSync(join(docs, 'sub'), 0o000);
    const r = unprivileged(['reextract', '--db', db]);
    chmodSync(join(docs, 'sub'), 0o755);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/0 extracted, 1 unchanged, 2 failed, 0 missing/);
    const failed = events(r.stderr).filter((e) => e.event === 'failed').map((e) => [e.path, e.code, e.reason]).sort();
    expect(failed).toEqual([
      [join(docs, 'a.txt'), 'UNREADABLE', expect.stringMatching(/cannot be read \(EACCES: permission denied.*; the version extracted on an earlier run is kept$/)],
      [join(docs, 'sub', 'c.txt'), 'UNREADABLE', expect.stringMatching(/cannot be read: a folder on its path cannot be read \(EACCES.*; the version extracted on an earlier run is kept$/)],
    ]);
    expect(count(db, 'SELECT COUNT(*) FROM proposals')).toBe(proposalsBefore);
    expect(count(db, 'SELECT COUNT(*) FROM documents WHERE missing = 1 OR status <> \'ok\'')).toBe(0);
  });

  it('a folder given to import that may not be read is said to be so, not to hold no documents', () => {
    const dir = tempDir('perm-');
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'a.txt'), readFileSync(join(root, 'corpus', 'txt', '003_8133a643882840f1.txt')));
    giveAway(dir);
    chmodSync(join(dir, 'locked'), 0o000);
    const r = unprivileged(['import', join(dir, 'locked'), '--db', join(dir, 'p.db')]);
    chmodSync(join(dir, 'locked'), 0o755);
    expect([r.code, r.stderr]).toEqual([2, `proposals import: ${join(dir, 'locked')}: the folder cannot be read (EACCES)\n`]);
  });
});
