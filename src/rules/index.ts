/**
 * Loads the data files in rules/, validates them with zod and compiles their patterns.
 * A broken rules file stops the run with a RulesError naming the file and the problem.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rulesDir } from '../paths.ts';
import { z } from 'zod';

export class RulesError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`rules file ${file}: ${detail}`);
    this.name = 'RulesError';
  }
}

const pattern = z.string().min(1);
const patterns = z.array(pattern).min(1);

const departmentsSchema = z.object({
  departments: z.array(z.object({ code: z.string().min(1), name: z.string().min(1), patterns })).min(1),
});
const sectionsSchema = z.object({
  numbering: pattern,
  maxHeadingLength: z.number().int().positive(),
  sections: z.array(z.object({ key: z.enum(['consequences', 'background', 'content', 'economy', 'committee_split', 'prioritization', 'implementation', 'partners', 'effect', 'follow_up', 'risk', 'consulted', 'technical_annex']), patterns })),
});
const fieldsSchema = z.object({
  proposalStart: pattern,
  kindHeadings: z.array(z.object({ kind: z.enum(['investeringsforslag', 'innovationsforslag', 'business_case']), pattern })),
  kindLookback: z.number().int().min(0),
  fields: z.array(z.object({ field: z.enum(['title', 'summary', 'fund', 'presenting', 'affected', 'priceLevel']), label: pattern, multi: z.boolean() })),
  bcNumber: pattern,
  subtitle: pattern,
  yearValue: pattern,
  priceLevelInText: pattern,
  fundSentence: pattern,
  fundNames: z.array(z.object({ name: z.string(), pattern })),
  bundleFund: pattern,
  checkedMark: pattern,
  noDepartment: pattern,
  tableCaption: pattern,
});
const tablesSchema = z.object({
  yearCell: pattern,
  amountUnits: z.array(z.object({ pattern, factor: z.number().positive(), ambiguous: z.object({ pattern, reason: z.string().min(1) }).optional() })).min(1),
  steeringAreaHeader: pattern,
  totalColumnHeader: pattern,
  totalRow: patterns,
  notAmountRow: patterns,
  groupCloseRow: patterns,
  groupHeading: patterns,
  emptyAmountCell: pattern,
  investmentGroup: patterns,
  savingsRow: patterns,
  steeringAreas: z.array(z.string()),
  committeeSplitHeader: pattern,
  committeeShareHeader: pattern,
  committeeTotalRow: pattern,
  followUpColumns: z.object({ criterion: pattern, method: pattern, responsible: pattern, timing: pattern }),
  consultationAnswerHeader: pattern,
  consultationDateHeader: pattern,
  separatorRow: pattern,
});
const overviewSchema = z.object({
  unit: pattern,
  totalRow: pattern,
  bcCell: pattern,
  footnote: pattern,
  meanings: z.array(z.object({ flag: z.enum(['notCommitteeApproved', 'crossCutting']), pattern })),
});

const reconcileSchema = z.object({
  keyTitleSimilarity: z.number().min(0).max(1),
  titleMismatchBelow: z.number().min(0).max(1),
  overviewDecimals: z.number().int().min(0).max(3),
  formatPreference: z.array(z.enum(['txt', 'docx', 'pdf'])).length(3),
  requiredFields: z.array(z.object({ field: z.enum(['title', 'summary', 'presentingDepartment', 'priceLevelYear', 'kind', 'fund', 'bcNumber', 'subtitle']), name: z.string().min(1) })),
});

const searchSchema = z.object({
  synonyms: z.array(z.array(z.string().min(1)).min(2)),
});

const schemas = {
  departments: departmentsSchema,
  sections: sectionsSchema,
  fields: fieldsSchema,
  tables: tablesSchema,
  overview: overviewSchema,
  reconcile: reconcileSchema,
  search: searchSchema,
} as const;

type RawRules = { [K in keyof typeof schemas]: z.infer<(typeof schemas)[K]> };

/** Whether any of a rule's patterns matches s (a loop, not a callback made per call: it runs per line and cell). */
export function matchesAny(patterns: readonly RegExp[], s: string): boolean {
  for (const p of patterns) if (p.test(s)) return true;
  return false;
}

