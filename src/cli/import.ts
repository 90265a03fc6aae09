/** `proposals import` and `proposals reextract`: a batch run under the writer lock, with progress and a summary. */
import { loadRules, defaultRulesDir } from '../rules/index.ts';
import { collectFiles } from '../pipeline/files.ts';
import { runBatch, storedPaths, vanishedUnder, type RunMode, type RunSummary } from '../pipeline/run.ts';
import { acquireWriterLock } from '../pipeline/lock.ts';
import { openReadOnly, openWritable, closeWritable, createViews, mustExist, RULES_DIR_KEY, givenRulesDir } from '../store/db.ts';
import { resolve, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { relinkDone, relinkPending, relinkProposalKeys } from '../store/keys.ts';
import { applyCorrections, correctedIndexedProposals } from '../store/corrections.ts';
import { reindexFields } from '../search/index.ts';
import { acceptedFailures } from '../store/accepted.ts';
import { progressReporter, reportStopping } from './progress.ts';
import { UsageError } from '../pipeline/files.ts';

export interface BatchCliOptions {
  db: string;
  force?: boolean;
  all?: boolean;
  rules?: string;
  workers?: string;
  timeout?: string;
}

function summaryLine(s: RunSummary, db: string, skipped: number, accepted: number): string {
  const changes = Object.entries(s.changes)
    .map(([k, v]) => `${v} ${k.replace('_', ' ')}`)
    .join(', ');
  return (
    `run ${s.runId} (${s.mode})${s.interrupted ? ' INTERRUPTED' : ''}: documents: ${s.seen} seen, ${s.extracted} extracted, ${s.unchanged} unchanged, ${s.failed} failed${accepted ? ` (${accepted} of them accepted as known)` : ''}` +
    `${s.mode === 'import' && !s.missing ? '' : `, ${s.missing} missing`}${s.duplicate ? `, ${s.duplicate} duplicate (the same content as another file, held once)` : ''}; proposals: ${s.proposals}; changes: ${changes || 'none'}; ${skipped ? `skipped: ${skipped} file(s) or folder(s) that are not documents or cannot be read; ` : ''}database: ${db}\n`
  );
}

/**
 * What `read` finds in the archive at dbPath, or `otherwise` when there is none to read: no file, an empty one (an
 * import makes the archive in it), or a database from before what is read (a file that is no database at all is
 * refused when it is opened for the run).
 */
function fromArchive<T>(dbPath: string, otherwise: T, read: (db: ReturnType<typeof openReadOnly>) => T): T {
  if (!existsSync(dbPath)) return otherwise;
  let db: ReturnType<typeof openReadOnly> | null = null;
  try {
    db = openReadOnly(dbPath);
    return read(db);
  } catch {
    return otherwise;
  } finally {
    db?.close();
  }
}

/** The rules folder the last import or reextract of this database used, if it recorded one. */
export const recordedRulesDir = (dbPath: string): string | null => fromArchive(dbPath, null, givenRulesDir);

/** Whether the archive at dbPath, if there is one, recorded files under the folder. */
function recordedUnder(dbPath: string, folder: string): boolean {
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  return fromArchive(dbPath, false, (db) => db.prepare('SELECT 1 FROM documents WHERE instr(path, ?) = 1 LIMIT 1').get(prefix) !== undefined);
}

export async function runBatchCommand(mode: RunMode, paths: string[], o: BatchCliOptions): Promise<number> {
  // re-extraction works on what an import recorded: no database, nothing to do, and no empty file made
  if (mode !== 'import') mustExist(o.db);
  // a run keeps to the rules folder of the run before it, unless told otherwise: an import of a few new files
  // into an archive kept with its own rules must not switch the next reextract back to the bundled ones
  // (only a folder given with --rules is recorded: the bundled rules are those of the release that runs)
  const recorded = o.rules === undefined ? recordedRulesDir(o.db) : null;
  if (recorded !== null && !existsSync(recorded))
    throw new UsageError(`the rules folder ${recorded}, recorded in ${o.db} by an earlier run, does not exist (now): give --rules DIR (the bundled rules are ${defaultRulesDir})`);
  const rulesDir = resolve(o.rules ?? recorded ?? defaultRulesDir);
  const rules = loadRules(rulesDir);
  const workers = o.workers !== undefined ? Number(o.workers) : undefined;
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw new UsageError(`--workers must be a whole number >= 0, not "${o.workers}"`);
  const timeoutMs = o.timeout !== undefined ? Number(o.timeout) * 1000 : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new UsageError(`--timeout must be a number of seconds > 0, not "${o.timeout}"`);
  const { files, skipped, folders } = mode === 'import' ? await collectFiles(paths, (folder) => recordedUnder(o.db, folder)) : { files: [], skipped: [], folders: [] };
  const release = acquireWriterLock(o.db);
  let stopRequested = false;
  let db: ReturnType<typeof openWritable> | null = null;
  const onSignal = () => {
    if (stopRequested) {
      // a second one: exit now. The run's own exit handler commits what was done first (src/pipeline/run.ts);
      // then the database goes back to its rollback journal and the lock is given up, as at a normal end
      process.once('exit', () => {
        if (db?.open) closeWritable(db);
        release();
      });
      process.exit(130);
    }
    stopRequested = true;
    reportStopping();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    db = openWritable(o.db);
    // an import of a folder also tells what the folder no longer holds: those files are marked missing, as on a reextract
    const vanished = mode === 'import' ? vanishedUnder(db, folders, files) : [];
    const list = mode === 'import' ? [...files, ...vanished] : storedPaths(db);
    // Not one recorded file at its path: the archive's disk or share is away, more likely than every file
    // deleted. Marking them all missing would empty the views analysts read; nothing is changed instead.
    if (mode !== 'import' && list.length > 0 && !list.some((p) => existsSync(p)))
      throw new UsageError(`none of the ${list.length} files recorded in ${o.db} is at its path (e.g. ${list[0]}): is the archive's disk or share mounted? Nothing was changed`);
    // the views from the start: a first import that is killed leaves a database analysts can query as documented
    createViews(db, rules.reconcile.formatPreference);
    if (o.rules !== undefined) {
      if (rulesDir === resolve(defaultRulesDir)) db.prepare('DELETE FROM schema_meta WHERE key = ?').run(RULES_DIR_KEY);
      else db.prepare('INSERT OR REPLACE INTO schema_meta (key, value) VALUES (?, ?)').run(RULES_DIR_KEY, rulesDir);
    }
    const progress = progressReporter(list.length);
    if (recorded !== null && resolve(recorded) !== resolve(defaultRulesDir)) progress.warning(`using the rules in ${recorded}, which the last run of ${o.db} used (--rules to choose others)`);
    for (const x of skipped) progress.problem('skipped', x.path, x.reason);
    const summary = await runBatch(db, list, {
      rules,
      mode,
      force: o.force,
      workers,
      timeoutMs,
      onFile: (out, done, total) => progress.file(out, done, total),
      shouldStop: () => stopRequested,
      vanished,
    });
    progress.end();
    // Keys and corrections only move when a document did (a file that became a copy drops its old proposals), in
    // this run or in one that was stopped before it got here.
    if (relinkPending(db)) {
      relinkProposalKeys(db, rules.reconcile.keyTitleSimilarity);
      const corrections = applyCorrections(db);
      relinkDone(db);
      if (corrections.missing) progress.warning(`${corrections.missing} correction(s) no longer find their target; see 'proposals report'`);
    }
    // the documents written were indexed as extracted: corrected titles and summaries are found by their corrected words
    const writer = db;
    writer.transaction(() => reindexFields(writer, correctedIndexedProposals(writer)))();
    createViews(db, rules.reconcile.formatPreference);
    const failed = summary.outcomes.filter((f) => f.status === 'failed');
    const accepted = acceptedFailures(db, failed);
    for (const f of failed) progress.problem('failed', f.path, accepted.has(f.path) ? `${f.message} (accepted as known)` : f.message, f.code);
    process.stdout.write(summaryLine(summary, o.db, skipped.length, accepted.size));
    const pending = summary.notExtractedYet.filter((p) => !summary.outcomes.some((x) => x.path === p && x.status === 'extracted'));
    if (pending.length) progress.warning(`${pending.length} file(s) changed since their earlier content turned up at another path, and are extracted on the next import or reextract: ${pending.join(', ')}`);
    if (summary.newlyMissing) progress.warning(`${summary.newlyMissing} file(s) are no longer at their recorded path; their records are kept, marked missing, and left out of the views`);
    if (summary.interrupted) return 130;
    // failures accepted as known (accept-errors) do not fail the run, as they do not fail the report
    return summary.failed > accepted.size || summary.newlyMissing > 0 ? 1 : 0;
  } finally {
    if (db) closeWritable(db);
    release();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
