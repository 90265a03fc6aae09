import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportNames } from '../../src/cli/export.ts';
import { root } from '../eval/score.ts';
import { proposals, tempDir } from './helpers.ts';

describe('export file names', () => {
  it('keep Danish letters, and tell apart documents of the same name in different folders', () => {
    const docs = [
      { path: '/arkiv/2018/Bilag 3 Økonomi.pdf', sha256: 'aaaaaaaaaaaa1111' },
      { path: '/arkiv/2019/Bilag 3 Økonomi.pdf', sha256: 'bbbbbbbbbbbb2222' },
      { path: '/arkiv/2019/bilag 3 økonomi.PDF', sha256: 'cccccccccccc3333' },
      { path: '/arkiv/2019/Forslag (BC07).docx', sha256: 'dddd' },
    ];
    expect(exportNames(docs).map(([, n]) => n)).toEqual([
      'Bilag_3_Økonomi.pdf.aaaaaaaaaaaa.json',
      'Bilag_3_Økonomi.pdf.bbbbbbbbbbbb.json',
      'bilag_3_økonomi.PDF.cccccccccccc.json',
      'Forslag_BC07_.docx.json',
    ]);
  });
});

describe('proposals export', () => {
  it('removes the files of its earlier export that no document has now, and leaves other files alone', () => {
    const dir = tempDir();
    const a = join(dir, 'one', 'forslag.txt');
    mkdirSync(join(dir, 'one'));
    mkdirSync(join(dir, 'two'));
    copyFileSync(join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), a);
    const db = join(dir, 'e.db');
    const out = join(dir, 'out');
    expect(proposals(['import', a, '--db', db]).code).toBe(0);
    expect(proposals(['export', '--db', db, '--out', out]).code).toBe(0);
    writeFileSync(join(out, 'notes.md'), 'mine');
    expect(readdirSync(out).filter((n) => !n.startsWith('.')).sort()).toEqual(['forslag.txt.json', 'notes.md']);
    // a second document of the same name: both are now named with their hash, and the old name goes
    copyFileSync(join(root, 'corpus', 'txt', '004_f37da8f085268bea.txt'), join(dir, 'two', 'forslag.txt'));
    expect(proposals(['import', join(dir, 'two'), '--db', db]).code).toBe(0);
    const r = proposals(['export', '--db', db, '--out', out]);
    expect(r.stdout).toMatch(/removed 1 file/);
    const files = readdirSync(out).filter((n) => !n.startsWith('.')).sort();
    expect(files).toHaveLength(3);
    expect(files.filter((n) => /^forslag\.txt\.[0-9a-f]{12}\.json$/.test(n))).toHaveLength(2);
    expect(files).toContain('notes.md');
  });

  it('says of a document whose file is gone that it is missing', () => {
    const dir = tempDir();
    const a = join(dir, 'forslag.txt');
    copyFileSync(join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), a);
    copyFileSync(join(root, 'corpus', 'txt', '004_f37da8f085268bea.txt'), join(dir, 'andet.txt'));
    const db = join(dir, 'e.db');
    const out = join(dir, 'out');
    expect(proposals(['import', dir, '--db', db]).code).toBe(0);
    renameSync(a, `${a}.bak`);
    expect(proposals(['reextract', '--db', db]).code).toBe(1);
    expect(proposals(['export', '--db', db, '--out', out]).code).toBe(0);
    const missing = (name: string) => (JSON.parse(readFileSync(join(out, name), 'utf8')) as { missing: number }).missing;
    expect([missing('forslag.txt.json'), missing('andet.txt.json')]).toEqual([1, 0]);
  });

  it.runIf(existsSync('/proc/self'))('a folder that cannot be made (here under /proc) is an error naming it, for --out and --db, not a hang', () => {
    const dir = tempDir();
    const db = join(dir, 'e.db');
    expect(proposals(['import', join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), '--db', db]).code).toBe(0);
    const out = proposals(['export', '--db', db, '--out', '/proc/no-such-folder/out'], { timeoutMs: 20_000 });
    expect([out.code, out.stderr]).toEqual([2, "proposals export: ENOENT: no such file or directory, mkdir '/proc/no-such-folder'\n"]);
    const imp = proposals(['import', join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), '--db', '/proc/no-such-folder/a.db'], { timeoutMs: 20_000 });
    expect([imp.code, imp.stderr]).toEqual([2, "proposals import: ENOENT: no such file or directory, mkdir '/proc/no-such-folder'\n"]);
  });
});