/** A unit an amount table may state: what turns its numbers into 1.000 kr., and a cell it cannot be read from without guessing. */
export interface AmountUnit {
  pattern: RegExp;
  factor: number;
  /** A cell of this unit too ambiguous to read ('1,000' in 1.000 kr.: 1 or a thousand?), and why; null: none is. */
  ambiguous: { pattern: RegExp; reason: string } | null;
}

export interface Rules {
  dir: string;
  /** sha256 over the names and contents of every rules file, so a change to any rule re-extracts. */
  hash: string;
  departments: { code: string; name: string; patterns: RegExp[] }[];
  sections: { numbering: RegExp; maxHeadingLength: number; sections: { key: string; patterns: RegExp[] }[] };
  fields: {
    proposalStart: RegExp;
    kindHeadings: { kind: 'investeringsforslag' | 'innovationsforslag' | 'business_case'; pattern: RegExp }[];
    kindLookback: number;
    fields: { field: string; label: RegExp; multi: boolean }[];
    bcNumber: RegExp;
    subtitle: RegExp;
    yearValue: RegExp;
    priceLevelInText: RegExp;
    fundSentence: RegExp;
    fundNames: { name: string; pattern: RegExp }[];
    bundleFund: RegExp;
    /** A cell of the 'Berørte forvaltninger' table that ticks the name beside it without a box glyph ('X'). */
    checkedMark: RegExp;
    /** A 'Berørte forvaltninger' that names none ('Ingen'). */
    noDepartment: RegExp;
    tableCaption: RegExp;
  };
  tables: {
    yearCell: RegExp;
    /** The units an amount table may state, with what turns its numbers into 1.000 kr.; the first that matches counts. */
    amountUnits: AmountUnit[];
    steeringAreaHeader: RegExp;
    totalColumnHeader: RegExp;
    totalRow: RegExp[];
    /** Rows of an amount table whose values are no amounts (a payback time in years): never budget lines. */
    notAmountRow: RegExp[];
    groupCloseRow: RegExp[];
    groupHeading: RegExp[];
    emptyAmountCell: RegExp;
    investmentGroup: RegExp[];
    savingsRow: RegExp[];
    steeringAreas: string[];
    committeeSplitHeader: RegExp;
    committeeShareHeader: RegExp;
    committeeTotalRow: RegExp;
    followUpColumns: Record<'criterion' | 'method' | 'responsible' | 'timing', RegExp>;
    consultationAnswerHeader: RegExp;
    consultationDateHeader: RegExp;
    separatorRow: RegExp;
  };
  overview: {
    unit: RegExp;
    totalRow: RegExp;
    bcCell: RegExp;
    footnote: RegExp;
    meanings: { flag: 'notCommitteeApproved' | 'crossCutting'; pattern: RegExp }[];
  };
  reconcile: z.infer<typeof reconcileSchema>;
  /** Words and phrases a search treats as one ('maskinlæring' = 'machine learning'). */
  search: z.infer<typeof searchSchema>;
  raw: RawRules;
}

export const defaultRulesDir = rulesDir;

