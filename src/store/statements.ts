import type Database from 'better-sqlite3';
import type { DB } from './db.ts';

const statements = new WeakMap<DB, Map<string, Database.Statement>>();

/**
 * A prepared statement, prepared once per connection: the writer runs the same few dozen statements for every
 * document, and preparing them again each time was a tenth of the writer thread's work.
 */
export function stmt(db: DB, sql: string): Database.Statement {
  let bySql = statements.get(db);
  if (!bySql) statements.set(db, (bySql = new Map()));
  let s = bySql.get(sql);
  if (!s) bySql.set(sql, (s = db.prepare(sql)));
  return s;
}
