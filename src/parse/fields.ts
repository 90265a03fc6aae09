/**
 * Header fields of a proposal: 'Forslagets titel', 'Kort resumé', 'Der søges om midler fra',
 * 'Fremstillende forvaltning', 'Berørte forvaltninger' (checked boxes), 'Angiv p/l'. Labels are in rules/fields.json.
 */
import type { Block, Message } from '../types.ts';
import type { Rules } from '../rules/index.ts';
import { departmentCode, departmentCodes } from '../normalize/departments.ts';
import { detectHeading } from './headings.ts';
import { CHECKED, UNCHECKED } from '../ingest/text.ts';
import { canonicalBcNumber } from '../normalize/bc.ts';

export interface HeaderFields {
  bcNumber: string | null;
  title: string | null;
  subtitle: string | null;
  summary: string | null;
  fundField: string | null;
  presentingRaw: string | null;
  presenting: string | null;
  /** Further departments named in 'Fremstillende forvaltning' ('ØKF og KFF': KFF). */
  coPresenting: string[];
  affected: string[];
  priceLevelYear: number | null;
  /** Index of the first block after the header (the first heading or table that is not part of a field). */
  end: number;
}

const norm = (s: string) => s.replace(/[ \t]+/g, ' ').trim();

/** A box, ticked or not. */
const BOX = new RegExp(`[${CHECKED}${UNCHECKED}]`, 'u');

/** A name with its box. */
type Box = { checked: boolean; name: string };

function labelOf(text: string, rules: Rules): { field: string; rest: string; multi: boolean } | null {
  for (const f of rules.fields.fields) {
    const m = f.label.exec(text);
    if (m) return { field: f.field, rest: text.slice(m[0].length).trim(), multi: f.multi };
  }
  return null;
}

/** Pairs of (checked, name) from text such as '☒ Økonomiforvaltningen ☐ Socialforvaltningen'. */
export function checkboxPairs(text: string): Box[] {
  const out: Box[] = [];
  const re = new RegExp(`([${CHECKED}${UNCHECKED}])\\s*([^${CHECKED}${UNCHECKED}]*)`, 'gu');
  for (const m of text.matchAll(re)) {
    const name = m[2]!.replace(/\s+/g, ' ').trim();
    if (name) out.push({ checked: m[1] === CHECKED, name });
  }
  return out;
}