/** A letter or digit of any script: what a word is made of in Danish ('totaløkonomi' is one word). */
const WORD_CHARS = String.raw`\p{L}\p{N}_`;
const WORD = `[${WORD_CHARS}]`;
const BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
const NOT_BOUNDARY = `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;
const OUTSIDE: Record<string, string> = { b: BOUNDARY, B: NOT_BOUNDARY, w: WORD, W: `[^${WORD_CHARS}]` };
const IN_CLASS: Record<string, string> = { w: WORD_CHARS };

const ONE_WORD_CHAR = new RegExp(`^${WORD}$`, 'u');
const isLetter = (c: string | undefined) => c !== undefined && ONE_WORD_CHAR.test(c);

/**
 * A rule's pattern with `\b`, `\B`, `\w` and `\W` made of Danish words: JavaScript's own know ASCII letters only,
 * so `\btotal\b` matched inside 'totaløkonomi' and `\bøkonomi` matched nowhere.
 */
export function withDanishWords(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      // next to a letter the boundary is one look to the other side, which V8 runs much faster
      if (!inClass && next === 'b' && isLetter(source[i + 2]) && !/[?*{]/.test(source[i + 3] ?? '')) out += `(?<!${WORD})`;
      else if (!inClass && next === 'b' && isLetter(source[i - 1]) && source[i - 2] !== '\\') out += `(?!${WORD})`;
      else out += (inClass ? IN_CLASS : OUTSIDE)[next] ?? c + next;
      i++;
    } else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      out += c;
    }
  }
  return out;
}

function compile(file: string, source: string, where: string): RegExp {
  try {
    return new RegExp(withDanishWords(source), 'iu');
  } catch (e) {
    throw new RulesError(file, `${where}: invalid regular expression ${JSON.stringify(source)} (${(e as Error).message})`);
  }
}

function readRulesFile<K extends keyof typeof schemas>(dir: string, name: K): { raw: RawRules[K]; text: string } {
  const file = join(dir, `${name}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RulesError(file, 'cannot be read (missing?)');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RulesError(file, `is not valid JSON (${(e as Error).message})`);
  }
  const parsed = schemas[name].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RulesError(file, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { raw: parsed.data as RawRules[K], text };
}

/** Rules files that only queries read: a change to them re-extracts nothing. */
const QUERY_ONLY = new Set(['search.json']);

/** Hash of every *.json file in the rules folder (names and contents) that extraction reads. */
export function hashRulesDir(dir: string): string {
  const h = createHash('sha256');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json') && !QUERY_ONLY.has(n)).sort()) {
    h.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
  }
  return h.digest('hex');
}

const cache = new Map<string, Rules>();

