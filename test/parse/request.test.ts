/** Which lines make up what a proposal asks for, on small constructed tables. */
import { describe, expect, it } from 'vitest';
import type { BudgetLine, TableKind } from '../../src/types.ts';
import { loadRules } from '../../src/rules/index.ts';
import { markRequest } from '../../src/parse/request.ts';

const rules = loadRules();
let n = 0;
function line(tableKind: TableKind, label: string, category: string | null, isTotal: boolean, amounts: Record<number, number>): BudgetLine {
  return { tableKind, lineNo: ++n, label, category, steeringArea: null, isTotal, inRequest: true, amounts: Object.entries(amounts).map(([y, a]) => ({ year: Number(y), amount: a, page: null })), page: null, ruleId: 'test' };
}
const marked = (lines: BudgetLine[]) => {
  markRequest(lines, rules);
  return lines.filter((l) => l.inRequest).map((l) => `${l.tableKind[0]}:${l.label}`);
};

describe('the request lines', () => {
  it('are the whole consequences table when it holds costs only', () => {
    const t = [
      line('consequences', 'Projektledelse', 'Implementeringsomkostninger', false, { 2021: 700 }),
      line('consequences', 'Frikøb', 'Behovsafdækning', false, { 2021: 34 }),
      line('consequences', 'Samlet økonomisk påvirkning', 'Behovsafdækning', true, { 2021: 734 }),
      line('investments', 'Projektledelse', null, false, { 2021: 734 }),
    ];
    expect(marked(t)).toEqual(['c:Projektledelse', 'c:Frikøb', 'c:Samlet økonomisk påvirkning']);
  });

  it('are the investment group and its own total when the table also holds savings, not the net total', () => {
    const t = [
      line('consequences', 'System', 'Implementeringsomkostninger', false, { 2017: 1200 }),
      line('consequences', 'Samlede implementeringsomkostninger', 'Implementeringsomkostninger', true, { 2017: 1200 }),
      line('consequences', 'Mindre administration', 'Effektiviseringer', false, { 2018: -800 }),
      line('consequences', 'Samlet varig ændring', 'Effektiviseringer', true, { 2018: -800 }),
      line('consequences', 'Samlet økonomisk påvirkning', null, true, { 2017: 1200, 2018: -800 }),
    ];
    expect(marked(t)).toEqual(['c:System', 'c:Samlede implementeringsomkostninger']);
  });

  it('leave out a grand total that carries the investment group’s name because the group was never closed', () => {
    const t = [
      line('consequences', 'Færre tømninger', 'Effektiviseringer', false, { 2020: -900 }),
      line('consequences', 'Samlet varig ændring', 'Effektiviseringer', true, { 2020: -900 }),
      line('consequences', 'Sensorer', 'Implementeringsomkostninger', false, { 2019: 500 }),
      // matches the group-total pattern (^samlede) but does not name the group
      line('consequences', 'Samlede økonomiske konsekvenser', 'Implementeringsomkostninger', true, { 2019: 500, 2020: -900 }),
    ];
    expect(marked(t)).toEqual(['c:Sensorer']);
  });

  it('take a group total written "<group> i alt"', () => {
    const t = [
      line('consequences', 'Sensorer', 'Implementeringsomkostninger', false, { 2019: 500 }),
      line('consequences', 'Implementeringsomkostninger i alt', 'Implementeringsomkostninger', true, { 2019: 500 }),
      line('consequences', 'Færre tømninger', 'Effektiviseringer', false, { 2020: -900 }),
      line('consequences', 'Samlet økonomisk påvirkning', null, true, { 2019: 500, 2020: -900 }),
    ];
    expect(marked(t)).toEqual(['c:Sensorer', 'c:Implementeringsomkostninger i alt']);
  });

  it('are the lines, not the totals, of an investment group split in two closed parts', () => {
    const t = [
      line('consequences', 'System', 'Implementeringsomkostninger', false, { 2017: 1500 }),
      line('consequences', 'Samlede implementeringsomkostninger, system', 'Implementeringsomkostninger', true, { 2017: 1500 }),
      line('consequences', 'Uddannelse', 'Implementeringsomkostninger', false, { 2017: 600, 2018: 1500 }),
      line('consequences', 'Samlede implementeringsomkostninger, uddannelse', 'Implementeringsomkostninger', true, { 2017: 600, 2018: 1500 }),
      line('consequences', 'Mindre administration', 'Effektiviseringer', false, { 2019: -800 }),
    ];
    expect(marked(t)).toEqual(['c:System', 'c:Uddannelse']);
  });

  it('are a line named as the investment on its own, outside any group', () => {
    const t = [
      line('consequences', 'Implementeringsomkostninger', null, false, { 2019: 700 }),
      line('consequences', 'Effektivisering', null, false, { 2020: -300 }),
      line('consequences', 'Samlet økonomisk påvirkning', null, true, { 2019: 700, 2020: -300 }),
    ];
    expect(marked(t)).toEqual(['c:Implementeringsomkostninger']);
  });

  it('stay the whole table when a negative line among the costs is no saving (a revenue, a co-financing)', () => {
    const t = [
      line('consequences', 'Behovsafdækning', 'Behovsafdækning', false, { 2017: 400 }),
      line('consequences', 'Projekt', 'Implementeringsomkostninger', false, { 2017: 650, 2018: 500 }),
      line('consequences', 'Medfinansiering fra fond', 'Medfinansiering', false, { 2017: -50 }),
      line('consequences', 'Samlet økonomisk påvirkning', null, true, { 2017: 1000, 2018: 500 }),
    ];
    expect(marked(t)).toEqual(['c:Behovsafdækning', 'c:Projekt', 'c:Medfinansiering fra fond', 'c:Samlet økonomisk påvirkning']);
  });

  it('are the lines of several investment groups without their totals (a year’s last total would hold one group)', () => {
    const t = [
      line('consequences', 'Bygning', 'Anlægsinvesteringer', false, { 2019: 5000 }),
      line('consequences', 'Samlede anlægsinvesteringer', 'Anlægsinvesteringer', true, { 2019: 5000 }),
      line('consequences', 'Projekt', 'Implementeringsomkostninger', false, { 2019: 300 }),
      line('consequences', 'Samlede implementeringsomkostninger', 'Implementeringsomkostninger', true, { 2019: 300 }),
      line('consequences', 'Besparelse', 'Effektiviseringer', false, { 2020: -900 }),
    ];
    expect(marked(t)).toEqual(['c:Bygning', 'c:Projekt']);
  });

  it('are the investments table when the consequences table states savings and no group of investments, else none', () => {
    const t = () => [line('consequences', 'Udgift', 'Udgifter', false, { 2019: 500 }), line('consequences', 'Besparelse', 'Effektiviseringer', false, { 2020: -900 })];
    expect(marked(t())).toEqual([]);
    expect(marked([...t(), line('investments', 'Udgift', null, false, { 2019: 500 })])).toEqual(['i:Udgift']);
  });

  it('are the investments table without a consequences table', () => {
    const t = [line('investments', 'Projekt', null, false, { 2019: 500 }), line('investments', 'Investeringer totalt', null, true, { 2019: 500 })];
    expect(marked(t)).toEqual(['i:Projekt', 'i:Investeringer totalt']);
  });
});
