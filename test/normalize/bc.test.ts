import { describe, expect, it } from 'vitest';
import { BC_SPELLING, canonicalBcNumber } from '../../src/normalize/bc.ts';

describe('BC numbers', () => {
  it('writes every spelling of the same number alike', () => {
    expect(['BC7', 'BC 7', 'bc07', 'BC007', 'BC-07', 'BC - 7'].map(canonicalBcNumber)).toEqual(['BC07', 'BC07', 'BC07', 'BC07', 'BC07', 'BC07']);
  });
  it('keeps longer numbers and the letter of a sub-proposal', () => {
    expect(['BC20', 'BC410', 'BC 7a', 'BC041B'].map(canonicalBcNumber)).toEqual(['BC20', 'BC410', 'BC07A', 'BC41B']);
  });
  it('keeps the year of a number written with its year, in one spelling', () => {
    expect(['BC-2020-07', 'BC2020-7', 'BC 2020 - 07', 'bc2019-14b'].map(canonicalBcNumber)).toEqual(['BC2020-07', 'BC2020-07', 'BC2020-07', 'BC2019-14B']);
  });
  it('finds in a longer text every spelling it writes alike, and nothing more', () => {
    const found = (t: string) => new RegExp(`\\b(${BC_SPELLING})\\b`, 'i').exec(t)?.[1] ?? null;
    expect(['se BC 7a side 2', 'BC-2020-07/2020', 'bc007:', 'BC'].map(found)).toEqual(['BC 7a', 'BC-2020-07', 'bc007', null]);
  });
});
