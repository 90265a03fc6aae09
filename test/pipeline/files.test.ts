import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectFiles, extractionOrder, goneFromDisk, Lanes } from '../../src/pipeline/files.ts';
import { tempDir } from '../cli/helpers.ts';

describe('extraction order', () => {
  it('groups files by format, PDF then DOCX then text, keeping the given order within a format', () => {
    const paths = ['/a/1.txt', '/a/2.PDF', '/a/3.docx', '/b/4.pdf', '/b/5.txt', '/b/6.DOCX', '/c/7.odt', '/c/8'];
    expect(extractionOrder(paths)).toEqual(['/a/2.PDF', '/b/4.pdf', '/a/3.docx', '/b/6.DOCX', '/a/1.txt', '/b/5.txt', '/c/7.odt', '/c/8']);
  });

  it('returns every path once and leaves its input alone', () => {
    const paths = ['/x.pdf', '/y.txt', '/x.pdf.txt', '/z.docx'];
    const copy = [...paths];
    const out = extractionOrder(paths);
    expect([...out].sort()).toEqual([...paths].sort());
    expect(paths).toEqual(copy);
  });
});

describe('lanes', () => {
  const take = (lanes: Lanes, lane: number) => {
    const out: string[] = [];
    for (let p = lanes.next(lane); p !== undefined; p = lanes.next(lane)) out.push(p);
    return out;
  };

  it('with one worker hands out the extraction order itself', () => {
    const ordered = extractionOrder(['/1.txt', '/2.pdf', '/3.docx', '/4.pdf']);
    expect(take(new Lanes(ordered, 1), 0)).toEqual(ordered);
  });

  it('gives two workers a format each where the formats change near the middle', () => {
    const ordered = [...['a', 'b', 'c', 'd'].map((n) => `/${n}.pdf`), ...['e', 'f', 'g'].map((n) => `/${n}.docx`), '/h.txt'];
    const lanes = new Lanes(ordered, 2);
    expect([lanes.next(0), lanes.next(0), lanes.next(1), lanes.next(1)]).toEqual(['/a.pdf', '/b.pdf', '/e.docx', '/f.docx']);
  });

  it('cuts an archive of one format evenly', () => {
    const ordered = Array.from({ length: 10 }, (_, i) => `/${i}.pdf`);
    const lanes = new Lanes(ordered, 2);
    expect([lanes.next(0), lanes.next(1)]).toEqual(['/0.pdf', '/5.pdf']);
  });

  it('lets a lane whose part is done take from the back of the part with the most left', () => {
    const ordered = ['/a.pdf', '/b.pdf', '/c.pdf', '/d.pdf', '/e.pdf', '/f.docx', '/g.docx', '/h.docx'];
    const lanes = new Lanes(ordered, 2);
    expect(take(lanes, 1)).toEqual(['/f.docx', '/g.docx', '/h.docx', '/e.pdf', '/d.pdf', '/c.pdf', '/b.pdf', '/a.pdf']);
    expect(lanes.next(0)).toBeUndefined();
  });

  it('hands out every file exactly once, whatever the lanes ask for', () => {
    const ordered = extractionOrder(Array.from({ length: 37 }, (_, i) => `/${i}.${['pdf', 'docx', 'txt'][i % 3]}`));
    for (const n of [1, 2, 3, 5, 40]) {
      const lanes = new Lanes(ordered, n);
      const seen: string[] = [];
      for (let i = 0, idle = 0; idle < lanes.count; i++) {
        const p = lanes.next((i * 7) % lanes.count);
        if (p === undefined) idle++;
        else seen.push(p);
      }
      expect([...seen].sort()).toEqual([...ordered].sort());
    }
  });
});

