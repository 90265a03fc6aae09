import { describe, expect, it } from 'vitest';
import { departmentCode } from '../../src/normalize/departments.ts';
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
