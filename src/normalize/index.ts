export { parseDanishNumber, parseAmountTdkk, roundTo } from './numbers.ts';
export { parseDanishDate } from './dates.ts';
export { departmentCode, departmentCodes } from './departments.ts';
export { canonicalBcNumber } from './bc.ts';
