import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Proposal } from '../../src/types.ts';
import { openWritable, createViews } from '../../src/store/db.ts';
import { writeDocument } from '../../src/store/write.ts';
import { relinkProposalKeys } from '../../src/store/keys.ts';
import { matchExpression, search, snippet } from '../../src/search/index.ts';
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
      proposal(4, 'BC04', 'Sortering af sager', 'Sagerne grupperes med machine learning og tekstanalyse.', 'BIF'),
      proposal(5, 'BC05', 'Prognoser', 'Modellen bygger på maskinlæring af historiske data.', 'BIF'),
      proposal(6, 'BC06', 'Læringsmiljøer', 'Ny læring i skolen med en learning management platform.', 'BUF'),
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

  it('takes a word ending in * as the start of words, cut to its stem when it is longer', () => {
    // 'serv*' starts 'servicebotter' (BC01) only; 'servicebotter*' is cut to its stem, which 'servicebots' shares
    expect(search(db, 'serv*').map((h) => [h.proposal_key, h.snippet])).toEqual([['BC01/2022', 'Kommunen vil udvikle [servicebotter] til borgerservice.']]);
    expect(search(db, 'servicebotter*').map((h) => h.proposal_key)).toEqual(['BC01/2022']);
    expect(search(db, 'invest* skole*').map((h) => h.proposal_key)).toEqual(['BC02/2022']);
    expect(search(db, 'serv')).toEqual([]);
    expect(matchExpression('invest* skoler')!.match).toBe(`"invest" * AND "${stem('skoler')}"`);
  });

  it('marks the matching words in the snippet', () => {
    expect(snippet('Vi udvikler servicebotter og flere servicebots.', new Set([stem('servicebot')]))).toBe('Vi udvikler [servicebotter] og flere [servicebots].');
  });
});

describe('synonyms in a search', () => {
  const db = archive();
  const synonyms = [['maskinlæring', 'machine learning'], ['kunstig intelligens', 'AI']];
  it('finds a Danish term written in English and the other way round, and not the words of a phrase apart', () => {
    for (const q of ['maskinlæring', 'machine learning', 'Machine Learning'])
      expect(search(db, q, { synonyms }).map((h) => h.proposal_key).sort()).toEqual(['BC04/2022', 'BC05/2022']);
    expect(search(db, 'machine learning', { synonyms }).find((h) => h.proposal_key === 'BC04/2022')!.snippet).toContain('[machine] [learning]');
    // without the synonyms, each spelling finds only itself
    expect(search(db, 'maskinlæring').map((h) => h.proposal_key)).toEqual(['BC05/2022']);
  });
  it('keeps the other words of the query as they are', () => {
    expect(matchExpression('maskinlæring i skolen', synonyms)!.match).toBe('("maskinlæring" OR ("machin" AND "learning")) AND "i" AND "skol"');
  });
  it('takes a prefix word as a prefix, never as part of a synonym phrase', () => {
    const e = matchExpression('machine* learning', synonyms)!;
    expect([e.match, [...e.stems], e.prefixes]).toEqual(['"machin" * AND "learning"', ['learning'], ['machin']]);
  });
});
