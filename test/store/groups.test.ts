import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ExtractedDocument, Proposal } from '../../src/types.ts';
import { createViews, openReadOnly, openWritable, type DB } from '../../src/store/db.ts';
import { writeDocument, type DocumentMeta } from '../../src/store/write.ts';
import { CommitGroups } from '../../src/store/groups.ts';
import { search } from '../../src/search/index.ts';
import { tempDir } from '../cli/helpers.ts';

function proposal(seq: number, bc: string, text: string): Proposal {
  return {
    seq, kind: 'innovationsforslag', bcNumber: bc, title: `Forslag ${bc}`, subtitle: null, summary: null, fund: null, presentingDepartment: 'SOF',
    affectedDepartments: [], priceLevelYear: 2022, pageStart: null, pageEnd: null, budgetLines: [], committeeSplit: [], consultations: [],
    followUps: [], fieldRules: {}, sections: [{ ord: 1, key: 'background', heading: 'Baggrund', text, page: null }],
  };
}

const doc = (...proposals: Proposal[]): ExtractedDocument => ({ overview: null, messages: [], proposals });
const meta = (sha: string, path = 'a.txt'): DocumentMeta => ({
  path, sha256: sha.repeat(64), format: 'txt', pages: null, sizeBytes: 1, extractorVersion: 'v', rulesHash: 'r', extractedAt: '2026-01-01',
});
const count = (db: DB, sql: string) => (db.prepare(sql).get() as { n: number }).n;
/** Every row of the full-text index belongs to a search_docs row, and the other way round. */
const indexMatchesDocs = (db: DB) => {
  expect(count(db, 'SELECT COUNT(*) AS n FROM search_index WHERE rowid NOT IN (SELECT id FROM search_docs)')).toBe(0);
  expect(count(db, 'SELECT COUNT(*) AS n FROM search_docs WHERE id NOT IN (SELECT rowid FROM search_index)')).toBe(0);
};

function archive() {
  const path = join(tempDir(), 'groups.db');
  const db = openWritable(path);
  createViews(db);
  return { db, path };
}

function groupsOf(db: DB, intervalMs = 60_000) {
  const lost: unknown[] = [];
  const groups = new CommitGroups(db, { onLost: (e) => lost.push(e), intervalMs });
  return { groups, lost };
}

/** As a run writes a document in a group: its full-text rows go to the group once its transaction is released. */
function write(db: DB, groups: CommitGroups, m: DocumentMeta, d: ExtractedDocument, replaces: number | null = null) {
  const r = writeDocument(db, m, d, [], [], { replaces, holdIndex: true });
  groups.hold(r.heldIndexRows);
  return r.id;
}

