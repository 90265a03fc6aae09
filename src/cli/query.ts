/**
 * `proposals query`: one SQL statement on a read-only (mode=ro) connection, in a child process that is
 * killed when the time limit runs out (better-sqlite3 has no progress handler to interrupt a query, and a
 * worker thread busy inside SQLite cannot be terminated).
 */
import { join } from 'node:path';
import { binDir } from '../paths.ts';
import { fork } from 'node:child_process';
import { UsageError } from '../pipeline/files.ts';
import { mustExist, notAFolder } from '../store/db.ts';
import { formatRows, type Row } from './format.ts';

type Reply = { kind: 'rows'; columns: string[]; rows: Row[] } | { kind: 'refused' } | { kind: 'error'; message: string };

export function runSqlWithTimeout(dbPath: string, sql: string, timeoutMs: number): Promise<Reply | { kind: 'timeout' }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(binDir, 'query-child.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ kind: 'timeout' });
    }, timeoutMs);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as Reply);
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') resolve({ kind: 'error', message: `the query process ended (${signal ?? code}) without an answer` });
    });
    child.send({ dbPath, sql });
  });
}

export async function runQuery(sql: string, o: { db: string; format: string; timeout: string }): Promise<number> {
  if (!['table', 'csv', 'json'].includes(o.format)) throw new UsageError(`--format must be table, csv or json, not "${o.format}"`);
  const seconds = Number(o.timeout);
  if (!(seconds > 0)) throw new UsageError(`--timeout must be a number of seconds > 0, not "${o.timeout}"`);
  mustExist(o.db);
  notAFolder(o.db);
  const r = await runSqlWithTimeout(o.db, sql, seconds * 1000);
  if (r.kind === 'timeout') {
    process.stderr.write(`proposals query: stopped after ${seconds} s (--timeout); the database is unchanged\n`);
    return 1;
  }
  if (r.kind === 'refused') {
    process.stderr.write('proposals query: refused: the statement would change the database; query is read-only\n');
    return 2;
  }
  if (r.kind === 'error') {
    process.stderr.write(`proposals query: ${r.message}\n`);
    return 2;
  }
  if (r.columns.length) process.stdout.write(formatRows(o.format, r.columns, r.rows));
  return 0;
}
