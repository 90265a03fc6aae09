import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Proposal } from '../../src/types.ts';
import { createViews, openWritable, type DB } from '../../src/store/db.ts';
import { writeDocument, type DocumentMeta } from '../../src/store/write.ts';
import { KeyIndex, bcKey, relinkProposalKeys, similarKey, type Identity } from '../../src/store/keys.ts';
import { addCorrection, applyCorrections } from '../../src/store/corrections.ts';
import { search } from '../../src/search/index.ts';

function proposal(seq: number, bc: string | null, title: string, dept = 'SOF', year = 2021): Proposal {
  return {
    seq, kind: 'innovationsforslag', bcNumber: bc, title, subtitle: null, summary: null, fund: null, presentingDepartment: dept, affectedDepartments: [dept],
    priceLevelYear: year, pageStart: null, pageEnd: null, budgetLines: [], committeeSplit: [], consultations: [], followUps: [], fieldRules: {}, sections: [],
  };
}

const doc = (...proposals: Proposal[]): ExtractedDocument => ({ overview: null, messages: [], proposals });
const meta = (path: string, sha: string): DocumentMeta => ({ path, sha256: sha.padEnd(64, '0'), format: 'txt', pages: null, sizeBytes: 1, extractorVersion: 'v', rulesHash: 'r', extractedAt: '2026-01-01' });

// A sequence of writes as a batch run makes them: new documents, a document replaced by a new version of its
// file, one whose proposals disappear, titles that match a BC proposal, a slug title matched later, other
// years and departments, and two proposals of one document matching each other.
const writes: [DocumentMeta, ExtractedDocument, number | null][] = [
  [meta('a.txt', 'a1'), doc(proposal(1, 'BC20', 'Servicerobotter i hjemmeplejen'), proposal(2, null, 'Digital tandpleje for ældre'), proposal(3, 'BC30', 'Affaldssortering med kunstig intelligens')), null],
  [meta('b.txt', 'b1'), doc(proposal(1, null, 'Servicerobotter i hjemmeplejen 2.0'), proposal(2, null, 'Digital tandpleje for de ældre'), proposal(3, null, 'Cykelstier langs havnen')), null],
  [meta('c.txt', 'c1'), doc(proposal(1, null, 'Servicerobotter i hjemmeplejen'), proposal(2, null, 'Servicerobotter i hjemmeplejen'), proposal(3, null, 'Helt andet', 'KFF')), null],
  // a.txt changed: its BC20 and BC30 proposals are gone, and nothing may match them any more
  [meta('a.txt', 'a2'), doc(proposal(1, null, 'Digital tandpleje for ældre')), 1],
  [meta('e.txt', 'e1'), doc(proposal(1, null, 'Affaldssorteringen med kunstig intelligens')), null],
  // b.txt extracted again from the same bytes (new rules): its third proposal is gone
  [meta('b.txt', 'b1'), doc(proposal(1, null, 'Servicerobotter i hjemmeplejen 2.0')), null],
  [meta('f.txt', 'f1'), doc(proposal(1, null, 'Cykelstierne langs havnen')), null],
  [meta('d.txt', 'd1'), doc(proposal(1, null, 'Servicerobotter i hjemmeplejen 2.0'), proposal(2, null, 'Digital tandpleje for ældre', 'SOF', 2020)), null],
];

function keys(db: DB) {
  return db.prepare('SELECT d.path, p.seq, p.proposal_key FROM proposals p JOIN documents d ON d.id = p.document_id ORDER BY d.path, p.seq').all();
}

