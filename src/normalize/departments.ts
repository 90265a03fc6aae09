/** Department names (with their spelling variants) to codes, as listed in rules/departments.json. */
import { matchesAny, type Rules } from '../rules/index.ts';

export function departmentCode(name: string, rules: Rules): string | null {
  const s = name.replace(/\s+/g, ' ').replace(/[.:;,]+$/, '').trim();
  for (const d of rules.departments) if (matchesAny(d.patterns, s)) return d.code;
  return null;
}
