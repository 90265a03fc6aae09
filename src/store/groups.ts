/**
 * Commit groups: a batch run writes its documents inside one transaction that it commits about every
 * COMMIT_GROUP_MS. Each document is still written in a transaction of its own, a savepoint of the group's, which
 * rolls back alone when its write fails; a reader sees a group's documents all at once when it commits, each one
 * whole, old or new, never a mix. A run that is killed loses at most the group under way, which the next run
 * extracts again. A group that is lost (a commit fails, or SQLite rolls it back after an I/O error) stops the run,
 * which then writes nothing more.
 *
 * Why: committing is most of the writer thread's SQLite work. Each commit writes every page it changed to the WAL
 * (the same index pages again and again, one document after another) and FTS5 writes a new index segment and
 * merges segments; with 2 workers on 2 cores that CPU comes out of the workers' time. The full-text rows are held
 * back to the end of the group (PendingIndex), and the savepoints keep their page copies in memory
 * (temp_store = MEMORY, set by openWritable) instead of a temporary file. Measured with `npm run bench:writer`.
 */
import type { DB } from './db.ts';
import { PendingIndex, type HeldRow } from '../search/index.ts';

/** A quarter of a second: readers see documents at most that much later; with 2 workers, ~10 documents a group. */
export const COMMIT_GROUP_MS = 250;

export class CommitGroups {
  private readonly pending = new PendingIndex();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** A group was lost: a commit failed, or SQLite rolled it back by itself (after an I/O error or a full disk). */
  private broken = false;

  constructor(
    private readonly db: DB,
    private readonly opts: {
      /**
       * Called once when a group is lost (a commit failed, or SQLite rolled the group back itself): the run stops
       * with that error. What the run keeps in memory about the archive (its key index) must be read again.
       */
      onLost: (e: unknown) => void;
      /** Called after each commit: what the run has done so far is in the archive now. */
      onCommitted?: () => void;
      intervalMs?: number;
    },
  ) {}

  /** Opens the first group; every write from now on is inside a group until end(). */
  start(): void {
    this.db.exec('BEGIN');
    // Timers run between synchronous sections only, so never inside a document's savepoint.
    this.timer = setInterval(() => {
      try {
        this.commit();
        this.db.exec('BEGIN');
      } catch {
        /* lost: commit() said so */
      }
    }, this.opts.intervalMs ?? COMMIT_GROUP_MS);
    this.timer.unref();
  }

  /**
   * Whether a group was lost. The run then writes nothing more: what it read before, to compare a file with (the
   * record at its path, a copy of its content), may have gone with the group. Ask between documents, when the
   * group's transaction is the only one.
   */
  get failed(): boolean {
    if (!this.broken && this.timer && !this.db.inTransaction) this.lose(new Error(ROLLED_BACK));
    return this.broken;
  }

  /** The full-text rows of a document whose transaction was released into the group: written when it commits. */
  hold(rows: HeldRow[]): void {
    this.pending.add(rows);
  }

  /**
   * For a process that exits during the run (a second Ctrl-C): commits the group under way, whose documents were
   * reported as done, if it can. An exit handler runs between synchronous sections, so never inside a document's
   * savepoint.
   */
  endAtExit(): void {
    try {
      this.end();
    } catch {
      /* the group is lost: the next run extracts its files again */
    }
  }

  /** Commits the group under way and opens no other: the run's last writes (its counts) are made outside groups. */
  end(): void {
    if (!this.timer) {
      if (this.broken) throw new Error(ROLLED_BACK);
      return;
    }
    this.stopTimer();
    this.commit();
  }

  private commit(): void {
    // SQLite rolled the group back itself (an I/O error, a full disk): its documents are not in the archive
    if (this.broken || !this.db.inTransaction) throw this.lose(new Error(ROLLED_BACK));
    try {
      this.pending.flush(this.db);
      this.db.exec('COMMIT');
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw this.lose(e);
    }
    this.opts.onCommitted?.();
  }

  /** The group is gone: nothing more is written in groups, and the run is told (once). */
  private lose(e: unknown): unknown {
    this.stopTimer();
    this.pending.clear();
    if (!this.broken) {
      this.broken = true;
      this.opts.onLost(e);
    }
    return e;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

const ROLLED_BACK = 'a commit group was rolled back by SQLite; its documents are extracted again on the next run';
