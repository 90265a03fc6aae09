import { describe, expect, it } from 'vitest';
import { detectHeading } from '../../src/parse/headings.ts';
import { loadRules } from '../../src/rules/index.ts';

const rules = loadRules();

describe('section headings', () => {
  it.each([
    ['1.2 BAGGRUND OG FORMÅL', 'background'],
    ['1.1. Baggrund og formål', 'background'],
    ['2. Baggrund og formål', 'background'],
    ['BAGGRUND OG FORMÅL', 'background'],
    ['1.1 FORSLAGETS SAMLEDE ØKONOMISKE KONSEKVENSER', 'consequences'],
    ['Forslagets samlede økonomiske konsekvenser', 'consequences'],
    ['1.0 FORSLAGETS SAMLEDE ØKONOMISKE KONSEKVENSER', 'consequences'],
    ['1.4 ØKONOMI', 'economy'],
    ['1.5 KRITERIER TIL PRIORITERING AF INNOVATIONSPULJEN', 'prioritization'],
    ['KRITERIER TIL PRIORITERING AF DIGITALISERINGSPULJEN', 'prioritization'],
    ['1.6 IMPLEMENTERING AF FORSLAGET OG INDDRAGELSE AF SAMARBEJDSPARTNERE', 'implementation'],
    ['Hvem er hørt?', 'consulted'],
    ['1.11 HVEM ER HØRT?', 'consulted'],
    ['11. Teknisk bilag', 'technical_annex'],
    ['9. Opfølgning', 'follow_up'],
    ['2) Baggrund og formål', 'background'],
    ['(3) Forslagets indhold', 'content'],
    ['1.4) ØKONOMI', 'economy'],
    ['Afsnit 11. Teknisk bilag', 'technical_annex'],
  ])('%s is the %s section', (text, key) => {
    expect(detectHeading(text, rules)?.key).toBe(key);
  });

  it('reads a heading wrapped over two lines, and not a heading with body text under it', () => {
    expect(detectHeading('1.2 BAGGRUND OG\nFORMÅL', rules)).toEqual({ key: 'background', heading: '1.2 BAGGRUND OG FORMÅL', number: '1.2' });
    expect(detectHeading('1.2 Baggrund og formål\nRuter planlægges manuelt.', rules)).toBeNull();
    expect(detectHeading('1.2 BAGGRUND\nOG\nFORMÅL', rules)).toBeNull();
  });

  it('keeps a numbered capital heading no rule names, with key null', () => {
    expect(detectHeading('1.13 ANDRE BEMÆRKNINGER', rules)).toEqual({ key: null, heading: '1.13 ANDRE BEMÆRKNINGER', number: '1.13' });
  });

  it.each([
    '1. Klager',
    '2. Borgerdokumentation i Borgerens Plan',
    'Investeringer',
    'Økonomien placeres i Koncern IT.',
    'Der er behov for en investering på 2,8 mio. kr. over de næste to år til udvikling af funktionelle og implementeringsklare servicebotter.',
  ])('%s is body text', (text) => {
    expect(detectHeading(text, rules)).toBeNull();
  });
});
