/** One writer at a time: a lock file next to the database, holding the writer's pid. A stale lock (dead pid) is taken over. */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './files.ts';

/** Whether a process with this pid is running (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class LockedError extends UsageError {}

export function acquireWriterLock(dbPath: string): () => void {
  const lockPath = `${dbPath}.lock`;
  mkdirSync(dirname(dbPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (pid && processAlive(pid) && pid !== process.pid)
        throw new LockedError(`${dbPath} is being written by another import or reextract (pid ${pid}); try again when it has finished`);
      unlinkSync(lockPath); // stale: its writer died
    }
  }
  throw new LockedError(`${dbPath}: could not take the writer lock ${lockPath}`);
}