export function loadRules(dir: string = defaultRulesDir): Rules {
  const key = resolve(dir);
  const cached = cache.get(key);
  if (cached) return cached;
  const d = readRulesFile(dir, 'departments');
  const s = readRulesFile(dir, 'sections');
  const f = readRulesFile(dir, 'fields');
  const t = readRulesFile(dir, 'tables');
  const o = readRulesFile(dir, 'overview');
  const rc = readRulesFile(dir, 'reconcile');
  const se = readRulesFile(dir, 'search');
  const df = join(dir, 'departments.json');
  const sf = join(dir, 'sections.json');
  const ff = join(dir, 'fields.json');
  const tf = join(dir, 'tables.json');
  const of = join(dir, 'overview.json');
  const rules: Rules = {
    dir: key,
    hash: hashRulesDir(dir),
    departments: d.raw.departments.map((x, i) => ({ ...x, patterns: x.patterns.map((p, j) => compile(df, p, `departments.${i}.patterns.${j}`)) })),
    sections: {
      numbering: compile(sf, s.raw.numbering, 'numbering'),
      maxHeadingLength: s.raw.maxHeadingLength,
      sections: s.raw.sections.map((x, i) => ({ key: x.key, patterns: x.patterns.map((p, j) => compile(sf, p, `sections.${i}.patterns.${j}`)) })),
    },
    fields: {
      proposalStart: compile(ff, f.raw.proposalStart, 'proposalStart'),
      kindHeadings: f.raw.kindHeadings.map((x, i) => ({ kind: x.kind, pattern: compile(ff, x.pattern, `kindHeadings.${i}`) })),
      kindLookback: f.raw.kindLookback,
      fields: f.raw.fields.map((x, i) => ({ field: x.field, multi: x.multi, label: compile(ff, x.label, `fields.${i}.label`) })),
      bcNumber: compile(ff, f.raw.bcNumber, 'bcNumber'),
      subtitle: compile(ff, f.raw.subtitle, 'subtitle'),
      yearValue: compile(ff, f.raw.yearValue, 'yearValue'),
      priceLevelInText: compile(ff, f.raw.priceLevelInText, 'priceLevelInText'),
      fundSentence: compile(ff, f.raw.fundSentence, 'fundSentence'),
      fundNames: f.raw.fundNames.map((x, i) => ({ name: x.name, pattern: compile(ff, x.pattern, `fundNames.${i}`) })),
      bundleFund: compile(ff, f.raw.bundleFund, 'bundleFund'),
      checkedMark: compile(ff, f.raw.checkedMark, 'checkedMark'),
      noDepartment: compile(ff, f.raw.noDepartment, 'noDepartment'),
      tableCaption: compile(ff, f.raw.tableCaption, 'tableCaption'),
    },
    tables: {
      yearCell: compile(tf, t.raw.yearCell, 'yearCell'),
      amountUnits: t.raw.amountUnits.map((u, i) => ({
        pattern: compile(tf, u.pattern, `amountUnits.${i}`),
        factor: u.factor,
        ambiguous: u.ambiguous ? { pattern: compile(tf, u.ambiguous.pattern, `amountUnits.${i}.ambiguous.pattern`), reason: u.ambiguous.reason } : null,
      })),
      steeringAreaHeader: compile(tf, t.raw.steeringAreaHeader, 'steeringAreaHeader'),
      totalColumnHeader: compile(tf, t.raw.totalColumnHeader, 'totalColumnHeader'),
      totalRow: t.raw.totalRow.map((p, i) => compile(tf, p, `totalRow.${i}`)),
      notAmountRow: t.raw.notAmountRow.map((p, i) => compile(tf, p, `notAmountRow.${i}`)),
      groupCloseRow: t.raw.groupCloseRow.map((p, i) => compile(tf, p, `groupCloseRow.${i}`)),
      groupHeading: t.raw.groupHeading.map((p, i) => compile(tf, p, `groupHeading.${i}`)),
      emptyAmountCell: compile(tf, t.raw.emptyAmountCell, 'emptyAmountCell'),
      investmentGroup: t.raw.investmentGroup.map((p, i) => compile(tf, p, `investmentGroup.${i}`)),
      savingsRow: t.raw.savingsRow.map((p, i) => compile(tf, p, `savingsRow.${i}`)),
      steeringAreas: t.raw.steeringAreas,
      committeeSplitHeader: compile(tf, t.raw.committeeSplitHeader, 'committeeSplitHeader'),
      committeeShareHeader: compile(tf, t.raw.committeeShareHeader, 'committeeShareHeader'),
      committeeTotalRow: compile(tf, t.raw.committeeTotalRow, 'committeeTotalRow'),
      followUpColumns: {
        criterion: compile(tf, t.raw.followUpColumns.criterion, 'followUpColumns.criterion'),
        method: compile(tf, t.raw.followUpColumns.method, 'followUpColumns.method'),
        responsible: compile(tf, t.raw.followUpColumns.responsible, 'followUpColumns.responsible'),
        timing: compile(tf, t.raw.followUpColumns.timing, 'followUpColumns.timing'),
      },
      consultationAnswerHeader: compile(tf, t.raw.consultationAnswerHeader, 'consultationAnswerHeader'),
      consultationDateHeader: compile(tf, t.raw.consultationDateHeader, 'consultationDateHeader'),
      separatorRow: compile(tf, t.raw.separatorRow, 'separatorRow'),
    },
    overview: {
      unit: compile(of, o.raw.unit, 'unit'),
      totalRow: compile(of, o.raw.totalRow, 'totalRow'),
      bcCell: compile(of, o.raw.bcCell, 'bcCell'),
      footnote: compile(of, o.raw.footnote, 'footnote'),
      meanings: o.raw.meanings.map((x, i) => ({ flag: x.flag, pattern: compile(of, x.pattern, `meanings.${i}`) })),
    },
    reconcile: rc.raw,
    search: se.raw,
    raw: { departments: d.raw, sections: s.raw, fields: f.raw, tables: t.raw, overview: o.raw, reconcile: rc.raw, search: se.raw },
  };
  cache.set(key, rules);
  return rules;
}
