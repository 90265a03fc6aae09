import { describe, expect, it } from 'vitest';
import type { BudgetLine, ExtractedDocument, Proposal } from '../../src/types.ts';
import { openWritable } from '../../src/store/db.ts';
import { writeDocument, type DocumentMeta } from '../../src/store/write.ts';
import { diffSnapshots, snapshotDocument } from '../../src/store/changes.ts';

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
});
