/** `proposals accept-errors`: the errors the archive holds now are known, and the report's exit code leaves them out. */
import { closeWritable, mustExist, openWritable } from '../store/db.ts';
import { acquireWriterLock } from '../pipeline/lock.ts';
import { acceptErrors, clearAcceptedErrors } from '../store/accepted.ts';
import { UsageError } from '../pipeline/files.ts';

export async function runAcceptErrors(o: { db: string; reason?: string; clear?: boolean }): Promise<number> {
  if (o.clear && o.reason !== undefined) throw new UsageError('give --reason to accept errors, or --clear to take every acceptance back, not both');
  if (!o.clear && !o.reason?.trim()) throw new UsageError('a --reason is needed, saying why the errors are known (or --clear)');
  mustExist(o.db);
  const release = acquireWriterLock(o.db);
  const db = openWritable(o.db);
  try {
    if (o.clear) process.stdout.write(`${clearAcceptedErrors(db)} accepted error(s) taken back: the report counts them again\n`);
    else process.stdout.write(`${acceptErrors(db, o.reason!.trim())} error(s) accepted as known: the report lists them, and exits 1 only for others\n`);
    return 0;
  } finally {
    closeWritable(db);
    release();
  }
}
