/** Proposal ids across re-extraction: kept by BC number (as extracted), else position; new ones never collide. */
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Proposal } from '../../src/types.ts';
import { openWritable, type DB } from '../../src/store/db.ts';
import { writeDocument, type DocumentMeta } from '../../src/store/write.ts';
import { addCorrection } from '../../src/store/corrections.ts';
import { relinkProposalKeys } from '../../src/store/keys.ts';

const proposal = (seq: number, bcNumber: string | null, title: string): Proposal => ({
  seq, kind: 'innovationsforslag', bcNumber, title, subtitle: null, summary: null, fund: null, presentingDepartment: 'KFF', affectedDepartments: [],
  priceLevelYear: 2016, pageStart: null, pageEnd: null, committeeSplit: [], consultations: [], followUps: [], fieldRules: {}, sections: [],
  budgetLines: [{ tableKind: 'consequences', lineNo: 1, label: 'Udvikling', category: null, steeringArea: 'Service', isTotal: false, inRequest: true, amounts: [{ year: 2017, amount: 100 * seq, page: null }], page: null, ruleId: 'tables.consequences' }],
});
const doc = (...ps: [string | null, string][]): ExtractedDocument => ({ overview: null, messages: [], proposals: ps.map(([bc, t], i) => proposal(i + 1, bc, t)) });
const meta = (path: string, content: string): DocumentMeta => ({ path, sha256: content.padEnd(64, '0'), format: 'txt', pages: null, sizeBytes: 1, extractorVersion: 'v', rulesHash: 'r', extractedAt: '2026-01-01' });
const ids = (db: DB, path: string) => db.prepare('SELECT p.bc_number, p.title, p.id FROM proposals p JOIN documents d ON d.id = p.document_id WHERE d.path = ? ORDER BY p.seq').raw().all(path);

