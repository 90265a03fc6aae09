import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Proposal } from '../../src/types.ts';
import { createViews, openWritable } from '../../src/store/db.ts';
import { writeDocument, type DocumentMeta } from '../../src/store/write.ts';
import { relinkProposalKeys } from '../../src/store/keys.ts';
import { findProposals } from '../../src/cli/show.ts';

const proposal = (bc: string, title: string, dept: string): Proposal => ({
  seq: 1, kind: 'innovationsforslag', bcNumber: bc, title, subtitle: null, summary: null, fund: null, presentingDepartment: dept, affectedDepartments: [dept],
  priceLevelYear: 2019, pageStart: null, pageEnd: null, budgetLines: [], committeeSplit: [], consultations: [], followUps: [], fieldRules: {}, sections: [],
});
const doc = (p: Proposal): ExtractedDocument => ({ overview: null, messages: [], proposals: [p] });
const meta = (path: string): DocumentMeta => ({ path, sha256: path.padEnd(64, '0'), format: path.split('.').pop() as DocumentMeta['format'], pages: null, sizeBytes: 1, extractorVersion: 'v', rulesHash: 'r', extractedAt: '2026-01-01' });

/** An archive in memory with one document per proposal, keys linked: the keys `show` finds for an id. */
function archive(...files: [path: string, p: Proposal][]) {
  const db = openWritable(':memory:');
  createViews(db);
  const add = (...more: [string, Proposal][]) => {
    for (const [path, p] of more) writeDocument(db, meta(path), doc(p), [], []);
    relinkProposalKeys(db, 0.85);
  };
  add(...files);
  return { add, keys: (id: string) => findProposals(db, id).map((p) => p.proposal_key), paths: (id: string) => findProposals(db, id).map((p) => p.path) };
}

describe('show finds proposals', () => {
  it('by a key that split by department: the key finds both, a department suffix in any case its own', () => {
    const { keys } = archive(['buf.txt', proposal('BC07', 'Ny skolemadsordning', 'BUF')], ['kff.txt', proposal('BC07', 'Digitale biblioteker', 'KFF')]);
    expect(keys('BC07/2019')).toEqual(['BC07/2019/BUF', 'BC07/2019/KFF']);
    expect(keys('bc7/2019/kff')).toEqual(['BC07/2019/KFF']);
    // a key is not the start of another key that merely begins with the same characters
    expect(keys('BC07/201')).toEqual([]);
  });

  it('by a key as stored, whatever its case: a department name the rules do not know, no p/l year', () => {
    const { add, keys } = archive(
      ['it.txt', proposal('BC55', 'Fælles datalager', 'Koncern IT')],
      ['buf.txt', proposal('BC55', 'Ny skolemadsordning', 'BUF')],
      ['noyear.txt', { ...proposal('BC56', 'Robotter', 'SUF'), priceLevelYear: null }],
    );
    expect(keys('BC55/2019/Koncern IT')).toEqual(['BC55/2019/Koncern IT']);
    expect(keys('bc55/2019/koncern it')).toEqual(['BC55/2019/Koncern IT']);
    expect(keys('BC56/unknown')).toEqual(['BC56/unknown']);
    // Danish letters fold too
    add(['aeldre.txt', { ...proposal('BC57', 'Ældreomsorg', 'SUF'), bcNumber: null }]);
    expect(keys('suf/2019/ÆLDREOMSORG')).toEqual(['SUF/2019/ældreomsorg']);
  });

  it('by a BC number in any spelling, with its year or not', () => {
    const { keys } = archive(['a.txt', proposal('BC07', 'Ny skolemadsordning', 'BUF')], ['b.txt', proposal('BC2020-07', 'Talegenkendelse', 'BUF')]);
    expect(['BC-7', 'bc 07', 'BC-2020-07', 'bc2020-7/2019'].map(keys)).toEqual([['BC07/2019'], ['BC07/2019'], ['BC2020-07/2019'], ['BC2020-07/2019']]);
  });

  it('lists the versions of a proposal in the order of the format preference, not of their paths', () => {
    const p = proposal('BC07', 'Ny skolemadsordning', 'BUF');
    const { paths } = archive(['a/forslag.docx', p], ['a/forslag.pdf', p], ['a/forslag.txt', p]);
    expect(paths('BC07')).toEqual(['a/forslag.txt', 'a/forslag.docx', 'a/forslag.pdf']);
  });
});
