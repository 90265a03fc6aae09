import { describe, expect, it } from 'vitest';
import { parseAmountTdkk, parseDanishNumber } from '../../src/normalize/numbers.ts';

describe('Danish numbers', () => {
  it.each([
    ['1.025', 1025],
    ['2,8', 2.8],
    ['1.725', 1725],
    ['2225', 2225],
    ['0', 0],
    ['-200', -200],
    ['– 1.500', -1500],
    ['÷ 1.500', -1500],
    ['÷300', -300],
    ['(300)', -300],
    ['1.234.567', 1234567],
    ['1.025,5', 1025.5],
    ['1 025', 1025],
    ['1½', 1.5],
    ['½', 0.5],
    ['3½', 3.5],
    ['2.000,-', 2000],
    ['÷ 500,–', -500],
  ])('reads %s as %d', (input, expected) => {
    expect(parseDanishNumber(input)).toBe(expected);
  });

  it.each(['', '-', 'X', 'Service', '1.02', '12.34.56', '2018 p/l', '1,5 mio.', '3.650 650', '1 025.300', 'ca. 75', '250*', '12.5', ',-'])('refuses %j: not a plain number', (input) => {
    expect(parseDanishNumber(input)).toBeNull();
  });
});

describe('amounts with units, in thousand kroner', () => {
  it.each([
    ['0,85 mio. kr.', 850],
    ['850 t.kr.', 850],
    ['400 t. kr.', 400],
    ['2,8 mio. kr.', 2800],
    ['1,870 mio. kr.', 1870],
    ['1½ mio.kr.', 1500],
    ['udgør sammenlagt 950 t.kr. i 2018', 950],
  ])('%s = %d t.kr.', (input, expected) => {
    expect(parseAmountTdkk(input)).toBe(expected);
  });

  it('gives null when there is no unit', () => {
    expect(parseAmountTdkk('i alt 1.500')).toBeNull();
  });
});
