import { describe, expect, it } from 'vitest';
import { canonicalBcNumber } from '../../src/normalize/bc.ts';

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
});
