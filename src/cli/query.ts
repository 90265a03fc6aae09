import { openReadOnly } from '../store/db.ts';
import { UsageError } from '../pipeline/files.ts';
import { formatRows, type Row } from './format.ts';

export async function runQuery(sql: string, o: { db: string; format: string }): Promise<number> {
  if (!['table', 'csv', 'json'].includes(o.format)) throw new UsageError(`--format must be table, csv or json, not "${o.format}"`);
  const db = openReadOnly(o.db);
  try {
    let stmt;
    try {
      stmt = db.prepare(sql);
    } catch (e) {
      process.stderr.write(`proposals query: ${(e as Error).message}\n`);
      return 2;
    }
    if (!stmt.readonly) {
      process.stderr.write('proposals query: refused: the statement would change the database; query is read-only\n');
      return 2;
    }
    if (!stmt.reader) {
      stmt.run();
      return 0;
    }
    const columns = stmt.columns().map((c) => c.name);
    const rows = stmt.all() as Row[];
    process.stdout.write(formatRows(o.format, columns, rows));
    return 0;
  } finally {
    db.close();
  }
}