/** Whether a paragraph can be the value of a label that stands alone (see parseHeader). */
function isValueLike(text: string, rules: Rules): boolean {
  const t = text.trim();
  return t.length <= 200 && !/^[([]/.test(t) && !BOX.test(t) && !rules.fields.tableCaption.test(t) && !t.endsWith(':');
}

export function parseHeader(blocks: Block[], from: number, to: number, rules: Rules, messages: Message[]): HeaderFields {
  const h: HeaderFields = {
    bcNumber: null, title: null, subtitle: null, summary: null, fundField: null,
    presentingRaw: null, presenting: null, coPresenting: [], affected: [], priceLevelYear: null, end: to,
  };
  let current: { field: string; multi: boolean; parts: string[] } | null = null;
  const values = new Map<string, string[]>();
  let inAffected = false;
  /** What 'Berørte forvaltninger' holds: the rows of its table, and its text (with boxes, or the label's rest). */
  const affectedRows: string[][] = [];
  const affectedText: string[] = [];
  let i = from;
  for (; i < to; i++) {
    const b = blocks[i]!;
    if (b.kind === 'table') {
      if (inAffected) {
        for (const r of b.rows) affectedRows.push(r.cells);
        continue;
      }
      break;
    }
    const text = b.text;
    if (detectHeading(text, rules)) break;
    const lab = labelOf(text, rules);
    if (lab) {
      current = { field: lab.field, multi: lab.multi, parts: lab.rest ? [lab.rest] : [] };
      values.set(lab.field, current.parts);
      inAffected = lab.field === 'affected';
      if (inAffected && lab.rest) affectedText.push(lab.rest);
      continue;
    }
    if (inAffected && BOX.test(text)) {
      affectedText.push(text);
      continue;
    }
    if (current && current.field === 'priceLevel' && current.parts.length === 0 && rules.fields.yearValue.test(text.trim()) && text.trim().length <= 8) {
      current.parts.push(text.trim());
      continue;
    }
    // a label alone, its value in the paragraph after it ('Forslagets titel:' / 'BC29 Digitale ...'); not a template's
    // instruction in brackets, boxes to tick, a table's caption or a long text
    if (current && !current.multi && current.field !== 'affected' && current.field !== 'priceLevel' && current.parts.length === 0 && isValueLike(text, rules)) {
      current.parts.push(text);
      continue;
    }
    if (current && (current.multi || (current.field === 'title' && rules.fields.subtitle.test(text.trim())))) {
      current.parts.push(text);
      continue;
    }
    if (current && current.field !== 'affected') {
      // Text after a single-paragraph field that is no label: the header is over.
      break;
    }
  }
  h.end = i;

  const titleParts = (values.get('title') ?? []).join('\n').split('\n').map(norm).filter(Boolean);
  if (titleParts.length) {
    let first = titleParts[0]!;
    const bc = rules.fields.bcNumber.exec(first);
    if (bc) {
      h.bcNumber = canonicalBcNumber(bc[1]!);
      first = first.slice(bc[0].length).trim();
    }
    const titleLines = [first];
    for (const line of titleParts.slice(1)) {
      const sub = rules.fields.subtitle.exec(line);
      if (sub && h.subtitle === null) h.subtitle = norm(sub[1]!);
      else if (h.subtitle === null) titleLines.push(line);
      else h.subtitle += ` ${line}`;
    }
    h.title = titleLines.join(' ').trim() || null;
  }
  const summary = values.get('summary');
  if (summary?.length) h.summary = summary.map(norm).join('\n');
  const fund = values.get('fund');
  if (fund?.length) h.fundField = norm(fund.join(' '));
  const presenting = values.get('presenting');
  if (presenting?.length) {
    h.presentingRaw = norm(presenting.join(' '));
    h.presenting = departmentCode(h.presentingRaw, rules);
    const joint = h.presenting ? null : departmentCodes(h.presentingRaw, rules);
    if (joint) {
      [h.presenting] = joint as [string];
      h.coPresenting = joint.slice(1);
      messages.push({
        code: 'JOINT_PRESENTING',
        severity: 'info',
        message: `presented jointly by ${joint.join(', ')} ("${h.presentingRaw}"): presenting_department is the first named, proposal_departments lists all of them as presenting`,
        actual: h.presentingRaw,
      });
    } else if (!h.presenting)
      messages.push({ code: 'UNKNOWN_DEPARTMENT', severity: 'warning', message: `unknown presenting department "${h.presentingRaw}"`, actual: h.presentingRaw });
  }
  h.affected = affectedDepartments(affectedRows, affectedText, rules, messages);
  const pl = values.get('priceLevel');
  if (pl?.length) {
    const m = rules.fields.yearValue.exec(pl.join(' ').trim());
    if (m) h.priceLevelYear = Number(m[1]);
  }
  return h;
}


/**
 * 'Berørte forvaltninger': the departments whose box is ticked. A box is ☒ or ☐ before a name, in its cell or the
 * cell before it; in a table without such glyphs, the cell before each name ticks it when it is the rules'
 * checkedMark ('X') and not when it is empty. With no box anywhere, a text value names the departments itself
 * ('Økonomiforvaltningen og Sundheds- og Omsorgsforvaltningen'). A table read in none of these ways is reported,
 * never guessed.
 */
function affectedDepartments(rows: string[][], texts: string[], rules: Rules, messages: Message[]): string[] {
  const pairs: Box[] = [];
  const unread: string[] = [];
  for (const row of rows) {
    const cells = row.map(norm);
    if (cells.some((c) => BOX.test(c))) pairs.push(...checkboxPairs(cells.join(' ')));
    else {
      const marked = markedCells(cells, rules);
      if (marked) pairs.push(...marked);
      else if (cells.some(Boolean)) unread.push(cells.filter(Boolean).join(' | '));
    }
  }
  const lists: string[] = [];
  for (const t of texts) {
    if (BOX.test(t)) pairs.push(...checkboxPairs(t));
    else lists.push(norm(t));
  }
  const codes: string[] = [];
  const add = (code: string) => {
    if (!codes.includes(code)) codes.push(code);
  };
  const unknown = (name: string) => messages.push({ code: 'UNKNOWN_DEPARTMENT', severity: 'warning', message: `unknown affected department "${name}"`, actual: name });
  for (const pair of pairs) {
    if (!pair.checked) continue;
    const code = departmentCode(pair.name, rules);
    if (code) add(code);
    else unknown(pair.name);
  }
  if (pairs.length) return codes;
  for (const list of lists) {
    if (rules.fields.noDepartment.test(list)) continue;
    const named = departmentCodes(list, rules);
    if (named) named.forEach(add);
    else unknown(list);
  }
  if (!lists.length && unread.length)
    messages.push({
      code: 'AFFECTED_UNREAD',
      severity: 'warning',
      message: `"Berørte forvaltninger" has a table with no box that could be read ("${unread.join(' / ')}"): no affected department is stored`,
    });
  return codes;
}

/**
 * A table row of names, each after the cell that ticks it: the rules' checkedMark ('X') or empty. Null when the
 * row is not laid out so (a name where a mark should stand, or a mark where a name should).
 */
function markedCells(cells: string[], rules: Rules): Box[] | null {
  const out: Box[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    const mark = cells[i]!;
    const name = cells[i + 1] ?? '';
    const ticked = rules.fields.checkedMark.test(mark);
    if ((mark !== '' && !ticked) || rules.fields.checkedMark.test(name)) return null;
    if (name !== '') out.push({ checked: ticked, name });
  }
  return out.length ? out : null;
}
