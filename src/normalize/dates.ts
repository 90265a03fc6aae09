/** Danish dates to ISO 8601: '27-02-2018', '31.07.2020', '7. februar 2018', '2. marts, 2018', 'Godkendt d. 20. februar 2018'. */

const MONTHS: Record<string, number> = {
  januar: 1, jan: 1, februar: 2, feb: 2, marts: 3, mar: 3, april: 4, apr: 4, maj: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, november: 11, nov: 11,
  december: 12, dec: 12,
};

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Finds the first date in the text and returns it as YYYY-MM-DD, or null. */
export function parseDanishDate(input: string): string | null {
  const s = input.toLowerCase();
  const numeric = /\b(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})\b/.exec(s);
  if (numeric) return iso(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const isoMatch = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(s);
  if (isoMatch) return iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
  const named = /\b(\d{1,2})\.?\s*([a-zæøå]+)\.?,?\s*(\d{4})\b/.exec(s);
  if (named && MONTHS[named[2]!] !== undefined) return iso(Number(named[3]), MONTHS[named[2]!]!, Number(named[1]));
  return null;
}
