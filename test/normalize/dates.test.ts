import { describe, expect, it } from 'vitest';
import { parseDanishDate } from '../../src/normalize/dates.ts';

describe('Danish dates', () => {
  it.each([
    ['27-02-2018', '2018-02-27'],
    ['31.07.2020', '2020-07-31'],
    ['7. februar 2018', '2018-02-07'],
    ['2. marts, 2018', '2018-03-02'],
    ['Godkendt d. 20. februar 2018', '2018-02-20'],
    ['30. juli 2020', '2020-07-30'],
    ['1/12/19', '2019-12-01'],
  ])('%s -> %s', (input, expected) => {
    expect(parseDanishDate(input)).toBe(expected);
  });

  it.each(['', 'Ikke relevant', '31-02-2018', '7. smarch 2018'])('%j is no date', (input) => {
    expect(parseDanishDate(input)).toBeNull();
  });
});
