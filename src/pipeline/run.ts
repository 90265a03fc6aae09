/**
 * A batch run (import or reextract): every file ends up extracted, unchanged or failed with a reason; one
 * bad file never stops the batch. Files are read ahead with bounded concurrency (p-limit), extracted in a
 * worker pool, and written by this thread, the only writer: each document in a transaction of its own (a
 * savepoint), committed in groups about every quarter second (store/groups.ts). The run and what
 * it changed are recorded in extraction_runs and run_changes.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import pLimit from 'p-limit';
import type { DB } from '../store/db.ts';
import { stmt } from '../store/statements.ts';
import type { Rules } from '../rules/index.ts';
import { readInput, formatNameMismatch, DEFAULT_LIMITS, type IngestLimits } from '../ingest/index.ts';
import { asDocumentError, isRunFailure } from '../errors.ts';
import { dropNotExtractedYet, dropStaleVersion, inTransaction, markMissing, writeDocument, writeFailure, type DocumentMeta } from '../store/write.ts';
import { KeyIndex, markRelinkPending } from '../store/keys.ts';
import { CommitGroups } from '../store/groups.ts';
import type { Change } from '../store/changes.ts';
import { createExtractor, defaultWorkers, type Extractor } from './pool.ts';
import { extractorVersion } from './version.ts';
import { processAlive } from './lock.ts';
import { extractionOrder, goneFromDisk, Lanes } from './files.ts';
import { sep } from 'node:path';

export type RunMode = 'import' | 'reextract' | 'reextract-all';

export type FileOutcome =
  | { path: string; status: 'extracted'; proposals: number; warnings: number; changes: number }
  | { path: string; status: 'unchanged'; proposals: number }
  /** Not at its recorded path (`newly`: it was there on the run before). */
  | { path: string; status: 'missing'; newly: boolean }
  /** The same content as another file of the archive, which holds it once (`of`: that file). */
  | { path: string; status: 'duplicate'; of: string }
  /** `kept`: the proposals of the version extracted before, which the archive keeps (a failure of the run, not the file). */
  | { path: string; status: 'failed'; code: string; message: string; kept?: number };

export interface RunSummary {
  runId: number;
  mode: RunMode;
  seen: number;
  extracted: number;
  unchanged: number;
  failed: number;
  missing: number;
  /** Of those missing, the files that were there on the run before. */
  newlyMissing: number;
  /** Files edited since their earlier content turned up at another path, left for the next run (NOT_EXTRACTED_YET). */
  notExtractedYet: string[];
  duplicate: number;
  proposals: number;
  interrupted: boolean;
  changes: Record<string, number>;
  outcomes: FileOutcome[];
}

export interface RunOptions {
  rules: Rules;
  mode: RunMode;
  limits?: IngestLimits;
  /** Extract even unchanged files. */
  force?: boolean;
  workers?: number;
  timeoutMs?: number;
  /**
   * After each file: the files done and the files the run will have seen (fewer than it was given when files it was
   * to mark missing had moved).
   */
  onFile?: (outcome: FileOutcome, done: number, total: number) => void;
  /** Checked before each file is started; when true the run stops cleanly after the files under way. */
  shouldStop?: () => boolean;
  /** Extracts the files instead of a worker pool of `workers` threads (the writer's benchmark replays results). */
  extractor?: Extractor;
  /**
   * Of `paths`, those an import lists because the archive recorded them under a folder it was given, which no
   * longer holds them (vanishedUnder): after the other files, each one still gone is marked missing, as a reextract
   * marks it; one whose content turned up at another path in the run went there with its record.
   */
  vanished?: readonly string[];
}

interface StoredDoc {
  id: number;
  sha256: string;
  size_bytes: number | null;
  file_mtime_ms: number | null;
  missing: number;
  status: string;
  extractor_version: string;
  rules_hash: string;
  path: string;
  error_code: string | null;
}

/**
 * Whether the file at a document's recorded path still holds the content recorded for it: by its size and
 * modification time when they are as recorded, else by reading it. A file that changed since does not hold a
 * copy that turns up at another path; that copy must not be called its duplicate.
 */
