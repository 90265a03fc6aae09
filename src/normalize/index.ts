export { parseDanishNumber, parseAmountTdkk, isNumberCell, roundTo } from './numbers.ts';
export { parseDanishDate } from './dates.ts';
export { departmentCode } from './departments.ts';