describe('collecting files', () => {
  it('reads a folder reached both directly and through a link under its own path, whichever sorts first', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'z-real', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'z-real', 'deeper', 'a.txt'), 'x');
    // 'a-link' sorts before 'z-real', and a link deeper in another folder points at a folder inside it
    symlinkSync(join(dir, 'z-real'), join(dir, 'a-link'));
    mkdirSync(join(dir, 'b'));
    symlinkSync(join(dir, 'z-real', 'deeper'), join(dir, 'b', 'shortcut'));
    expect((await collectFiles([dir])).files).toEqual([join(dir, 'z-real', 'deeper', 'a.txt')]);
  });

  it('passes over hidden folders (snapshots, trash) inside a folder, and says so; reads a hidden folder it is given', async () => {
    const dir = tempDir();
    for (const d of ['2019', '.snapshot/hourly.0', '.Trash-1000/files']) mkdirSync(join(dir, d), { recursive: true });
    for (const f of ['2019/a.txt', '.snapshot/hourly.0/a.txt', '.Trash-1000/files/old.pdf']) writeFileSync(join(dir, f), 'x');
    symlinkSync(join(dir, '2019'), join(dir, '.latest'));
    const r = await collectFiles([dir]);
    expect(r.files).toEqual([join(dir, '2019', 'a.txt')]);
    expect(r.skipped.map((x) => [x.path, x.reason]).sort()).toEqual(
      ['.latest', '.snapshot', '.Trash-1000'].map((n) => [join(dir, n), 'a hidden folder (snapshots, trash, version control): not read']).sort(),
    );
    expect((await collectFiles([join(dir, '.snapshot')])).files).toEqual([join(dir, '.snapshot', 'hourly.0', 'a.txt')]);
    // also after its parent, whose walk passed over it
    expect((await collectFiles([dir, join(dir, '.snapshot')])).files).toEqual([join(dir, '.snapshot', 'hourly.0', 'a.txt'), join(dir, '2019', 'a.txt')].sort());
  });

  it('still reads a folder that only a link reaches', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'b.txt'), 'x');
    const dir = tempDir();
    mkdirSync(join(dir, 'own'));
    writeFileSync(join(dir, 'own', 'a.txt'), 'x');
    symlinkSync(outside, join(dir, 'share'));
    expect((await collectFiles([dir])).files).toEqual([join(dir, 'own', 'a.txt'), join(dir, 'share', 'b.txt')]);
  });
});

describe('goneFromDisk: a recorded file is missing only when it is gone, not when it is out of reach', () => {
  it('a deleted file and a file of a deleted folder are gone; one that is there is not', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'x.txt'), 'x');
    expect(goneFromDisk(join(dir, 'a', 'x.txt'))).toBe(false);
    expect(goneFromDisk(join(dir, 'a', 'y.txt'))).toBe(true);
    expect(goneFromDisk(join(dir, 'b', 'c', 'y.txt'))).toBe(true);
    // a file where the path wants a folder
    expect(goneFromDisk(join(dir, 'a', 'x.txt', 'z.txt'))).toBe(true);
  });

  it('a file behind a link to nothing (a share not mounted), or a link to nothing itself, is out of reach', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'target'));
    writeFileSync(join(dir, 'target', 'x.txt'), 'x');
    symlinkSync(join(dir, 'target'), join(dir, 'share'));
    symlinkSync(join(dir, 'target', 'x.txt'), join(dir, 'link.txt'));
    expect(goneFromDisk(join(dir, 'share', 'y.txt'))).toBe(true); // the link leads somewhere: y is gone from there
    rmSync(join(dir, 'target'), { recursive: true });
    expect(goneFromDisk(join(dir, 'share', 'x.txt'))).toBe(false);
    expect(goneFromDisk(join(dir, 'share', 'sub', 'x.txt'))).toBe(false);
    expect(goneFromDisk(join(dir, 'link.txt'))).toBe(false);
  });

  // root reads every folder whatever its mode
  it.skipIf(process.getuid?.() === 0)('a file in a folder that cannot be read is out of reach', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'closed'));
    writeFileSync(join(dir, 'closed', 'x.txt'), 'x');
    chmodSync(join(dir, 'closed'), 0o000);
    try {
      expect(goneFromDisk(join(dir, 'closed', 'x.txt'))).toBe(false);
    } finally {
      chmodSync(join(dir, 'closed'), 0o755);
    }
  });
});