function holdsRecordedContent(stored: StoredDoc): boolean {
  let st: Stats;
  try {
    st = statSync(stored.path);
  } catch {
    return false;
  }
  if (stored.file_mtime_ms !== null && st.size === stored.size_bytes && st.mtimeMs === stored.file_mtime_ms) return true;
  try {
    return createHash('sha256').update(readFileSync(stored.path)).digest('hex') === stored.sha256;
  } catch {
    return false;
  }
}

export async function runBatch(db: DB, paths: string[], opts: RunOptions): Promise<RunSummary> {
  const version = extractorVersion();
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const workers = Math.min(opts.workers ?? defaultWorkers(), paths.length);
  // Runs whose process died (killed, power cut) are marked as interrupted.
  for (const r of db.prepare("SELECT id, pid FROM extraction_runs WHERE status = 'running'").all() as { id: number; pid: number | null }[])
    if (!r.pid || r.pid === process.pid || !processAlive(r.pid)) db.prepare("UPDATE extraction_runs SET status = 'interrupted' WHERE id = ?").run(r.id);
  const runId = Number(
    db
      .prepare('INSERT INTO extraction_runs (started_at, mode, extractor_version, rules_hash, pid) VALUES (?,?,?,?,?)')
      .run(new Date().toISOString(), opts.mode, version, opts.rules.hash, process.pid).lastInsertRowid,
  );
  const summary: RunSummary = { runId, mode: opts.mode, seen: 0, extracted: 0, unchanged: 0, failed: 0, missing: 0, newlyMissing: 0, notExtractedYet: [], duplicate: 0, proposals: 0, interrupted: false, changes: {}, outcomes: [] };
  const COLS = 'id, sha256, status, extractor_version, rules_hash, path, size_bytes, file_mtime_ms, missing, error_code';
  const bySha = db.prepare(`SELECT ${COLS} FROM documents WHERE sha256 = ?`);
  const byPath = db.prepare(`SELECT ${COLS} FROM documents WHERE path = ? ORDER BY id`);
  const countProposals = db.prepare('SELECT COUNT(*) AS n FROM proposals WHERE document_id = ?');
  const extractor = opts.extractor ?? (await createExtractor({ workers, timeoutMs: opts.timeoutMs ?? 60_000 }));
  const keyIndex = new KeyIndex(db, opts.rules.reconcile.keyTitleSimilarity);
  const reading = pLimit(4);
  /** Each content of this run (sha256) and the files that hold it, the first to come first. */
  const contents = new Map<string, string[]>();
  /** The files of this run, and how many it will have seen. */
  const inRun = new Set(paths);
  let total = paths.length;
  /** Claims a content for a file; the file that claimed it before, if another did. */
  const claim = (sha: string, path: string): string | undefined => {
    const holders = contents.get(sha);
    if (!holders) contents.set(sha, [path]);
    else if (!holders.includes(path)) holders.push(path);
    return holders && holders[0] !== path ? holders[0] : undefined;
  };

  // The counts so far, saved about once a second: a run that is killed keeps what it had done by then.
  const countsOf = (x: RunSummary) => ({ seen: x.seen, extracted: x.extracted, unchanged: x.unchanged, failed: x.failed, missing: x.missing, duplicate: x.duplicate });
  const saveCounts = (c: ReturnType<typeof countsOf>) =>
    stmt(
      db,
      'UPDATE extraction_runs SET documents_seen = ?, documents_extracted = ?, documents_unchanged = ?, documents_failed = ?, documents_missing = ?, documents_duplicate = ? WHERE id = ?',
    ).run(c.seen, c.extracted, c.unchanged, c.failed, c.missing, c.duplicate, runId);
  let countsSavedAt = Date.now();
  let relinkMarked = false;
  /** The change of a file that was missing and is back at its path, said with the file's outcome. */
  const returned = new Map<string, Change[]>();
  const finish = (o: FileOutcome, fileChanges: Change[] = []) => {
    const changes = [...(returned.get(o.path) ?? []), ...fileChanges];
    returned.delete(o.path);
    // A run that changed the archive leaves keys to relink (src/cli/import.ts); said in the group of that change,
    // so that a run killed before its relink has it done by the next run, which may find nothing else to do.
    if (!relinkMarked && ((o.status !== 'unchanged' && o.status !== 'duplicate') || changes.length > 0)) {
      relinkMarked = true;
      markRelinkPending(db);
    }
    summary.seen++;
    if (o.status === 'extracted') summary.extracted++;
    else if (o.status === 'unchanged') summary.unchanged++;
    else if (o.status === 'missing') {
      summary.missing++;
      if (o.newly) summary.newlyMissing++;
    }
    else if (o.status === 'duplicate') summary.duplicate++;
    else summary.failed++;
    if (o.status === 'extracted' || o.status === 'unchanged') summary.proposals += o.proposals;
    else if (o.status === 'failed' && o.kept) summary.proposals += o.kept;
    for (const c of changes) summary.changes[c.change] = (summary.changes[c.change] ?? 0) + 1;
    summary.outcomes.push(o);
    if (Date.now() - countsSavedAt >= 1000) {
      countsSavedAt = Date.now();
      saveCounts(countsOf(summary));
    }
    opts.onFile?.(o, summary.seen, total);
  };
  /** A file taken as unchanged: the proposals its stored version holds. */
  const unchanged = (path: string, id: number) => finish({ path, status: 'unchanged', proposals: (countProposals.get(id) as { n: number }).n });

  /**
   * A file whose record another file took over (its earlier content is now held under `by`) and that is still
   * there, edited: it gets a record that says it is not extracted yet, which the next run replaces by its new
   * content. Without one, no reextract would know the file.
   */
  const keepPathKnown = (from: string, by: string): void => {
    if (!existsSync(from) || byPath.all(from).length > 0) return;
    const meta: DocumentMeta = {
      path: from, sha256: unreadableSha(from), format: null, pages: null, sizeBytes: null, mtimeMs: null,
      extractorVersion: version, rulesHash: opts.rules.hash, extractedAt: new Date().toISOString(),
    };
    // not an error of the archive: the next run does what is left
    const message = `${from}: changed since it was extracted, and its earlier content is now held under ${by}; its new content is extracted on the next import or reextract`;
    writeFailure(db, meta, 'NOT_EXTRACTED_YET', message, { runId, keyIndex }, 'warning');
    summary.notExtractedYet.push(from);
  };

  const process1 = async (path: string, lane: number): Promise<void> => {
    // One stat per file: it tells a vanished file, and size + modification time tell an unchanged one.
    let st: Stats | null = null;
    try {
      st = statSync(path);
    } catch {
      /* gone or unreadable: missing on a reextract, else reading it below reports why */
    }
    // a file out of reach (a folder that cannot be read, a share not mounted) is read below, which says why
    if (opts.mode !== 'import' && !st && goneFromDisk(path)) {
      const gone = markMissing(db, path, true, runId);
      return finish({ path, status: 'missing', newly: gone.length > 0 }, gone);
    }
    let buf: Buffer;
    const meta: DocumentMeta = { path, sha256: '', format: null, pages: null, sizeBytes: null, mtimeMs: st?.mtimeMs ?? null, extractorVersion: version, rulesHash: opts.rules.hash, extractedAt: '' };
    const previousAtPath = (byPath.all(path) as StoredDoc[])[0];
    // back at its path, whatever this run then makes of it (unchanged, extracted again, failed)
    if (st && previousAtPath?.missing) returned.set(path, markMissing(db, path, false, runId));
    const redo = opts.force || opts.mode === 'reextract-all';
    // Same size and modification time as when it was extracted, same code and rules: unchanged, without reading it,
    // if it can still be read (permissions taken away change neither size nor time; reading it below says why not).
    // (the permission is asked last: only of a file that would be taken as unchanged)
    if (st && previousAtPath && !redo && previousAtPath.extractor_version === version && previousAtPath.rules_hash === opts.rules.hash) {
      if (previousAtPath.file_mtime_ms !== null && st.size === previousAtPath.size_bytes && st.mtimeMs === previousAtPath.file_mtime_ms && canRead(path)) {
        const first = claim(previousAtPath.sha256, path);
        if (first !== undefined) return finish({ path, status: 'duplicate', of: first });
        if (previousAtPath.status === 'ok') return unchanged(path, previousAtPath.id);
      }
    }
    try {
      buf = await reading(() => readInput(path, limits));
    } catch (e) {
      if (groups.failed) return; // the run stops, and what was read above may have gone with the lost group
      const err = asDocumentError(e);
      // A file that was read before and cannot be read now (permissions, a disk or share that is away) keeps the
      // version extracted before: the failure is this run's, and the next run tries the file again.
      if (previousAtPath && !previousAtPath.sha256.startsWith(UNREADABLE_PREFIX) && (err.code === 'UNREADABLE' || err.code === 'NOT_FOUND'))
        return keepEarlier(path, previousAtPath, err.code, err.message);
      meta.sha256 = unreadableSha(path);
      meta.extractedAt = new Date().toISOString();
      const { changes } = writeFailure(db, meta, err.code, err.message, { replaces: previousAtPath?.id, runId, keyIndex });
      return finish({ path, status: 'failed', code: err.code, message: err.message }, changes);
    }
    if (groups.failed) return;
    meta.sha256 = createHash('sha256').update(buf).digest('hex');
    meta.sizeBytes = buf.length;
    const stored = bySha.get(meta.sha256) as StoredDoc | undefined;
    /** A copy of another file: the version this file held before, if another, goes. */
    const duplicateOf = (of: string) => {
      const changes = previousAtPath && previousAtPath.sha256 !== meta.sha256 ? dropStaleVersion(db, previousAtPath.id, path, { runId, keyIndex }) : [];
      return finish({ path, status: 'duplicate', of }, changes);
    };
    // A copy of a file the archive holds at another path that is still there: held once, under that path.
    const storedElsewhere = stored && stored.path !== path;
    const heldElsewhere = storedElsewhere && holdsRecordedContent(stored);
    // the very file the archive holds, reached by another path (a link to its folder) and not also by its own in
    // this run: unchanged, not a copy
    const upToDate = stored && stored.extractor_version === version && stored.rules_hash === opts.rules.hash;
    if (heldElsewhere && upToDate && !redo && !previousAtPath && stored.status === 'ok' && !inRun.has(stored.path) && sameFile(path, stored.path) && claim(meta.sha256, path) === undefined)
      return unchanged(path, stored.id);
    if (heldElsewhere) return duplicateOf(stored.path);
    // Another file of this run with the same content: the archive holds it once.
    const first = claim(meta.sha256, path);
    if (first !== undefined) return duplicateOf(first);
    if (stored && upToDate && !redo && !(stored.status !== 'ok' && isRunFailure(stored.error_code))) {
      if (stored.file_mtime_ms !== meta.mtimeMs && stored.path === path) stmt(db, 'UPDATE documents SET file_mtime_ms = ? WHERE id = ?').run(meta.mtimeMs, stored.id);
      // The same content at another path whose file is gone or changed since (a file moved, or a copy of a file
      // that was edited afterwards): it is recorded where it is now, so a reextract finds it and the edited
      // file's new version does not replace it. (A copy beside a file that still holds it was a duplicate above.)
      let dropped: Change[] = [];
      if (storedElsewhere)
        inTransaction(db, { keyIndex }, () => {
          // what this file held before goes (its content is another's now, or gone), as when it is written
          if (previousAtPath && previousAtPath.id !== stored.id) dropped = dropStaleVersion(db, previousAtPath.id, path, { runId, keyIndex });
          dropNotExtractedYet(db, path);
          // a record missing from its path is back, at this one: said as at a path of its own (old_value: where it was)
          if (stored.missing) dropped.push(...markMissing(db, stored.path, false, runId, path));
          stmt(db, 'UPDATE documents SET path = ?, file_mtime_ms = ?, missing = 0 WHERE id = ?').run(path, meta.mtimeMs, stored.id);
          keepPathKnown(stored.path, path);
        });
      if (stored.status === 'ok') return finish({ path, status: 'unchanged', proposals: (countProposals.get(stored.id) as { n: number }).n }, dropped);
      const row = stmt(db, 'SELECT error_code, error_message FROM documents WHERE id = ?').get(stored.id) as { error_code: string; error_message: string };
      return finish({ path, status: 'failed', code: row.error_code, message: row.error_message }, dropped);
    }
    const replaces = previousAtPath && previousAtPath.sha256 !== meta.sha256 ? previousAtPath.id : null;
    const r = await extractor.run({ path, buf: new Uint8Array(buf), rulesDir: opts.rules.dir, limits }, lane);
    if (groups.failed) return;
    meta.format = r.format;
    meta.pages = r.pages;
    meta.extractedAt = new Date().toISOString();
    // the record of this content, if another file held it, is this file's now: in the same transaction, the file
    // that held it keeps a record
    const tookOver = <T>(write: () => T): T =>
      inTransaction(db, { keyIndex }, () => {
        const w = write();
        if (stored && stored.path !== path) keepPathKnown(stored.path, path);
        return w;
      });
    if (r.ok) {
      const { changes, heldIndexRows } = tookOver(() =>
        writeDocument(db, meta, r.extracted, r.findings, r.extracted.messages, { replaces, runId, keyIndex, searchRows: r.searchRows, holdIndex: true }),
      );
      // only now, with the document's transaction released: the rows of a write that rolled back never reach the group
      groups.hold(heldIndexRows);
      return finish({ path, status: 'extracted', proposals: r.extracted.proposals.length, warnings: r.extracted.messages.filter((m) => m.severity === 'warning').length, changes: changes.length }, changes);
    }
    // The machine was busy past the time limit, or a worker died: a failure of the run, not of the file. The
    // version extracted before, if this file has one, stays, and the next run tries the file again.
    if (isRunFailure(r.code)) {
      const earlier = [stored, previousAtPath].find((d) => d && d.status === 'ok' && d.path === path);
      if (earlier) return keepEarlier(path, earlier, r.code, r.message);
    }
    const { changes } = tookOver(() => writeFailure(db, meta, r.code, r.message, { replaces, runId, keyIndex }));
    return finish({ path, status: 'failed', code: r.code, message: r.message }, changes);
  };

  /** A failure of this run for a file with an extracted version, which the archive keeps. */
  const keepEarlier = (path: string, earlier: StoredDoc, code: string, message: string) =>
    finish({ path, status: 'failed', code, message: `${message}; the version extracted on an earlier run is kept`, kept: (countProposals.get(earlier.id) as { n: number }).n });

  // Each lane keeps two files under way: one in its worker, the next read and waiting. An error that is not a
  // file's own (the database, a callback) stops every lane from starting files; the files under way finish
  // before the pools close, and the run ends as interrupted with that error.
  const vanished = new Set(opts.vanished);
  const lanes = new Lanes(extractionOrder(vanished.size ? paths.filter((p) => !vanished.has(p)) : paths), extractor.lanes);
  let failure: { error: unknown } | null = null;
  // Documents are committed in groups, each in a savepoint of its own (store/groups.ts). A group that is lost stops
  // the run like any error that is not a file's own, and the files under way are not written.
  // The run's counts as of the last commit: what the archive holds when a group is lost after it.
  let committed = countsOf(summary);
  const groups = new CommitGroups(db, {
    onLost: (error) => {
      keyIndex.reset();
      failure ??= { error };
    },
    onCommitted: () => (committed = countsOf(summary)),
  });
  const runLane = async (lane: number): Promise<void> => {
    const running = new Set<Promise<void>>();
    try {
      for (let path = lanes.next(lane); path !== undefined && !failure; path = lanes.next(lane)) {
        if (opts.shouldStop?.()) {
          summary.interrupted = true;
          break;
        }
        const p: Promise<void> = process1(path, lane)
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => running.delete(p));
        running.add(p);
        if (running.size >= 2) await Promise.race(running);
      }
    } catch (error) {
      // shouldStop itself failed: this lane and the others start no more files
      failure ??= { error };
    }
    await Promise.all(running);
  };
  let endError: { error: unknown } | null = null;
  // A process that exits during the run (a second Ctrl-C) commits the group under way and records the run as
  // interrupted, with the counts of what it committed.
  // after a lost group, the counts of what the archive holds (the outcomes reported since were rolled back)
  const recordEnd = (status: 'done' | 'interrupted') =>
    db.transaction(() => {
      saveCounts(groups.failed ? committed : countsOf(summary));
      db.prepare('UPDATE extraction_runs SET finished_at = ?, status = ? WHERE id = ?').run(new Date().toISOString(), status, runId);
    })();
  const commitOnExit = () => {
    groups.endAtExit();
    try {
      recordEnd('interrupted');
    } catch {
      /* the next run marks it interrupted */
    }
  };
  try {
    groups.start();
    process.once('exit', commitOnExit);
    await Promise.all(Array.from({ length: lanes.count }, (_, i) => runLane(i)));
    if (failure) {
      summary.interrupted = true;
      throw (failure as { error: unknown }).error;
    }
    // those still gone and still recorded at that path (a file that moved was recorded at its new path above)
    const stillGone = [...vanished].sort().filter((path) => goneFromDisk(path) && byPath.all(path).length > 0);
    total = summary.seen + stillGone.length;
    for (const path of stillGone) {
      if (summary.interrupted || opts.shouldStop?.()) {
        summary.interrupted = true;
        break;
      }
      const gone = markMissing(db, path, true, runId);
      finish({ path, status: 'missing', newly: gone.length > 0 }, gone);
    }
    // Copies that came in the same run: the content is recorded under the path that sorts first, whichever
    // file happened to be read first.
    for (const [sha, holders] of contents) if (holders.length > 1) recordUnder(db, sha, [...holders].sort()[0]!, runId);
  } finally {
    try {
      groups.end();
    } catch (error) {
      // the last group did not commit: the run did not do all it reports (an error thrown above goes first)
      summary.interrupted = true;
      endError = { error };
    }
    await extractor.close();
    recordEnd(summary.interrupted ? 'interrupted' : 'done');
    // until here an exit (while the workers close, say) records the run itself
    process.off('exit', commitOnExit);
  }
  if (endError) throw (endError as { error: unknown }).error;
  return summary;
}

