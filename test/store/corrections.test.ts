import { describe, expect, it } from 'vitest';
import type { BudgetLine, ExtractedDocument, Proposal } from '../../src/types.ts';
import { openWritable } from '../../src/store/db.ts';
import { writeDocument, type DocumentMeta } from '../../src/store/write.ts';
import { relinkDone, relinkPending, relinkProposalKeys } from '../../src/store/keys.ts';
import { addCorrection, applyCorrections, removeCorrection } from '../../src/store/corrections.ts';

const line = (lineNo: number, label: string, amount: number): BudgetLine => ({
  tableKind: 'consequences', lineNo, label, category: null, steeringArea: 'Service', isTotal: false, inRequest: true, amounts: [{ year: 2021, amount, page: null }], page: null, ruleId: 'test',
});
const proposal = (labels: [string, number][]): Proposal => ({
  seq: 1, kind: 'innovationsforslag', bcNumber: 'BC07', title: 'Digital selvbetjening', subtitle: null, summary: null, fund: null, presentingDepartment: 'KFF', affectedDepartments: [],
  priceLevelYear: 2021, pageStart: null, pageEnd: null, budgetLines: labels.map(([l, a], i) => line(i + 1, l, a)), committeeSplit: [], consultations: [], followUps: [], fieldRules: {}, sections: [],
});
const doc = (p: Proposal): ExtractedDocument => ({ overview: null, messages: [], proposals: [p] });
const meta = (path: string): DocumentMeta => ({ path, sha256: path.padEnd(64, '0'), format: 'txt', pages: null, sizeBytes: 1, extractorVersion: 'v', rulesHash: 'r', extractedAt: '2026-01-01' });
const amounts = (db: ReturnType<typeof openWritable>) =>
  db.prepare("SELECT d.path, b.line_no, b.label, b.amount_tdkk FROM budget_lines b JOIN proposals p ON p.id = b.proposal_id JOIN documents d ON d.id = p.document_id ORDER BY d.path, b.line_no").raw().all();

describe('a correction of an amount', () => {
  it('is held by its line: where lines moved, it waits as target_missing and lands on no other line', () => {
    const db = openWritable(':memory:');
    writeDocument(db, meta('a.txt'), doc(proposal([['Konsulenter', 300], ['Licenser', 120], ['Evaluering', 50]])), [], []);
    relinkProposalKeys(db, 0.85);
    addCorrection(db, 'BC07/2021', 'consequences/2/2021', '150', 'the licences cost 150');
    // another version of the proposal, without the first line: line 2 is now Evaluering
    writeDocument(db, meta('b.txt'), doc(proposal([['Licenser', 120], ['Evaluering', 50]])), [], []);
    relinkProposalKeys(db, 0.85);
    expect(applyCorrections(db)).toEqual({ applied: 0, missing: 1 });
    expect(amounts(db)).toEqual([
      ['a.txt', 1, 'Konsulenter', 300], ['a.txt', 2, 'Licenser', 150], ['a.txt', 3, 'Evaluering', 50],
      ['b.txt', 1, 'Licenser', 120], ['b.txt', 2, 'Evaluering', 50],
    ]);
  });

  it('is refused where the versions hold different lines under its number', () => {
    const db = openWritable(':memory:');
    writeDocument(db, meta('a.txt'), doc(proposal([['Konsulenter', 300], ['Licenser', 120]])), [], []);
    writeDocument(db, meta('b.txt'), doc(proposal([['Licenser', 120], ['Evaluering', 50]])), [], []);
    relinkProposalKeys(db, 0.85);
    expect(() => addCorrection(db, 'BC07/2021', 'consequences/2/2021', '150', 'x')).toThrow(/"Licenser" in a\.txt but "Evaluering" in b\.txt/);
    expect(db.prepare('SELECT COUNT(*) FROM corrections').pluck().get()).toBe(0);
  });
});

describe('a correction of an amount in a year', () => {
  it('is refused for a year the table does not have (a mistyped year would add an amount to every total); a year of a cell that could not be read is taken', () => {
    const db = openWritable(':memory:');
    const unreadable = { proposalSeq: 1, code: 'UNREADABLE_AMOUNT', severity: 'warning' as const, tableKind: 'consequences', year: 2022, message: '"ca. 75" is not an amount' };
    writeDocument(db, meta('a.txt'), doc(proposal([['Konsulenter', 300], ['Licenser', 120]])), [unreadable], []);
    relinkProposalKeys(db, 0.85);
    expect(() => addCorrection(db, 'BC07/2021', 'consequences/2/2030', '5', 'x')).toThrow(/^the target consequences\/2\/2030 does not exist: the tables of BC07\/2021 have no year 2030 \(their years: 2021, 2022\)$/);
    expect(db.prepare('SELECT COUNT(*) FROM corrections').pluck().get()).toBe(0);
    addCorrection(db, 'BC07/2021', 'consequences/2/2022', '75', 'the cell says ca. 75');
    expect(db.prepare("SELECT year, amount_tdkk FROM budget_lines WHERE line_no = 2 ORDER BY year").raw().all()).toEqual([[2021, 120], [2022, 75]]);
  });
});

