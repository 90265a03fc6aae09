import { describe, expect, it } from 'vitest';
import { departmentCode, departmentCodes } from '../../src/normalize/departments.ts';
import { loadRules } from '../../src/rules/index.ts';

const rules = loadRules();

describe('department codes', () => {
  it.each([
    ['Økonomiforvaltningen', 'ØKF'],
    ['Kultur- og Fritidsforvaltningen', 'KFF'],
    ['Kultur- Fritidsforvaltningen', 'KFF'],
    ['Børne- og Ungdomsforvaltningen', 'BUF'],
    ['Sundheds- og Omsorgsforvaltningen', 'SUF'],
    ['Socialforvaltningen', 'SOF'],
    ['Teknik- og Miljøforvaltningen', 'TMF'],
    ['Beskæftigelses- og  Integrationsforvaltningen.', 'BIF'],
    ['TMF', 'TMF'],
  ])('%s -> %s', (name, code) => {
    expect(departmentCode(name, rules)).toBe(code);
  });

  it('gives null for a name it does not know', () => {
    expect(departmentCode('Koncern IT', rules)).toBeNull();
  });
});

describe('several departments named in one field', () => {
  const rules = loadRules();
  it('are read in their order, also where "og" stands inside a name', () => {
    expect(departmentCodes('Økonomiforvaltningen og Kultur- og Fritidsforvaltningen', rules)).toEqual(['ØKF', 'KFF']);
    expect(departmentCodes('Socialforvaltningen, Børne- og Ungdomsforvaltningen samt TMF', rules)).toEqual(['SOF', 'BUF', 'TMF']);
    expect(departmentCodes('Kultur- og Fritidsforvaltningen', rules)).toEqual(['KFF']);
  });
  it('are none when a part is no known department', () => {
    expect(departmentCodes('Socialforvaltningen og Region Hovedstaden', rules)).toBeNull();
  });
});

describe('a department named with a word in parentheses after it', () => {
  it('is the department when the name and its abbreviation agree, or when only one of them is a department', () => {
    expect(
      ['Sundheds- og Omsorgsforvaltningen (SUF)', 'Socialforvaltningen (Center for Udsatte Voksne)', 'Center for Udsatte Voksne (SOF)', 'Teknik- og Miljøforvaltningen (TMF).'].map((n) => departmentCode(n, rules)),
    ).toEqual(['SUF', 'SOF', 'SOF', 'TMF']);
  });
  it('is no department when the two name different ones', () => {
    expect(departmentCode('Socialforvaltningen (BUF)', rules)).toBeNull();
  });
});

describe('a department with one of its units after a comma or a dash', () => {
  it('is the department', () => {
    expect(
      ['Beskæftigelses- og Integrationsforvaltningen, Jobcenter København', 'Teknik- og Miljøforvaltningen – Byens Udvikling', 'SOF, Center for Udsatte'].map((n) => departmentCode(n, rules)),
    ).toEqual(['BIF', 'TMF', 'SOF']);
  });
  it('is no one department when what follows is a department too, or when the unit comes first', () => {
    expect(['Økonomiforvaltningen, Kultur- og Fritidsforvaltningen', 'Jobcenter København, BIF'].map((n) => departmentCode(n, rules))).toEqual([null, null]);
    expect(departmentCodes('Økonomiforvaltningen, Kultur- og Fritidsforvaltningen', rules)).toEqual(['ØKF', 'KFF']);
  });
});
