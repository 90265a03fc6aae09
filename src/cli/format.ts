/**
 * Output of query results as an aligned table, CSV (RFC 4180) or JSON (NULL is empty in CSV, null in JSON), and the
 * --year option of the reading commands.
 */
import { UsageError } from '../pipeline/files.ts';

export type Row = Record<string, unknown>;

/** A --year option: a four-digit year, or none. */
export function yearOption(year: string | undefined): number | undefined {
  if (year !== undefined && !/^\d{4}$/.test(year)) throw new UsageError(`--year must be a year such as 2018, not "${year}"`);
  return year === undefined ? undefined : Number(year);
}

/** A text of at most `width` characters: cut with '…' where it is longer. */
export const cut = (s: string, width: number) => (s.length > width ? `${s.slice(0, width - 1)}…` : s);

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Buffer.isBuffer(v)) return `<${v.length} bytes>`;
  return String(v);
}

export function toCsv(columns: string[], rows: Row[]): string {
  const esc = (v: unknown) => {
    const s = cellText(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // RFC 4180: records end with CRLF
  return [columns.map(esc).join(','), ...rows.map((r) => columns.map((c) => esc(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function toJson(rows: Row[]): string {
  return JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n';
}

export function toTable(columns: string[], rows: Row[]): string {
  const cells = rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? 'NULL' : cellText(r[c]).replace(/\s+/g, ' '))));
  const widths = columns.map((c, i) => Math.min(60, Math.max(c.length, ...cells.map((row) => row[i]!.length))));
  const fit = (s: string, w: number) => cut(s, w).padEnd(w);
  const line = (vals: string[]) => vals.map((v, i) => fit(v, widths[i]!)).join(' | ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...cells.map(line), `(${rows.length} row${rows.length === 1 ? '' : 's'})`].join('\n') + '\n';
}

export function formatRows(format: string, columns: string[], rows: Row[]): string {
  if (format === 'csv') return toCsv(columns, rows);
  if (format === 'json') return toJson(rows);
  return toTable(columns, rows);
}