describe('the key index of a batch run', () => {
  it('gives the keys that reading the archive for every proposal gives, write after write', () => {
    const plain = openWritable(':memory:');
    const indexed = openWritable(':memory:');
    const index = new KeyIndex(indexed, 0.85);
    const ids = new Map<string, number>();
    for (const [m, d, replacesWrite] of writes) {
      const replaces = replacesWrite === null ? null : (ids.get(m.path) ?? null);
      const a = writeDocument(plain, m, d, [], [], { replaces, keyTitleSimilarity: 0.85 });
      const b = writeDocument(indexed, m, d, [], [], { replaces, keyIndex: index });
      expect(b.id).toBe(a.id);
      ids.set(m.path, a.id);
      expect(keys(indexed)).toEqual(keys(plain));
    }
    // the run matched titles at all: not every proposal without a BC number got its own key
    const distinct = new Set((keys(plain) as { proposal_key: string }[]).map((r) => r.proposal_key));
    expect(distinct.size).toBeLessThan(keys(plain).length - 2);
  });

  it('starts over after a write that rolled back', () => {
    const db = openWritable(':memory:');
    const index = new KeyIndex(db, 0.85);
    writeDocument(db, meta('a.txt', 'a1'), doc(proposal(1, 'BC20', 'Servicerobotter i hjemmeplejen')), [], [], { keyIndex: index });
    // a document whose write fails half-way (two proposals with the same seq break a unique constraint),
    // after its first proposal got a key of its own
    const broken = doc(proposal(1, null, 'Digital tandpleje for ældre borgere'), proposal(1, null, 'Noget andet'));
    expect(() => writeDocument(db, meta('b.txt', 'b1'), broken, [], [], { keyIndex: index })).toThrow();
    // nothing of b.txt is in the archive, so a similar title later must not take b.txt's key
    writeDocument(db, meta('c.txt', 'c1'), doc(proposal(1, null, 'Digital tandpleje for ældre borgerne')), [], [], { keyIndex: index });
    expect(db.prepare("SELECT COUNT(*) AS n FROM documents WHERE path = 'b.txt'").get()).toEqual({ n: 0 });
    expect(keys(db)).toEqual([
      { path: 'a.txt', seq: 1, proposal_key: 'BC20/2021' },
      { path: 'c.txt', seq: 1, proposal_key: 'SOF/2021/digital-tandpleje-for-ældre-borgerne' },
    ]);
  });

  it('compares proposals by their extracted year and department, also when a correction moved one during the run', () => {
    const plain = openWritable(':memory:');
    const indexed = openWritable(':memory:');
    const index = new KeyIndex(indexed, 0.85);
    const seq: [DocumentMeta, ExtractedDocument][] = [
      [meta('a.txt', 'a1'), doc(proposal(1, 'BC07', 'Servicerobotter i hjemmeplejen'))],
      [meta('b.txt', 'b1'), doc(proposal(1, null, 'Noget helt andet'), proposal(2, 'BC07', 'Servicerobotter i hjemmeplejen'))],
      [meta('c.txt', 'c1'), doc(proposal(1, null, 'Servicerobotter i hjemmeplejen 2.0'))],
    ];
    for (const db of [plain, indexed]) {
      writeDocument(db, ...seq[0]!, [], [], db === indexed ? { keyIndex: index } : {});
      addCorrection(db, 'BC07/2021', 'price_level_year', '2022', 'test');
    }
    for (const [m, d] of seq.slice(1)) {
      writeDocument(plain, m, d, [], [], { keyTitleSimilarity: 0.85 });
      writeDocument(indexed, m, d, [], [], { keyIndex: index });
      expect(keys(indexed)).toEqual(keys(plain));
    }
    // c.txt's title is compared with BC07 as extracted (2021), not as corrected (2022)
    expect(keys(plain).at(-1)).toEqual({ path: 'c.txt', seq: 1, proposal_key: 'BC07/2021' });
  });

  it('keeps a proposal without a department apart from one with an empty department', () => {
    const db = openWritable(':memory:');
    const index = new KeyIndex(db, 0.85);
    writeDocument(db, meta('a.txt', 'a1'), doc({ ...proposal(1, 'BC07', 'Servicerobotter i hjemmeplejen'), presentingDepartment: null }), [], [], { keyIndex: index });
    writeDocument(db, meta('b.txt', 'b1'), doc({ ...proposal(1, null, 'Servicerobotter i hjemmeplejen 2.0'), presentingDepartment: '' }), [], [], { keyIndex: index });
    expect((keys(db) as { proposal_key: string }[]).map((r) => r.proposal_key)).toEqual(['BC07/2021', '/2021/servicerobotter-i-hjemmeplejen-2-0']);
  });
});

