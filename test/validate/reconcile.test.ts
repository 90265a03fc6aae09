/** Each finding code on a small constructed document that has exactly that defect, and on one that does not. */
import { describe, expect, it } from 'vitest';
import type { BudgetLine, ExtractedDocument, Proposal, TableKind } from '../../src/types.ts';
import { loadRules } from '../../src/rules/index.ts';
import { reconcile } from '../../src/validate/reconcile.ts';
import { markRequest } from '../../src/parse/request.ts';

const rules = loadRules();

function line(tableKind: TableKind, lineNo: number, label: string, category: string | null, isTotal: boolean, amounts: Record<number, number>): BudgetLine {
  return { tableKind, lineNo, label, category, steeringArea: null, isTotal, inRequest: false, amounts: Object.entries(amounts).map(([y, a]) => ({ year: Number(y), amount: a, page: null })), page: null, ruleId: 'test' };
}

/** A parsed proposal: its request lines marked as the parser marks them. */
function proposal(seq: number, budgetLines: BudgetLine[], over: Partial<Proposal> = {}): Proposal {
  markRequest(budgetLines, rules);
  return {
    seq, kind: 'innovationsforslag', bcNumber: `BC${10 + seq}`, title: `Forslag nummer ${seq} om digital velfærd`, subtitle: null, summary: 'Resumé.', fund: 'Innovationspuljen',
    presentingDepartment: 'SOF', affectedDepartments: ['SOF'], priceLevelYear: 2022, pageStart: null, pageEnd: null, budgetLines,
    committeeSplit: [], consultations: [], followUps: [], sections: [], fieldRules: {}, ...over,
  };
}

const G = 'Implementeringsomkostninger';
/** A consistent consequences table: two lines, their group total, a grand total. */
function consequences(total = 1500, grand = 1500): BudgetLine[] {
  return [
    line('consequences', 1, 'Projektleder', G, false, { 2022: 1000, 2023: 0 }),
    line('consequences', 2, 'Konsulenter', G, false, { 2022: 500 }),
    line('consequences', 3, 'Samlede implementeringsomkostninger', G, true, { 2022: total, 2023: 0 }),
    line('consequences', 4, 'Samlet økonomisk påvirkning', null, true, { 2022: grand, 2023: 0 }),
  ];
}
function investments(total = 1500): BudgetLine[] {
  return [
    line('investments', 1, 'Projektleder', null, false, { 2022: 1000 }),
    line('investments', 2, 'Konsulenter', null, false, { 2022: 500 }),
    line('investments', 3, 'Investeringer totalt, service', null, true, { 2022: total }),
  ];
}
const doc = (proposals: Proposal[], overview: ExtractedDocument['overview'] = null): ExtractedDocument => ({ overview, proposals, messages: [] });
const codes = (d: ExtractedDocument) => reconcile(d, rules).map((f) => `${f.code}${f.tableKind ? ` ${f.tableKind}` : ''}${f.year ? ` ${f.year}` : ''}`);

function overviewOf(items: { bc: string; title: string; amount: number }[]): ExtractedDocument['overview'] {
  return {
    title: 'Bilag 1', priceLevelYear: 2022, totalMdkk: null, footnotes: [], page: null,
    items: items.map((it, i) => ({ lineNo: i + 1, committee: 'SUD', bcNumber: it.bc, title: it.title, amountMdkk: it.amount, notCommitteeApproved: false, crossCutting: false, markers: '', page: null })),
  };
}

