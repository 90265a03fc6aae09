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
import type { BudgetLine, TableKind } from '../types.ts';
import { matchesAny, type Rules } from '../rules/index.ts';
import { namesGroup } from './tables.ts';

/** A line of savings: named so (by its label or its group) and negative, as the template writes savings. */
function isSaving(l: BudgetLine, rules: Rules): boolean {
  if (!matchesAny(rules.tables.savingsRow, l.label) && !(l.category !== null && matchesAny(rules.tables.savingsRow, l.category))) return false;
  for (const a of l.amounts) if (a.amount < 0) return true;
  return false;
}

/** A line of the investment group, or a line that names it on its own (an ungrouped "Implementeringsomkostninger"). */
function inInvestmentGroup(l: BudgetLine, rules: Rules): boolean {
  return l.category !== null ? matchesAny(rules.tables.investmentGroup, l.category) : !l.isTotal && matchesAny(rules.tables.investmentGroup, l.label);
}

/** The group's own total names the group ("Samlede implementeringsomkostninger", "Implementeringsomkostninger i alt"). */
function namesItsGroup(l: BudgetLine): boolean {
  return l.isTotal && namesGroup(l.label, l.category);
}

function markTable(lines: BudgetLine[], kind: TableKind): void {
  for (const l of lines) if (l.tableKind === kind) l.inRequest = true;
}

export function markRequest(lines: BudgetLine[], rules: Rules): void {
  let hasConsequences = false;
  let hasSavings = false;
  for (const l of lines) {
    l.inRequest = false;
    if (l.tableKind !== 'consequences') continue;
    hasConsequences = true;
    hasSavings ||= isSaving(l, rules);
  }
  if (!hasConsequences) return markTable(lines, 'investments');
  if (!hasSavings) return markTable(lines, 'consequences');
  const detail: BudgetLine[] = [];
  const own: BudgetLine[] = [];
  for (const l of lines) {
    if (l.tableKind !== 'consequences' || !inInvestmentGroup(l, rules)) continue;
    if (!l.isTotal) detail.push(l);
    // not a grand total that carries the group's name only because the group was never closed
    else if (namesItsGroup(l)) own.push(l);
  }
  if (!detail.length) return markTable(lines, 'investments');
  for (const l of detail) l.inRequest = true;
  // With one own total it is the stated request; with several (a split group, several groups) the lines are.
  if (own.length === 1 && detail.every((l) => l.category === own[0]!.category)) own[0]!.inRequest = true;
}
