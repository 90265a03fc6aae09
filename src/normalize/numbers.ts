/**
 * Danish numbers: '.' groups thousands, ',' is the decimal mark. '1.025' = 1025, '2,8' = 2.8.
 * Amount cells are parsed strictly: a cell that is not a number gives null, never a guess.
 */

// hyphen, minus sign, en dash, and the Danish '÷'
const MINUS = /^[-−–÷]\s*/;

/** Parses a number cell such as '1.025', '-200', '÷ 200', '2,8', '1 025', '(200)', '2.000,-', '½', '1½'. Null if it is not a number. */
export function parseDanishNumber(input: string): number | null {
  let s = input.replace(/[\u00A0\u202F\s]+/g, ' ').trim();
  if (s === '') return null;
  let sign = 1;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    sign = -1;
    s = paren[1]!.trim();
  }
  // '2.000,-': whole kroner, no øre
  s = s.replace(/,\s*[-–]$/, '');
  if (MINUS.test(s)) {
    sign = -sign;
    s = s.replace(MINUS, '');
  }
  const frac = /^(\d*)\s*([½¼¾])$/.exec(s);
  if (frac) {
    const whole = frac[1] ? Number(frac[1]) : 0;
    const f = frac[2] === '½' ? 0.5 : frac[2] === '¼' ? 0.25 : 0.75;
    return sign * (whole + f);
  }
  // thousands grouped by '.' or by ' ' (one of them throughout: '3.650 650' is two numbers, not one), optional
  // decimal part after ','
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s) || /^\d{1,3}(?: \d{3})+(?:,\d+)?$/.test(s) || /^\d+(?:,\d+)?$/.test(s)) {
    const [int, dec] = s.replace(/[. ]/g, '').split(',');
    return sign * Number(dec ? `${int}.${dec}` : int);
  }
  return null;
}

/**
 * Parses an amount with its unit into thousand DKK: '0,85 mio. kr.' = 850, '850 t.kr.' = 850, '1,5 mia. kr.' = 1500000.
 * Null when no number with a known unit is found.
 */
export function parseAmountTdkk(input: string): number | null {
  const m = /(-?\s*\d[\d.\s]*(?:,\d+)?\s*[½¼¾]?)\s*(mia\.?|mio\.?|t\.\s?kr\.?|tkr\.?|tdkk|kr\.?)/i.exec(input);
  if (!m) return null;
  const n = parseDanishNumber(m[1]!);
  if (n === null) return null;
  const unit = m[2]!.toLowerCase().replace(/\s/g, '');
  const factor = unit.startsWith('mia') ? 1_000_000 : unit.startsWith('mio') ? 1000 : unit.startsWith('t') ? 1 : 0.001;
  return roundTo(n * factor, 6);
}

export function roundTo(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