describe('reconciliation', () => {
  it('finds nothing in a consistent proposal', () => {
    expect(codes(doc([proposal(1, [...consequences(), ...investments()])]))).toEqual([]);
  });

  it('does not check the totals of a table and year that hold a cell the parser could not read', () => {
    // 2022 of the consequences table has an unreadable cell ('ca. 100'); its 2023 is still checked
    const lines = consequences(1600, 1600);
    lines[2]!.amounts.find((a) => a.year === 2023)!.amount = 7;
    const d = doc([proposal(1, lines)]);
    d.messages.push({ code: 'UNREADABLE_AMOUNT', severity: 'warning', message: 'x', proposalSeq: 1, tableKind: 'consequences', year: 2022 });
    expect(codes(d)).toEqual(['TOTAL_MISMATCH consequences 2023', 'TOTAL_MISMATCH consequences 2023']);
  });

  it('TOTAL_MISMATCH: a group total that is not the sum of its group', () => {
    const f = reconcile(doc([proposal(1, consequences(1400, 1400))]), rules);
    expect(f.map((x) => [x.code, x.tableKind, x.year, x.expected, x.actual])).toEqual([['TOTAL_MISMATCH', 'consequences', 2022, 1500, 1400]]);
  });

  it('TOTAL_MISMATCH: a grand total that is not the sum of the group totals', () => {
    expect(codes(doc([proposal(1, consequences(1500, 1600))]))).toEqual(['TOTAL_MISMATCH consequences 2022']);
  });

  it('a table that sets its totals above their groups: a total stating the sum of the lines below it is not measured against those above', () => {
    // as the parser reads it: each total takes the group open where it stands
    const lines = [
      line('consequences', 1, 'Samlet økonomisk påvirkning', null, true, { 2022: 1500, 2023: -400 }),
      line('consequences', 2, 'Samlede implementeringsomkostninger', null, true, { 2022: 1500 }),
      line('consequences', 3, 'Projektleder', G, false, { 2022: 1000 }),
      line('consequences', 4, 'Konsulenter', G, false, { 2022: 500 }),
      line('consequences', 5, 'Samlet varig ændring', G, true, { 2023: -400 }),
      line('consequences', 6, 'Færre timer', 'Effektiviseringer', false, { 2023: -400 }),
    ];
    expect(codes(doc([proposal(1, lines)]))).toEqual([]);
    // the same total stating what neither the lines above nor those below add up to is still one
    lines[4] = line('consequences', 5, 'Samlet varig ændring', G, true, { 2023: -300 });
    expect(codes(doc([proposal(1, lines)]))).toEqual(['TOTAL_MISMATCH consequences 2022', 'TOTAL_MISMATCH consequences 2023']);
  });

  it('a total that names its group closes the group; one that does not totals the table', () => {
    // two groups, the second closed by 'Driftsudgifter i alt', then a grand total: all add up
    const lines = [
      line('consequences', 1, 'Bookingsystem', 'Udviklingsomkostninger', false, { 2021: 1250 }),
      line('consequences', 2, 'Udviklingsomkostninger i alt', 'Udviklingsomkostninger', true, { 2021: 1250 }),
      line('consequences', 3, 'Licenser', 'Driftsudgifter', false, { 2021: 180 }),
      line('consequences', 4, 'Driftsudgifter i alt', 'Driftsudgifter', true, { 2021: 180 }),
      line('consequences', 5, 'Samlet økonomisk påvirkning', null, true, { 2021: 1430 }),
    ];
    const mismatches = (ls: BudgetLine[]) => codes(doc([proposal(1, ls)])).filter((c) => c.startsWith('TOTAL_MISMATCH'));
    expect(mismatches(lines)).toEqual([]);
    // the last group left open, and a grand total named '… i alt' under it: it totals the whole table
    const open = [
      line('consequences', 1, 'Bookingsystem', 'Udviklingsomkostninger', false, { 2021: 1250 }),
      line('consequences', 2, 'Samlede udviklingsomkostninger', 'Udviklingsomkostninger', true, { 2021: 1250 }),
      line('consequences', 3, 'Færre lokaler', 'Effektiviseringer', false, { 2021: -400 }),
      line('consequences', 4, 'Økonomisk påvirkning i alt', 'Effektiviseringer', true, { 2021: 850 }),
    ];
    expect(mismatches(open)).toEqual([]);
    // and the group total that names its group is checked against its group only
    lines[3]!.amounts[0]!.amount = 200;
    expect(mismatches(lines)).toEqual(['TOTAL_MISMATCH consequences 2021', 'TOTAL_MISMATCH consequences 2021']);
  });

  it('does not check a table that holds only totals (its lines stand in the other table)', () => {
    const onlyTotals = [line('consequences', 1, 'Investeringer totalt, service', G, true, { 2022: 1500 }), line('consequences', 2, 'Samlede implementeringsomkostninger', G, true, { 2022: 1500 })];
    expect(codes(doc([proposal(1, [...onlyTotals, ...investments()])]))).toEqual([]);
  });

  it('a row without numbers in the middle of a table starts a group but does not break the grand total', () => {
    const t = [
      line('consequences', 1, 'Projektledelse', 'Innovationsomkostninger', false, { 2022: 268 }),
      line('consequences', 2, 'Frikøb', 'Behovsafdækning', false, { 2022: 34 }),
      line('consequences', 3, 'Samlet økonomisk påvirkning', 'Behovsafdækning', true, { 2022: 302 }),
    ];
    expect(codes(doc([proposal(1, t)]))).toEqual([]);
  });

  it('compares exact decimals, not floats', () => {
    const t = [line('consequences', 1, 'a', null, false, { 2022: 0.1 }), line('consequences', 2, 'b', null, false, { 2022: 0.2 }), line('consequences', 3, 'I alt', null, true, { 2022: 0.3 })];
    expect(codes(doc([proposal(1, t)]))).toEqual([]);
  });

  it('TABLE_MISMATCH: the two tables disagree on a year', () => {
    const inv = investments(1500).map((l) => (l.lineNo === 2 ? { ...l, amounts: [{ year: 2022, amount: 400, page: null }] } : l));
    inv[2] = { ...inv[2]!, amounts: [{ year: 2022, amount: 1400, page: null }] };
    expect(codes(doc([proposal(1, [...consequences(), ...inv])]))).toEqual(['TABLE_MISMATCH investments 2022']);
  });

  it('TABLE_MISMATCH: a year the investments table leaves empty states nothing there, not 0', () => {
    const cons = consequences().map((l) => ({ ...l, amounts: l.amounts.map((a) => (a.year === 2023 && l.lineNo !== 2 ? { ...a, amount: 300 } : a)) }));
    const f = reconcile(doc([proposal(1, [...cons, ...investments()])]), rules).filter((x) => x.code === 'TABLE_MISMATCH');
    expect(f.map((x) => [x.year, x.expected, x.actual, x.message])).toEqual([[2023, 300, null, '2023: the consequences table totals 300 but the investments table states nothing']]);
  });

  it('OVERVIEW_MISMATCH beyond rounding, but 0,85 listed as 0,9 is no mismatch', () => {
    const p = proposal(1, [line('consequences', 1, 'x', null, false, { 2022: 850 }), line('consequences', 2, 'Samlet', null, true, { 2022: 850 })], { bcNumber: 'BC11' });
    expect(codes(doc([p], overviewOf([{ bc: 'BC11', title: p.title!, amount: 0.9 }])))).toEqual([]);
    expect(codes(doc([p], overviewOf([{ bc: 'BC11', title: p.title!, amount: 0.8 }])))).toEqual(['OVERVIEW_MISMATCH']);
    expect(codes(doc([p], overviewOf([{ bc: 'BC11', title: p.title!, amount: 1.0 }])))).toEqual(['OVERVIEW_MISMATCH']);
  });

  it('OVERVIEW_UNMATCHED: an overview row with no proposal, and a proposal missing from the overview', () => {
    const p = proposal(1, consequences(), { bcNumber: 'BC11' });
    expect(codes(doc([p], overviewOf([{ bc: 'BC11', title: p.title!, amount: 1.5 }])))).toEqual([]);
    expect(codes(doc([p], overviewOf([{ bc: 'BC11', title: p.title!, amount: 1.5 }, { bc: 'BC99', title: 'Andet', amount: 1 }])))).toEqual(['OVERVIEW_UNMATCHED']);
    expect(codes(doc([p, proposal(2, consequences())], overviewOf([{ bc: 'BC11', title: p.title!, amount: 1.5 }])))).toEqual(['OVERVIEW_UNMATCHED']);
  });

  it('TITLE_MISMATCH when the titles are not similar, not for small wording differences', () => {
    const p = proposal(1, consequences(), { bcNumber: 'BC11', title: 'Automatisering af brugerservice ved brug af mobile servicebotter' });
    expect(codes(doc([p], overviewOf([{ bc: 'BC11', title: 'Automatisering af brugerservice ved brug af servicebots', amount: 1.5 }])))).toEqual([]);
    expect(codes(doc([p], overviewOf([{ bc: 'BC11', title: 'Hackathons på socialområdet', amount: 1.5 }])))).toEqual(['TITLE_MISMATCH']);
  });

  describe('an investment proposal, whose consequences table also holds the savings', () => {
    const E = 'Effektiviseringer';
    /** Investments 1.500 in 2022; savings of 600 a year from 2023; the net effect as grand total. */
    const withSavings = (groupTotal = 1500): BudgetLine[] => [
      line('consequences', 1, 'Projektleder', G, false, { 2022: 1000 }),
      line('consequences', 2, 'Konsulenter', G, false, { 2022: 500 }),
      line('consequences', 3, 'Samlede implementeringsomkostninger', G, true, { 2022: groupTotal }),
      line('consequences', 4, 'Færre sagsbehandlere', E, false, { 2023: -600, 2024: -600 }),
      line('consequences', 5, 'Samlet varig ændring', E, true, { 2023: -600, 2024: -600 }),
      line('consequences', 6, 'Samlet økonomisk påvirkning', null, true, { 2022: 1500, 2023: -600, 2024: -600 }),
    ];

    it('compares its investments, not its net effect, with the investments table and the overview', () => {
      const p = proposal(1, [...withSavings(), ...investments()], { bcNumber: 'BC11' });
      expect(codes(doc([p], overviewOf([{ bc: 'BC11', title: p.title!, amount: 1.5 }])))).toEqual([]);
      // net over the years is 300: listed as 0,3 that is a mismatch against the 1.500 asked for
      expect(codes(doc([p], overviewOf([{ bc: 'BC11', title: p.title!, amount: 0.3 }])))).toEqual(['OVERVIEW_MISMATCH']);
    });

    it('takes the stated group total as the request, so a wrong one shows against the investments table', () => {
      const f = reconcile(doc([proposal(1, [...withSavings(1400), ...investments()])]), rules);
      expect(f.map((x) => [x.code, x.tableKind, x.year, x.expected, x.actual])).toEqual([
        ['TOTAL_MISMATCH', 'consequences', 2022, 1500, 1400],
        // the grand total 1.500 is the right sum of the lines, but not of the stated group total
        ['TOTAL_MISMATCH', 'consequences', 2022, 1400, 1500],
        ['TABLE_MISMATCH', 'investments', 2022, 1400, 1500],
      ]);
    });

    it('takes the investments table when no group of the table is one of investments; REQUEST_UNKNOWN without one', () => {
      const t = () => withSavings().map((l) => (l.category === G ? { ...l, category: 'Udgifter' } : l));
      const p = proposal(1, [...t(), ...investments(900)], { bcNumber: 'BC11' });
      // the request is the investments table's stated 900: the overview agrees, and there is nothing to compare it with
      expect(codes(doc([p], overviewOf([{ bc: 'BC11', title: p.title!, amount: 0.9 }])))).toEqual(['TOTAL_MISMATCH investments 2022']);
      const q = proposal(1, t(), { bcNumber: 'BC11' });
      expect(codes(doc([q], overviewOf([{ bc: 'BC11', title: q.title!, amount: 9 }])))).toEqual(['REQUEST_UNKNOWN consequences']);
    });
  });

  it('MISSING_FIELD: a header field or the consequences table absent', () => {
    expect(codes(doc([proposal(1, consequences(), { presentingDepartment: null })]))).toEqual(['MISSING_FIELD']);
    expect(codes(doc([proposal(1, investments())]))).toEqual(['MISSING_FIELD consequences']);
  });
});