describe('the key index\'s titles found by their bigrams', () => {
  it('give the key a scan of the whole bucket gives, for versions with the same title, near titles and ties', () => {
    const db = openWritable(':memory:');
    const index = new KeyIndex(db, 0.85);
    // versions of a few proposals: the same titles again (other documents, other formats), near ones, one with a
    // BC number among them (the tie rule), two titles with the same letters in another order, untitled ones
    const titles: [string | null, string | null][] = [
      [null, 'Digital tandpleje for ældre'], [null, 'Servicerobotter i hjemmeplejen'], ['BC20', 'Digital tandpleje for ældre'],
      [null, 'Digital tandpleje for ældre'], [null, 'Digital tandpleje for de ældre'], [null, 'Servicerobotter i hjemmeplejen'],
      [null, 'abab'], [null, 'baba'], [null, 'Digital  tandpleje, for ældre'], [null, null], [null, ''], ['BC21', 'Servicerobotter i hjemmeplejen'],
      [null, 'Servicerobotter i hjemmeplejen'], [null, 'Cykelstier langs havnen'], [null, 'Digital tandpleje for ældre'], [null, 'baba'],
      // a key whose BC proposal has a near title: a tie among the same titles is decided by who holds the key in the
      // whole bucket, not among the same titles
      ['BC31', 'Velfærdsteknologi på plejehjem'], [null, 'Velfærdsteknologi på plejehjem 2'], ['BC32', 'Velfærdsteknologi på plejehjem 2'],
      [null, 'Velfærdsteknologi på plejehjem 2'],
    ];
    const bucket: { row: Identity; key: string }[] = [];
    let docId = 0;
    for (const [bc, title] of titles) {
      const r: Identity = { id: ++docId, bc_number: bc, title, price_level_year: 2021, presenting_department: 'SOF' };
      const expected = bcKey(bc, 2021) ?? similarKey({ ...r, id: 0 }, bucket, 0.85).key; // keyFor's slug of an untitled one: id 0
      expect(index.keyFor(r)).toBe(expected);
      index.added(r, docId, expected);
      bucket.push({ row: r, key: expected });
      // a document is deleted now and then: the index forgets its titles
      if (docId === 9) {
        index.deletedDocument(3);
        bucket.splice(bucket.findIndex((e) => e.row.id === 3), 1);
      }
    }
    // the titles did meet: versions share keys, and the BC number's key was taken over by a later version
    const keysGiven = new Set(bucket.map((e) => e.key));
    expect(keysGiven.size).toBeLessThan(bucket.length - 5);
    expect(bucket.filter((e) => e.key === 'BC21/2021').length).toBeGreaterThan(1);
  });
});