describe('commit groups', () => {
  it('index a document replaced within the group by its new words only, with no row of the old version left', () => {
    const { db } = archive();
    const { groups } = groupsOf(db);
    groups.start();
    const first = write(db, groups, meta('a'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.'), proposal(2, 'BC02', 'Flere skoler.')));
    // the file was edited: the same path, other content; SQLite gives the new search rows the ids the old ones had
    write(db, groups, meta('b'), doc(proposal(1, 'BC01', 'Kommunen indfører maskinlæring.')), first);
    groups.end();
    expect(db.inTransaction).toBe(false);
    expect(search(db, 'servicebot')).toEqual([]);
    expect(search(db, 'skoler')).toEqual([]);
    expect(search(db, 'maskinlæring').map((h) => h.bc_number)).toEqual(['BC01']);
    indexMatchesDocs(db);
  });

  it('leave nothing in the index of a document whose own transaction rolled back', () => {
    const { db } = archive();
    const { groups } = groupsOf(db);
    groups.start();
    write(db, groups, meta('a', 'kept.txt'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.')));
    expect(() =>
      db.transaction(() => {
        write(db, groups, meta('b', 'lost.txt'), doc(proposal(1, 'BC02', 'Flere skoler.')));
        throw new Error('the write failed');
      })(),
    ).toThrow('the write failed');
    groups.end();
    expect(db.prepare('SELECT path FROM documents').pluck().all()).toEqual(['kept.txt']);
    expect(search(db, 'skoler')).toEqual([]);
    expect(search(db, 'servicebot').map((h) => h.bc_number)).toEqual(['BC01']);
    indexMatchesDocs(db);
  });

  it('keep the index of a committed document whose replacement rolled back after SQLite gave its search ids to the new rows', () => {
    const { db } = archive();
    // a.txt in the archive (committed before the group); its search rows hold the highest ids
    const old = writeDocument(db, meta('a', 'a.txt'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.')), [], []).id;
    const { groups } = groupsOf(db);
    groups.start();
    // a.txt was edited; the new version's write fails after its proposals were indexed (as the run's tookOver
    // rolls back when the file whose record it took over cannot be given one)
    expect(() =>
      db.transaction(() => {
        const r = writeDocument(db, meta('b', 'a.txt'), doc(proposal(1, 'BC01', 'Flere skoler.')), [], [], { replaces: old, holdIndex: true });
        throw new Error(`the write after document ${r.id} failed`);
      })(),
    ).toThrow('failed');
    write(db, groups, meta('c', 'c.txt'), doc(proposal(1, 'BC03', 'Cykelstier langs havnen.')));
    groups.end();
    expect(db.prepare('SELECT path FROM documents ORDER BY path').pluck().all()).toEqual(['a.txt', 'c.txt']);
    expect(search(db, 'servicebot').map((h) => h.bc_number)).toEqual(['BC01']);
    expect(search(db, 'skoler')).toEqual([]);
    expect(search(db, 'cykelsti').map((h) => h.bc_number)).toEqual(['BC03']);
    indexMatchesDocs(db);
  });

  it('show readers a group\'s documents, full-text rows included, when it commits and not before', async () => {
    const { db, path } = archive();
    const reader = openReadOnly(path);
    const { groups } = groupsOf(db, 50);
    groups.start();
    write(db, groups, meta('a'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.')));
    expect(count(reader, 'SELECT COUNT(*) AS n FROM proposals')).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(count(reader, 'SELECT COUNT(*) AS n FROM proposals')).toBe(1);
    expect(search(reader, 'servicebot').map((h) => h.bc_number)).toEqual(['BC01']);
    groups.end();
    reader.close();
  });

  it('report a group that SQLite rolled back, once, as failed, and forget its held index rows', () => {
    const { db } = archive();
    const { groups, lost } = groupsOf(db);
    groups.start();
    write(db, groups, meta('a'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.')));
    db.exec('ROLLBACK'); // as SQLite does itself after an I/O error or a full disk
    expect(groups.failed).toBe(true);
    expect(lost).toHaveLength(1);
    expect(() => groups.end()).toThrow(/rolled back/);
    expect(lost).toHaveLength(1);
    expect(count(db, 'SELECT COUNT(*) AS n FROM documents')).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM search_index')).toBe(0);
  });

  it('report a commit of the timer that fails, and stay failed', async () => {
    const { db } = archive();
    const { groups, lost } = groupsOf(db, 30);
    groups.start();
    write(db, groups, meta('a', 'lost.txt'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.')));
    db.exec('ROLLBACK');
    await new Promise((r) => setTimeout(r, 150));
    expect(lost).toHaveLength(1);
    expect(groups.failed).toBe(true);
    expect(db.inTransaction).toBe(false);
    expect(() => groups.end()).toThrow(/rolled back/);
    expect(count(db, 'SELECT COUNT(*) AS n FROM documents')).toBe(0);
  });

  it('commit the group under way when the process exits during the run', () => {
    const { db, path } = archive();
    const { groups } = groupsOf(db);
    groups.start();
    write(db, groups, meta('a'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.')));
    groups.endAtExit();
    const reader = openReadOnly(path);
    expect(search(reader, 'servicebot').map((h) => h.bc_number)).toEqual(['BC01']);
    reader.close();
  });
});
