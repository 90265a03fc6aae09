/**
 * Commit groups: a batch run writes its documents inside one transaction that it commits about every
 * COMMIT_GROUP_MS. Each document is still written in a transaction of its own, a savepoint of the group's, which
 * rolls back alone when its write fails; a reader sees a group's documents all at once when it commits, each one
 * whole, old or new, never a mix. A run that is killed loses at most the group under way, which the next run
 * extracts again.
 *
 * Why: committing is most of the writer thread's SQLite work. Each commit writes every page it changed to the WAL
 * (the same index pages again and again, one document after another) and FTS5 writes a new index segment and
 * merges segments; with 2 workers on 2 cores that CPU comes out of the workers' time. The full-text rows are held
 * back to the end of the group (PendingIndex), and the savepoints keep their page copies in memory
 * (temp_store = MEMORY, set by openWritable) instead of a temporary file. Measured with `npm run bench:writer`.
 */
import type { DB } from './db.ts';
import { PendingIndex } from '../search/index.ts';

/** A quarter of a second: readers see documents at most that much later; with 2 workers, ~10 documents a group. */
export const COMMIT_GROUP_MS = 250;

export class CommitGroups {
  readonly pending = new PendingIndex();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** The group's transaction was found gone (SQLite rolls back by itself after an I/O error or a full disk). */
  private lost = false;

  /**
   * @param onCommitError called when a commit made by the timer fails (the group is then rolled back): the run stops.
   * @param onRollback called when a group was rolled back, so that what the run keeps in memory about the archive
   *   (its key index) is read again.
   */
  constructor(
    private readonly db: DB,
    private readonly hooks: { onCommitError: (e: unknown) => void; onRollback: () => void },
    private readonly intervalMs = COMMIT_GROUP_MS,
  ) {}

  /** Opens the first group; every write from now on is inside a group until end(). */
  start(): void {
    this.db.exec('BEGIN');
    // Timers run between synchronous sections only, so never inside a document's savepoint.
    this.timer = setInterval(() => {
      try {
        this.commit();
        this.db.exec('BEGIN');
      } catch (e) {
        // no group is open from here on: the files under way are written one transaction each
        this.stopTimer();
        this.hooks.onCommitError(e);
      }
    }, this.intervalMs);
    this.timer.unref();
  }

  /**
   * Where a document's full-text rows go: held for the group while one is open; none (written at once) when no
   * group is, e.g. after a commit failed and the run is finishing the files under way one transaction each. Read
   * it before the document's transaction begins, not inside it.
   */
  get pendingIndex(): PendingIndex | undefined {
    // read between documents, when the group's transaction is the only one: if it is gone, SQLite rolled it back
    if (this.timer && !this.db.inTransaction) this.lost = true;
    return this.timer && !this.lost ? this.pending : undefined;
  }

  /** Commits the group under way and opens no other: the run's last writes (its counts) are made outside groups. */
  end(): void {
    if (!this.timer) return;
    this.stopTimer();
    this.commit();
  }

  private commit(): void {
    if (this.lost || !this.db.inTransaction) {
      // SQLite rolled the group back itself (an I/O error, a full disk): its documents are not in the archive
      this.pending.clear();
      this.hooks.onRollback();
      throw new Error('a commit group was rolled back by SQLite; its documents are extracted again on the next run');
    }
    try {
      this.pending.flush(this.db);
      this.db.exec('COMMIT');
    } catch (e) {
      this.pending.clear();
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.hooks.onRollback();
      throw e;
    }
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
