import { describe, expect, it } from 'vitest';
import type { BudgetLine, ExtractedDocument, Overview, Proposal } from '../../src/types.ts';
import { openWritable } from '../../src/store/db.ts';
import { writeDocument, type DocumentMeta, type Finding } from '../../src/store/write.ts';
import { clipped, diffSnapshots, snapshotDocument } from '../../src/store/changes.ts';

const line = (category: string, inRequest: boolean, amount: number): BudgetLine => ({
  tableKind: 'consequences', lineNo: 3, label: 'Færre sagsbehandlere', category, steeringArea: 'Service', isTotal: false, inRequest, amounts: [{ year: 2021, amount, page: 1 }], page: 1, ruleId: 'tables.consequences',
});
const proposal = (l: BudgetLine): Proposal => ({
  seq: 1, kind: 'investeringsforslag', bcNumber: 'BC12', title: 'Digital post', subtitle: null, summary: null, fund: null, presentingDepartment: 'TMF', affectedDepartments: ['TMF'],
  priceLevelYear: 2021, pageStart: null, pageEnd: null, budgetLines: [l], committeeSplit: [], consultations: [], followUps: [], fieldRules: {}, sections: [],
});
const doc = (l: BudgetLine): ExtractedDocument => ({ overview: null, messages: [], proposals: [proposal(l)] });
const meta: DocumentMeta = { path: 'a.txt', sha256: 'a'.padEnd(64, '0'), format: 'txt', pages: null, sizeBytes: 1, extractorVersion: 'v', rulesHash: 'r', extractedAt: '2026-01-01' };

describe('what a re-extraction changed', () => {
  it('names a line read into another group or out of the request, though its amounts stay', () => {
    const db = openWritable(':memory:');
    const first = writeDocument(db, meta, doc(line('Implementeringsomkostninger', true, -400)), [], []);
    const before = snapshotDocument(db, first.id)!;
    const second = writeDocument(db, { ...meta, rulesHash: 'r2' }, doc(line('Gevinstrealisering', false, -400)), [], [], { replaces: first.id });
    const changes = diffSnapshots(before, snapshotDocument(db, second.id)!);
    expect(changes.map((c) => [c.change, c.field, c.oldValue, c.newValue])).toEqual([
      ['line_changed', 'consequences line 3 "Færre sagsbehandlere" category', 'Implementeringsomkostninger', 'Gevinstrealisering'],
      ['line_changed', 'consequences line 3 "Færre sagsbehandlere" in_request', '1', '0'],
    ]);
  });

  it('names what else a re-extraction read otherwise: departments, sections, split, consultations, follow-up, findings, overview', () => {
    const db = openWritable(':memory:');
    const overview = (amount: number): Overview => ({
      title: 'Oversigt', priceLevelYear: 2021, totalMdkk: 12.5, page: 1, footnotes: [{ marker: '*', text: 'Ikke godkendt' }],
      items: [{ lineNo: 1, committee: 'TMU', bcNumber: 'BC12', title: 'Digital post', amountMdkk: amount, notCommitteeApproved: false, crossCutting: false, markers: '', page: 1 }],
    });
    const base = proposal(line('Implementeringsomkostninger', true, -400));
    const v1: ExtractedDocument = {
      overview: overview(2.8), messages: [],
      proposals: [{
        ...base, affectedDepartments: ['TMF'],
        sections: [{ ord: 1, key: 'background', heading: 'Baggrund', text: 'Post sendes digitalt.', page: 1 }],
        committeeSplit: [{ committee: 'TMU', kind: 'drift', share: null, isTotal: false, year: 2021, amount: 300, page: 1 }],
        consultations: [{ body: 'KFF', answer: 'Ja', date: null, note: null }],
        followUps: [{ ord: 1, criterion: 'Antal breve', method: null, responsible: 'TMF', timing: '2022' }],
      }],
    };
    const v2: ExtractedDocument = {
      overview: overview(3.1), messages: [],
      proposals: [{
        ...v1.proposals[0]!, affectedDepartments: ['TMF', 'BUF'],
        sections: [{ ord: 1, key: 'background', heading: 'Baggrund', text: 'Post sendes digitalt til alle.', page: 1 }],
        committeeSplit: [{ committee: 'TMU', kind: 'drift', share: null, isTotal: false, year: 2021, amount: 350, page: 1 }],
        consultations: [],
        followUps: [{ ord: 1, criterion: 'Antal breve', method: null, responsible: 'TMF', timing: '2023' }],
      }],
    };
    const mismatch: Finding = { proposalSeq: 1, code: 'TOTAL_MISMATCH', severity: 'error', tableKind: 'consequences', year: 2021, expected: -400, actual: -500, message: 'the lines add up to -400, the total says -500' };
    const first = writeDocument(db, meta, v1, [], []);
    const before = snapshotDocument(db, first.id)!;
    const second = writeDocument(db, { ...meta, rulesHash: 'r2' }, v2, [mismatch], [], { replaces: first.id });
    const changes = diffSnapshots(before, snapshotDocument(db, second.id)!);
    expect(changes.map((c) => [c.proposal, c.change, c.field, c.oldValue, c.newValue])).toEqual([
      [null, 'detail_changed', 'overview line 1', 'TMU | BC12 | Digital post | 2.8', 'TMU | BC12 | Digital post | 3.1'],
      ['BC12', 'detail_changed', 'affected_departments', 'TMF', 'BUF, TMF'],
      ['BC12', 'detail_changed', 'section "Baggrund"', '[background] Post sendes digitalt.', '[background] Post sendes digitalt til alle.'],
      ['BC12', 'detail_changed', 'follow_up 1', 'Antal breve | TMF | 2022', 'Antal breve | TMF | 2023'],
      ['BC12', 'detail_changed', 'committee_split "TMU" drift 2021', '300', '350'],
      ['BC12', 'detail_changed', 'finding TOTAL_MISMATCH consequences 2021', null, 'error | the lines add up to -400, the total says -500'],
      ['BC12', 'detail_changed', 'consultation "KFF"', 'Ja', null],
    ]);
    // the same again: nothing
    const again = snapshotDocument(db, second.id)!;
    const third = writeDocument(db, { ...meta, rulesHash: 'r3' }, v2, [mismatch], [], { replaces: second.id });
    expect(diffSnapshots(again, snapshotDocument(db, third.id)!)).toEqual([]);
  });

  it('keeps a long detail only around where it changed', () => {
    const before = 'a'.repeat(500) + 'X' + 'b'.repeat(500);
    const after = 'a'.repeat(500) + 'Y' + 'b'.repeat(500);
    const [o, n] = clipped(before, after);
    expect([o!.length, n!.length]).toEqual([302, 302]);
    expect(o).toBe(`…${'a'.repeat(100)}X${'b'.repeat(199)}…`);
    expect(n).toBe(`…${'a'.repeat(100)}Y${'b'.repeat(199)}…`);
    expect(clipped('kort', 'tekst')).toEqual(['kort', 'tekst']);
    expect(clipped(null, 'c'.repeat(400))).toEqual([null, `${'c'.repeat(300)}…`]);
  });
});