describe('proposal keys after a run', () => {
  it('keep apart two departments that numbered different proposals alike, and keep together one proposal in several documents', () => {
    const db = openWritable(':memory:');
    writeDocument(db, meta('bundle.txt', 'g1'), doc(proposal(1, 'BC20', 'Digital selvbetjening på bibliotekerne', 'KFF', 2018), proposal(2, 'BC21', 'Velfærdsteknologi i hjemmeplejen', 'SUF', 2018)), [], []);
    writeDocument(db, meta('kff.txt', 'g2'), doc(proposal(1, 'BC20', 'Digital selvbetjening på bibliotekerne', 'KFF', 2018)), [], []);
    writeDocument(db, meta('buf.txt', 'g3'), doc(proposal(1, 'BC20', 'Ny skolemadsordning', 'BUF', 2018)), [], []);
    // a version whose department was not read goes with the department whose title it shares
    writeDocument(db, meta('nodept.txt', 'g4'), doc({ ...proposal(1, 'BC20', 'Ny skolemadsordning', 'BUF', 2018), presentingDepartment: null }), [], []);
    // the same proposal presented by another department in one document: titles alike, one proposal
    writeDocument(db, meta('suf2.txt', 'g5'), doc(proposal(1, 'BC21', 'Velfærdsteknologi i hjemmeplejen', 'SOF', 2018)), [], []);
    relinkProposalKeys(db, 0.85);
    expect(keys(db)).toEqual([
      { path: 'buf.txt', seq: 1, proposal_key: 'BC20/2018/BUF' },
      { path: 'bundle.txt', seq: 1, proposal_key: 'BC20/2018/KFF' },
      { path: 'bundle.txt', seq: 2, proposal_key: 'BC21/2018' },
      { path: 'kff.txt', seq: 1, proposal_key: 'BC20/2018/KFF' },
      { path: 'nodept.txt', seq: 1, proposal_key: 'BC20/2018/BUF' },
      { path: 'suf2.txt', seq: 1, proposal_key: 'BC21/2018' },
    ]);
  });
});

describe('a correction whose key splits', () => {
  it('is taken back from the proposals that no longer carry its key, and reported as missing its target', () => {
    const db = openWritable(':memory:');
    writeDocument(db, meta('kff.txt', 'g1'), doc(proposal(1, 'BC20', 'Digital selvbetjening på bibliotekerne', 'KFF', 2018)), [], []);
    relinkProposalKeys(db, 0.85);
    addCorrection(db, 'BC20/2018', 'title', 'Digital selvbetjening', 'test');
    createViews(db);
    const found = (words: string) => search(db, words).map((h) => h.proposal_key);
    expect(found('bibliotekerne')).toEqual([]);
    // another department numbered a different proposal BC20 the same year: the key splits by department
    writeDocument(db, meta('buf.txt', 'g2'), doc(proposal(1, 'BC20', 'Ny skolemadsordning', 'BUF', 2018)), [], []);
    relinkProposalKeys(db, 0.85);
    expect(applyCorrections(db)).toEqual({ applied: 0, missing: 1 });
    expect(db.prepare('SELECT proposal_key, title FROM proposals ORDER BY proposal_key').all()).toEqual([
      { proposal_key: 'BC20/2018/BUF', title: 'Ny skolemadsordning' },
      { proposal_key: 'BC20/2018/KFF', title: 'Digital selvbetjening på bibliotekerne' },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM correction_applications').get()).toEqual({ n: 0 });
    // the title taken back is found by its own words again
    expect(found('bibliotekerne')).toEqual(['BC20/2018/KFF']);
  });
});

describe('a correction whose proposal joins another key', () => {
  it('goes with it when all its versions went to that key, and is applied to the versions there', () => {
    const db = openWritable(':memory:');
    writeDocument(db, meta('udkast.txt', 'd1'), doc(proposal(1, null, 'Servicerobotter i hjemmeplejen')), [], []);
    relinkProposalKeys(db, 0.85);
    const draftKey = (db.prepare('SELECT proposal_key FROM proposals').pluck().get() as string);
    addCorrection(db, draftKey, 'fund', 'Innovationspuljen', 'test');
    // the final version, with a BC number, arrives: the draft joins its key
    writeDocument(db, meta('bilag.txt', 'b1'), doc(proposal(1, 'BC20', 'Servicerobotter i hjemmeplejen')), [], []);
    relinkProposalKeys(db, 0.85);
    expect(applyCorrections(db)).toEqual({ applied: 1, missing: 0 });
    expect(db.prepare('SELECT proposal_key, fund FROM proposals ORDER BY id').all()).toEqual([
      { proposal_key: 'BC20/2021', fund: 'Innovationspuljen' },
      { proposal_key: 'BC20/2021', fund: 'Innovationspuljen' },
    ]);
    expect(db.prepare('SELECT proposal_key FROM corrections').pluck().all()).toEqual(['BC20/2021']);
  });
});