/** The paths a reextract looks at: every document the archive holds (its recorded path), and the files that could not be read, to try them again. */
export function storedPaths(db: DB): string[] {
  return (db.prepare('SELECT DISTINCT path FROM documents ORDER BY path').all() as { path: string }[]).map((r) => r.path);
}

/**
 * The paths the archive recorded under the given folders (absolute) that are not among the files an import found
 * there and are gone from disk: deleted or moved away since (not those out of reach: goneFromDisk).
 */
export function vanishedUnder(db: DB, folders: readonly string[], found: readonly string[]): string[] {
  if (!folders.length) return [];
  const held = new Set(found);
  const prefixes = folders.map((f) => (f.endsWith(sep) ? f : f + sep));
  return storedPaths(db).filter((p) => !held.has(p) && prefixes.some((f) => p.startsWith(f)) && goneFromDisk(p));
}

/**
 * Records a content under another of the paths that hold it. What was said of the path it was extracted
 * from goes with it: the run's changes name the new path, and a FORMAT_NAME_MISMATCH finding (about a name)
 * names the new path, or goes when the new name matches the content.
 */
function recordUnder(db: DB, sha: string, path: string, runId: number): void {
  const doc = stmt(db, 'SELECT id, path, format FROM documents WHERE sha256 = ?').get(sha) as { id: number; path: string; format: string | null } | undefined;
  if (!doc || doc.path === path) return;
  db.transaction(() => {
    stmt(db, 'UPDATE documents SET path = ? WHERE id = ?').run(path, doc.id);
    stmt(db, 'UPDATE run_changes SET document_path = ? WHERE run_id = ? AND document_path = ?').run(path, runId, doc.path);
    const mismatch = doc.format ? formatNameMismatch(path, doc.format) : null;
    const gone = stmt(db, "DELETE FROM findings WHERE document_id = ? AND code = 'FORMAT_NAME_MISMATCH'").run(doc.id).changes;
    if (mismatch) stmt(db, 'INSERT INTO findings (document_id, code, severity, message) VALUES (?,?,?,?)').run(doc.id, mismatch.code, mismatch.severity, mismatch.message);
    const delta = (mismatch ? 1 : 0) - gone;
    if (delta) stmt(db, 'UPDATE documents SET warnings = MAX(warnings + ?, 0) WHERE id = ?').run(delta, doc.id);
  })();
}

/** The sha256 column of a file that could not be read: no content hash, so one made from its path. */
const UNREADABLE_PREFIX = 'unreadable:';

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

function canRead(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
const unreadableSha = (path: string) => `${UNREADABLE_PREFIX}${createHash('sha256').update(path).digest('hex')}`;
