/**
 * One writer at a time: a lock file next to the database, holding the writer's pid and start time. A stale lock (its
 * writer died, even if another process has its pid now) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { makeDirs } from '../paths.ts';
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

/**
 * When the process with this pid started (clock ticks since boot, from /proc on Linux), or null where that is not
 * known. A lock names its writer by pid and start time, so a pid that a new process took over after the writer
 * died does not hold the lock.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name, which is in parentheses and may hold spaces; starttime is field 22
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the writer a lock file names is still running: its pid is alive and, where known, started when the lock says. */
export function lockHolderAlive(content: string): number | null {
  const [pidText, started] = content.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!pid || !processAlive(pid)) return null;
  if (started) {
    const now = processStartTime(pid);
    if (now !== null && now !== started) return null;
  }
  return pid;
}

export class LockedError extends UsageError {}

export function acquireWriterLock(dbPath: string): () => void {
  const lockPath = `${dbPath}.lock`;
  makeDirs(dirname(dbPath));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim());
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
      const pid = lockHolderAlive(readFileSync(lockPath, 'utf8'));
      if (pid !== null && pid !== process.pid)
        throw new LockedError(`${dbPath} is being written by another import or reextract (pid ${pid}); try again when it has finished`);
      unlinkSync(lockPath); // stale: its writer died
    }
  }
  throw new LockedError(`${dbPath}: could not take the writer lock ${lockPath}`);
}