describe('a correction taken back', () => {
  it('is found however its target is written, and one value has one correction', () => {
    const db = openWritable(':memory:');
    writeDocument(db, meta('a.txt'), doc(proposal([['Konsulenter', 300], ['Licenser', 120]])), [], []);
    relinkProposalKeys(db, 0.85);
    addCorrection(db, 'BC07/2021', ' title', 'Selvbetjening A', 'a typo');
    addCorrection(db, 'BC07/2021', 'title', 'Selvbetjening B', 'a typo');
    addCorrection(db, 'BC07/2021', 'consequences/02/2021', '150', 'the licences cost 150');
    expect(db.prepare('SELECT target, value FROM corrections ORDER BY id').raw().all()).toEqual([['title', 'Selvbetjening B'], ['consequences/2/2021', '150']]);
    expect(removeCorrection(db, 'BC07/2021', 'consequences/2/2021 ').versions).toBe(1);
    expect(removeCorrection(db, 'BC07/2021', ' title').versions).toBe(1);
    // the extracted values, and the rule that read the amount, are back
    expect(db.prepare('SELECT title FROM proposals').pluck().get()).toBe('Digital selvbetjening');
    expect(db.prepare('SELECT amount_tdkk, rule_id FROM budget_lines WHERE line_no = 2').raw().get()).toEqual([120, 'test']);
    expect(() => removeCorrection(db, 'BC07/2021', 'title')).toThrow(/BC07\/2021 has no correction of title/);
  });

  it('of a field gives field_rules its rule back: the correction is named there while it holds', () => {
    const db = openWritable(':memory:');
    writeDocument(db, meta('a.txt'), doc({ ...proposal([['Konsulenter', 300]]), fund: 'Innovationspuljen', fieldRules: { fund: 'fields.fundSentence' } }), [], []);
    relinkProposalKeys(db, 0.85);
    const rules = () => JSON.parse(db.prepare('SELECT field_rules FROM proposals').pluck().get() as string);
    const fund = addCorrection(db, 'BC07/2021', 'fund', 'Investeringspuljen', 'the overview says so').id;
    const title = addCorrection(db, 'BC07/2021', 'title', 'Digital selvbetjening i KFF', 'a typo').id;
    expect(rules()).toEqual({ fund: `correction:${fund}`, title: `correction:${title}` });
    // a second value for the fund: the new correction is named
    const again = addCorrection(db, 'BC07/2021', 'fund', 'Puljen', 'the overview says so').id;
    expect(rules()).toEqual({ fund: `correction:${again}`, title: `correction:${title}` });
    removeCorrection(db, 'BC07/2021', 'fund');
    removeCorrection(db, 'BC07/2021', 'title');
    expect([rules(), db.prepare('SELECT fund, title FROM proposals').raw().get()]).toEqual([{ fund: 'fields.fundSentence' }, ['Innovationspuljen', 'Digital selvbetjening']]);
  });

  it('of a key no proposal has, and none of its corrections, says so', () => {
    const db = openWritable(':memory:');
    writeDocument(db, meta('a.txt'), doc(proposal([['Konsulenter', 300]])), [], []);
    relinkProposalKeys(db, 0.85);
    expect(() => removeCorrection(db, 'BC99/2021', 'title')).toThrow(/^no proposal and no correction has the key "BC99\/2021"$/);
  });

  it('of a field the key is made of, or made, has the keys relinked by the next run', () => {
    const db = openWritable(':memory:');
    writeDocument(db, meta('a.txt'), doc(proposal([['Konsulenter', 300]])), [], []);
    relinkProposalKeys(db, 0.85);
    relinkDone(db);
    addCorrection(db, 'BC07/2021', 'summary', 'Kort resumé', 'missing');
    expect(relinkPending(db)).toBe(false);
    addCorrection(db, 'BC07/2021', 'bc_number', 'BC08', 'the overview says BC08');
    expect(relinkPending(db)).toBe(true);
    relinkDone(db);
    removeCorrection(db, 'BC07/2021', 'bc_number');
    expect(relinkPending(db)).toBe(true);
  });
});
