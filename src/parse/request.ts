/**
 * What a proposal asks for, as against its net effect. A consequences table of an innovation proposal holds
 * costs only, and its total is the request. One of an investment proposal also states the savings the
 * investment buys (a savings group such as "Effektiviseringer", or "Samlet varig ændring"; rules/tables.json
 * savingsRow), and its last total ("Samlet økonomisk påvirkning") is then the net effect, not what is asked of
 * the pool: there the request is the investment group(s) (investmentGroup), by the group's own total when it
 * states exactly one, else by their lines. Failing that, the investments table; failing that, nothing:
 * unknown rather than a wrong number. A proposal without a consequences table asks for its investments table.
 * A negative line among the costs (a revenue, a co-financing) is not a saving: such a table stays whole.
 */
import type { BudgetLine } from '../types.ts';
import { matchesAny, type Rules } from '../rules/index.ts';

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** A line of savings: named so (by its label or its group) and negative, as the template writes savings. */
function isSaving(l: BudgetLine, rules: Rules): boolean {
  if (!matchesAny(rules.tables.savingsRow, l.label) && !(l.category !== null && matchesAny(rules.tables.savingsRow, l.category))) return false;
  for (const a of l.amounts) if (a.amount < 0) return true;
  return false;
}

export function markRequest(lines: BudgetLine[], rules: Rules): void {
  const cons: BudgetLine[] = [];
  for (const l of lines) {
    l.inRequest = false;
    if (l.tableKind === 'consequences') cons.push(l);
  }
  const markInvestmentsTable = () => {
    for (const l of lines) if (l.tableKind === 'investments') l.inRequest = true;
  };
  if (!cons.length) return markInvestmentsTable();
  if (!cons.some((l) => isSaving(l, rules))) {
    for (const l of cons) l.inRequest = true;
    return;
  }
  // the investment group's lines, and a line that names it on its own (an ungrouped "Implementeringsomkostninger")
  const inGroup = (l: BudgetLine) =>
    l.category !== null ? matchesAny(rules.tables.investmentGroup, l.category) : !l.isTotal && matchesAny(rules.tables.investmentGroup, l.label);
  const group = cons.filter(inGroup);
  const detail = group.filter((l) => !l.isTotal);
  if (!detail.length) return markInvestmentsTable();
  for (const l of detail) l.inRequest = true;
  // The group's own total names the group ("Samlede implementeringsomkostninger", "Implementeringsomkostninger
  // i alt"), unlike a grand total that carries the group's name only because the group was never closed. With
  // one such total it is the stated request; with several (a split group, several groups) their lines are.
  const own = group.filter((l) => l.isTotal && l.category !== null && norm(l.label).includes(norm(l.category)));
  const categories = new Set(detail.map((l) => l.category));
  if (own.length === 1 && categories.size === 1 && own[0]!.category === detail[0]!.category) own[0]!.inRequest = true;
}