describe('proposal ids', () => {
  it('a revised bundle keeps the ids of the proposals it holds again, and a new one before them gets a free id', () => {
    const db = openWritable(':memory:');
    writeDocument(db, meta('other.txt', 'b'), doc(['BC01', 'Andet forslag']), [], []);
    const first = writeDocument(db, meta('bundle.txt', 'a'), doc(['BC10', 'Droner'], ['BC11', 'Sensorer']), [], []);
    expect(ids(db, 'bundle.txt')).toEqual([['BC10', 'Droner', 2], ['BC11', 'Sensorer', 3]]);
    // a proposal added at the start: SQLite's next id (max + 1 once the old rows are gone) would be BC10's
    const second = writeDocument(db, meta('bundle.txt', 'a2'), doc(['BC09', 'Robotter'], ['BC10', 'Droner'], ['BC11', 'Sensorer']), [], [], { replaces: first.id });
    expect(ids(db, 'bundle.txt')).toEqual([['BC09', 'Robotter', 4], ['BC10', 'Droner', 2], ['BC11', 'Sensorer', 3]]);
    // and another, with a renamed one: BC11 is gone, so its id is not given to the new BC12
    writeDocument(db, meta('bundle.txt', 'a3'), doc(['BC08', 'Apps'], ['BC09', 'Robotter'], ['BC10', 'Droner'], ['BC12', 'Sensorer 2']), [], [], { replaces: second.id });
    expect(ids(db, 'bundle.txt')).toEqual([['BC08', 'Apps', 5], ['BC09', 'Robotter', 4], ['BC10', 'Droner', 2], ['BC12', 'Sensorer 2', 6]]);
  });

  it('two proposals with one BC number keep theirs in order; one without a BC number keeps its by position', () => {
    const db = openWritable(':memory:');
    const first = writeDocument(db, meta('x.txt', 'a'), doc(['BC05', 'Første'], ['BC05', 'Anden'], [null, 'Uden nummer']), [], []);
    // a document written after it holds the highest ids, so a new id would not happen to be an old one
    writeDocument(db, meta('other.txt', 'b'), doc(['BC01', 'Andet forslag']), [], []);
    const before = ids(db, 'x.txt');
    writeDocument(db, { ...meta('x.txt', 'a'), rulesHash: 'r2' }, doc(['BC05', 'Første'], ['BC05', 'Anden'], [null, 'Uden nummer']), [], [], { replaces: first.id });
    expect(ids(db, 'x.txt')).toEqual(before);
  });

  it('a proposal whose BC number was corrected keeps its id: it is known by the number it was extracted with', () => {
    const db = openWritable(':memory:');
    const first = writeDocument(db, meta('x.txt', 'a'), doc(['BC21', 'Hackathons']), [], []);
    const key = db.prepare('SELECT proposal_key FROM proposals').pluck().get() as string;
    writeDocument(db, meta('other.txt', 'b'), doc(['BC01', 'Andet forslag']), [], []);
    addCorrection(db, key, 'bc_number', 'BC20', 'the overview lists it as BC20');
    const before = ids(db, 'x.txt');
    expect(before).toEqual([['BC20', 'Hackathons', 1]]);
    writeDocument(db, { ...meta('x.txt', 'a'), rulesHash: 'r2' }, doc(['BC21', 'Hackathons']), [], [], { replaces: first.id });
    expect(ids(db, 'x.txt')).toEqual(before);
  });

  it('a version another file took over keeps its proposals and ids; the edited file gets new ones', () => {
    const db = openWritable(':memory:');
    const old = writeDocument(db, meta('a.txt', 'a'), doc(['BC03', 'Haller']), [], []);
    // b.txt is a copy of a.txt's old content: it takes that record over, with its proposal
    db.prepare("UPDATE documents SET path = 'b.txt' WHERE id = ?").run(old.id);
    writeDocument(db, meta('a.txt', 'a2'), doc(['BC03', 'Haller, rettet']), [], [], { replaces: old.id });
    expect(ids(db, 'b.txt')).toEqual([['BC03', 'Haller', 1]]);
    expect(ids(db, 'a.txt')).toEqual([['BC03', 'Haller, rettet', 2]]);
  });

  it('of two proposals with one BC number, the one left keeps its own id, and the other one\'s removal is a change', () => {
    const db = openWritable(':memory:');
    const first = writeDocument(db, meta('x.txt', 'a'), doc(['BC20', 'Hackathons'], ['BC20', 'Dashboards']), [], []);
    writeDocument(db, meta('other.txt', 'b'), doc(['BC01', 'Andet forslag']), [], []);
    const second = writeDocument(db, meta('x.txt', 'a2'), doc(['BC20', 'Dashboards']), [], [], { replaces: first.id });
    expect(ids(db, 'x.txt')).toEqual([['BC20', 'Dashboards', 2]]);
    // (its amount follows its position in this fixture)
    expect(second.changes.map((c) => [c.proposal, c.change])).toEqual([['BC20 "Hackathons"', 'proposal_removed'], ['BC20 "Dashboards"', 'amount_changed']]);
  });

  it('the id of a removed proposal is not given to a later one', () => {
    const db = openWritable(':memory:');
    const v1 = writeDocument(db, meta('x.txt', 'a'), doc(['BC10', 'Droner']), [], []);
    writeDocument(db, meta('other.txt', 'b'), doc(['BC01', 'Andet forslag']), [], []);
    const v2 = writeDocument(db, meta('x.txt', 'a2'), doc(['BC10', 'Droner'], ['BC11', 'Sensorer']), [], [], { replaces: v1.id });
    expect(ids(db, 'x.txt')).toEqual([['BC10', 'Droner', 1], ['BC11', 'Sensorer', 3]]);
    const v3 = writeDocument(db, meta('x.txt', 'a3'), doc(['BC10', 'Droner']), [], [], { replaces: v2.id });
    // 3 is free and above every id in use now, but it named BC11
    writeDocument(db, meta('x.txt', 'a4'), doc(['BC10', 'Droner'], ['BC12', 'Robotter']), [], [], { replaces: v3.id });
    expect(ids(db, 'x.txt')).toEqual([['BC10', 'Droner', 1], ['BC12', 'Robotter', 4]]);
  });

  it('a correction of a field extracted empty changes neither the key, nor the id, nor what a re-extraction says changed', () => {
    const db = openWritable(':memory:');
    const first = writeDocument(db, meta('x.txt', 'a'), doc([null, 'Intelligente dashboards']), [], []);
    const key = db.prepare('SELECT proposal_key FROM proposals').pluck().get() as string;
    expect(key).toBe('KFF/2016/intelligente-dashboards');
    addCorrection(db, key, 'bc_number', 'BC77', 'the overview lists it as BC77');
    relinkProposalKeys(db, 0.8);
    expect(db.prepare('SELECT proposal_key, bc_number FROM proposals').raw().get()).toEqual([key, 'BC77']);
    const again = writeDocument(db, { ...meta('x.txt', 'a'), rulesHash: 'r2' }, doc([null, 'Intelligente dashboards']), [], [], { replaces: first.id });
    relinkProposalKeys(db, 0.8);
    expect(db.prepare('SELECT id, proposal_key, bc_number FROM proposals').raw().get()).toEqual([1, key, 'BC77']);
    expect(again.changes).toEqual([]);
  });
});
