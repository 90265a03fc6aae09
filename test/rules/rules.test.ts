import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRulesDir, loadRules, RulesError, withDanishWords } from '../../src/rules/index.ts';

function copyRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  cpSync(defaultRulesDir, dir, { recursive: true });
  return dir;
}

describe('rules files', () => {
  it('load and validate', () => {
    const rules = loadRules();
    expect(rules.departments.map((d) => d.code)).toEqual(['ØKF', 'KFF', 'BUF', 'SUF', 'SOF', 'TMF', 'BIF']);
    expect(rules.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a file that is not JSON stops the run, naming the file', () => {
    const dir = copyRules();
    writeFileSync(join(dir, 'sections.json'), '{ not json');
    expect(() => loadRules(dir)).toThrow(RulesError);
    expect(() => loadRules(dir)).toThrow(/sections\.json.*not valid JSON/);
  });

  it('a missing field names the file and the path of the field', () => {
    const dir = copyRules();
    const f = JSON.parse(readFileSync(join(dir, 'tables.json'), 'utf8'));
    delete f.yearCell;
    writeFileSync(join(dir, 'tables.json'), JSON.stringify(f));
    expect(() => loadRules(dir)).toThrow(/tables\.json: yearCell/);
  });

  it('a broken regular expression names the file and the rule', () => {
    const dir = copyRules();
    const f = JSON.parse(readFileSync(join(dir, 'departments.json'), 'utf8'));
    f.departments[2].patterns = ['^børne(og'];
    writeFileSync(join(dir, 'departments.json'), JSON.stringify(f));
    expect(() => loadRules(dir)).toThrow(/departments\.json: departments\.2\.patterns\.0: invalid regular expression/);
  });

  it('the hash changes when any rule changes', () => {
    const dir = copyRules();
    const before = loadRules(dir).hash;
    const dir2 = copyRules();
    const f = JSON.parse(readFileSync(join(dir2, 'fields.json'), 'utf8'));
    f.kindLookback = 4;
    writeFileSync(join(dir2, 'fields.json'), JSON.stringify(f));
    expect(loadRules(dir2).hash).not.toBe(before);
  });
});

describe('word boundaries in rules', () => {
  const rule = (source: string) => new RegExp(withDanishWords(source), 'iu');
  it('count æ, ø and å as letters of a word', () => {
    expect(['Total', 'I alt (total)', 'totaløkonomi', 'subtotalår'].map((t) => rule(String.raw`\btotal\b`).test(t))).toEqual([true, true, false, false]);
    expect(['Økonomiforvaltningen', 'en økonomi', 'socialøkonomi'].map((t) => rule(String.raw`\bøkonomi`).test(t))).toEqual([true, true, false]);
    expect(['styringsområde', 'styr-område'].map((t) => rule(String.raw`^sty\w*område$`).test(t))).toEqual([true, false]);
    // next to a letter the boundary looks one way only; not where that letter may be left out, or is an escape
    expect(['i alt', 'ti alt', 'I alt: 5'].map((t) => rule(String.raw`\bi\s+alt\b`).test(t))).toEqual([true, false, true]);
    expect(['xy', 'y', 'æy', 'z-y'].map((t) => rule(String.raw`\bx?y\b`).test(t))).toEqual([true, true, false, true]);
    expect(['12 kr', '12kr', 'a-2 kr'].map((t) => rule(String.raw`\d\b\s?kr`).test(t))).toEqual([true, false, true]);
  });
  it('leave a class, an escaped backslash and other escapes as they are', () => {
    expect(withDanishWords(String.raw`[\b\d]\\b\.`)).toBe(String.raw`[\b\d]\\b\.`);
  });
});
