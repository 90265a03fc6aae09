/** Department names (with their spelling variants) to codes, as listed in rules/departments.json. */
import { matchesAny, type Rules } from '../rules/index.ts';

/**
 * The code of one department named in a text, or null. `units`: also a department followed by one of its units
 * ('Socialforvaltningen, Center for Udsatte'); off where a text is tried as part of a list, which then tells the two
 * apart ('Økonomiforvaltningen, Kultur- og Fritidsforvaltningen' is two departments).
 */
export function departmentCode(name: string, rules: Rules, units = true): string | null {
  const s = clean(name);
  const whole = lookup(s, rules);
  if (whole) return whole;
  const u = units ? WITH_UNIT.exec(s) : null;
  if (u) {
    const dept = lookup(clean(u[1]!), rules);
    if (dept && !lookup(clean(u[2]!), rules) && !departmentCodes(u[2]!, rules, false)) return dept;
  }
  // a name with its abbreviation after it ('Sundheds- og Omsorgsforvaltningen (SUF)'): the two must agree, and either
  // alone is enough when the other is no department ('Socialforvaltningen (Center for Udsatte)')
  const q = QUALIFIED.exec(s);
  if (!q) return null;
  const outer = lookup(clean(q[1]!), rules);
  const inner = lookup(clean(q[2]!), rules);
  return outer && inner && outer !== inner ? null : (outer ?? inner);
}

const QUALIFIED = /^(.+?)\s*\(([^()]+)\)$/;
/** A name, then after a comma or a spaced dash what it is a part of or what part of it: 'BIF, Jobcenter København'. */
const WITH_UNIT = /^(.+?)(?:\s*,|\s+[-–])\s+(.+)$/;

/** A name as the rules match it: one space between words, no punctuation after it. */
const clean = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/[.:;,]+$/, '').trim();

function lookup(s: string, rules: Rules): string | null {
  for (const d of rules.departments) if (matchesAny(d.patterns, s)) return d.code;
  return null;
}

/** Words that join the names of several departments ('Økonomiforvaltningen og Kultur- og Fritidsforvaltningen'). */
const JOINER = /\s*(?:,|&|\/|\bsamt\b|\bog\b)\s*/i;

/**
 * The codes of several departments named in one text, in their order, or null unless every part of the text is a
 * known department. 'og' also stands inside names ('Kultur- og Fritidsforvaltningen'), so a part that is no name
 * on its own is tried together with the parts after it.
 */
export function departmentCodes(text: string, rules: Rules, units = true): string[] | null {
  const parts = text.split(JOINER).filter((x) => x.trim() !== '');
  const joiners = [...text.matchAll(new RegExp(JOINER.source, 'gi'))].map((m) => m[0]);
  const codes: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let found: { code: string; next: number } | null = null;
    let name = parts[i]!;
    for (let j = i; j < parts.length; j++) {
      if (j > i) name += `${joiners[j - 1] ?? ' '}${parts[j]}`;
      const code = departmentCode(name, rules, units);
      if (code) {
        found = { code, next: j + 1 };
        break;
      }
    }
    if (!found) return null;
    if (!codes.includes(found.code)) codes.push(found.code);
    i = found.next;
  }
  return codes.length ? codes : null;
}
