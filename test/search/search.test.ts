import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Proposal } from '../../src/types.ts';
import { openWritable, createViews } from '../../src/store/db.ts';
import { writeDocument } from '../../src/store/write.ts';
import { relinkProposalKeys } from '../../src/store/keys.ts';
import { search, snippet } from '../../src/search/index.ts';
import { stem, stemText } from '../../src/search/stem.ts';

function proposal(seq: number, bc: string, title: string, text: string, dept = 'SOF'): Proposal {
  return {
    seq, kind: 'innovationsforslag', bcNumber: bc, title, subtitle: null, summary: null, fund: null, presentingDepartment: dept, affectedDepartments: [dept],
    priceLevelYear: 2022, pageStart: null, pageEnd: null, budgetLines: [], committeeSplit: [], consultations: [], followUps: [], fieldRules: {},
    sections: [{ ord: 1, key: 'background', heading: '1.2 BAGGRUND OG FORMÅL', text, page: null }],
  };
}

function archive() {
  const db = openWritable(':memory:');
  const doc: ExtractedDocument = {
    overview: null,
    messages: [],
    proposals: [
      proposal(1, 'BC01', 'Mobile assistenter', 'Kommunen vil udvikle servicebotter til borgerservice.'),
      proposal(2, 'BC02', 'Nye anlæg', 'Der er behov for flere investeringer i skoler.', 'BUF'),
      proposal(3, 'BC03', 'Samarbejde', 'Alle forvaltningerne deltager i projektet.', 'TMF'),
    ],
  };
  const meta = { path: 'x.txt', sha256: 'a'.repeat(64), format: 'txt' as const, pages: null, sizeBytes: 1, extractorVersion: 'v', rulesHash: 'r', extractedAt: '2026-01-01' };
  writeDocument(db, meta, doc, [], []);
  relinkProposalKeys(db, 0.85);
  createViews(db);
  return db;
}

describe('Danish full-text search', () => {
  const db = archive();
  it.each([
    ['servicebot', 'BC01/2022', 'servicebotter'],
    ['investering', 'BC02/2022', 'investeringer'],
    ['forvaltning', 'BC03/2022', 'forvaltningerne'],
  ])('%s finds the proposal that says %s', (query, key, inflected) => {
    const hits = search(db, query);
    expect(hits.map((h) => h.proposal_key)).toEqual([key]);
    expect(hits[0]!.snippet).toContain(`[${inflected}]`);
  });

  it('needs every word, and filters by department', () => {
    expect(search(db, 'servicebot skoler')).toEqual([]);
    expect(search(db, 'investering', { department: 'SOF' })).toEqual([]);
    expect(search(db, 'investering', { department: 'BUF' })).toHaveLength(1);
  });

  it('stems Danish inflections to one stem', () => {
    expect(stem('servicebotter')).toBe(stem('servicebot'));
    expect(stem('forvaltningerne')).toBe(stem('forvaltning'));
    expect(stemText('Københavns Kommune')).toBe(`${stem('københavns')} ${stem('kommune')}`);
  });

  it('marks the matching words in the snippet', () => {
    expect(snippet('Vi udvikler servicebotter og flere servicebots.', new Set([stem('servicebot')]))).toBe('Vi udvikler [servicebotter] og flere [servicebots].');
  });
});
