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
  const events = { rollbacks: 0, errors: [] as unknown[] };
  const groups = new CommitGroups(db, { onCommitError: (e) => events.errors.push(e), onRollback: () => events.rollbacks++ }, intervalMs);
  return { groups, events };
}

describe('commit groups', () => {
  it('index a document replaced within the group by its new words only, with no row of the old version left', () => {
    const { db } = archive();
    const { groups } = groupsOf(db);
    groups.start();
    writeDocument(db, meta('a'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.'), proposal(2, 'BC02', 'Flere skoler.')), [], [], { pendingIndex: groups.pendingIndex });
    const first = db.prepare('SELECT id FROM documents').pluck().get() as number;
    // the file was edited: the same path, other content; SQLite gives the new search rows the ids the old ones had
    writeDocument(db, meta('b'), doc(proposal(1, 'BC01', 'Kommunen indfører maskinlæring.')), [], [], { replaces: first, pendingIndex: groups.pendingIndex });
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
    writeDocument(db, meta('a', 'kept.txt'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.')), [], [], { pendingIndex: groups.pendingIndex });
    expect(() =>
      db.transaction(() => {
        writeDocument(db, meta('b', 'lost.txt'), doc(proposal(1, 'BC02', 'Flere skoler.')), [], [], { pendingIndex: groups.pendingIndex });
        throw new Error('the write failed');
      })(),
    ).toThrow('the write failed');
    groups.end();
    expect(db.prepare('SELECT path FROM documents').pluck().all()).toEqual(['kept.txt']);
    expect(search(db, 'skoler')).toEqual([]);
    expect(search(db, 'servicebot').map((h) => h.bc_number)).toEqual(['BC01']);
    indexMatchesDocs(db);
  });

  it('show readers a group\'s documents, full-text rows included, when it commits and not before', async () => {
    const { db, path } = archive();
    const reader = openReadOnly(path);
    const { groups } = groupsOf(db, 50);
    groups.start();
    writeDocument(db, meta('a'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.')), [], [], { pendingIndex: groups.pendingIndex });
    expect(count(reader, 'SELECT COUNT(*) AS n FROM proposals')).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(count(reader, 'SELECT COUNT(*) AS n FROM proposals')).toBe(1);
    expect(search(reader, 'servicebot').map((h) => h.bc_number)).toEqual(['BC01']);
    groups.end();
    reader.close();
  });

  it('report a group that SQLite rolled back, forget its held index rows and ask for the key index to be read again', () => {
    const { db } = archive();
    const { groups, events } = groupsOf(db);
    groups.start();
    writeDocument(db, meta('a'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.')), [], [], { pendingIndex: groups.pendingIndex });
    db.exec('ROLLBACK'); // as SQLite does itself after an I/O error or a full disk
    expect(groups.pendingIndex).toBeUndefined();
    expect(() => groups.end()).toThrow(/rolled back/);
    expect(events.rollbacks).toBe(1);
    expect(count(db, 'SELECT COUNT(*) AS n FROM documents')).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM search_index')).toBe(0);
  });

  it('report a commit of the timer that fails, and leave writes after it to their own transactions', async () => {
    const { db } = archive();
    const { groups, events } = groupsOf(db, 30);
    groups.start();
    writeDocument(db, meta('a', 'lost.txt'), doc(proposal(1, 'BC01', 'Kommunen bygger servicebotter.')), [], [], { pendingIndex: groups.pendingIndex });
    db.exec('ROLLBACK');
    await new Promise((r) => setTimeout(r, 150));
    expect(events.errors).toHaveLength(1);
    expect(events.rollbacks).toBe(1);
    expect(groups.pendingIndex).toBeUndefined();
    // a file that was under way is written and committed on its own, its index rows with it
    writeDocument(db, meta('b', 'after.txt'), doc(proposal(1, 'BC02', 'Flere skoler.')), [], [], { pendingIndex: groups.pendingIndex });
    expect(db.inTransaction).toBe(false);
    groups.end();
    expect(db.prepare('SELECT path FROM documents').pluck().all()).toEqual(['after.txt']);
    expect(search(db, 'skoler').map((h) => h.bc_number)).toEqual(['BC02']);
    indexMatchesDocs(db);
  });
});
