/**
 * What a proposal asks for, as against its net effect. A consequences table of an innovation proposal holds
 * costs only, and its total is the request. One of an investment proposal also holds the savings the
 * investment buys (negative: "Alle besparelser er angivet med negativt (-) fortegn"), and its last total
 * ("Samlet økonomisk påvirkning") is the net effect, not what is asked of the pool: there the request is the
 * investment group(s) (rules/tables.json investmentGroup), by their group total when the table states one.
 * A table with savings and no such group gets no request: unknown rather than a wrong number. A proposal
 * without a consequences table asks for its investments table.
 */
import type { BudgetLine } from '../types.ts';
import { matchesAny, type Rules } from '../rules/index.ts';

export function markRequest(lines: BudgetLine[], rules: Rules): void {
  const cons: BudgetLine[] = [];
  for (const l of lines) {
    l.inRequest = false;
    if (l.tableKind === 'consequences') cons.push(l);
  }
  if (!cons.length) {
    for (const l of lines) l.inRequest = true; // the investments table, if any
    return;
  }
  if (!cons.some((l) => l.amounts.some((a) => a.amount < 0))) {
    for (const l of cons) l.inRequest = true;
    return;
  }
  const group = cons.filter((l) => l.category !== null && matchesAny(rules.tables.investmentGroup, l.category));
  // Totals closing the group (not a grand total that happens to carry the group's name).
  const closing = group.filter((l) => l.isTotal && matchesAny(rules.tables.groupCloseRow, l.label));
  const categories = new Set(group.map((l) => l.category));
  for (const l of group)
    if (!l.isTotal) l.inRequest = true;
    // one group: its stated total; several: the sum of their lines (the view takes the last total row of a year)
    else if (categories.size === 1 && closing.includes(l)) l.inRequest = true;
}
