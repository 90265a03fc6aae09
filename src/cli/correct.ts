/** `proposals correct` and `proposals uncorrect`: an archivist's fix of one value, made or taken back, under the writer lock. */
import { closeWritable, mustExist, openWritable, type DB } from '../store/db.ts';
import { acquireWriterLock } from '../pipeline/lock.ts';
import { addCorrection, CorrectionError, removeCorrection } from '../store/corrections.ts';
import { defaultRulesDir, loadRules } from '../rules/index.ts';
import { recordedRulesDir } from './import.ts';

/** Runs `change` on the archive under the writer lock; a refused correction is said on stderr with exit 2. */
async function onArchive(command: string, dbPath: string, change: (db: DB) => string): Promise<number> {
  mustExist(dbPath);
  const release = acquireWriterLock(dbPath);
  let db: DB | null = null;
  try {
    db = openWritable(dbPath);
    process.stdout.write(`${change(db)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CorrectionError) {
      process.stderr.write(`proposals ${command}: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    if (db) closeWritable(db);
    release();
  }
}

export const runCorrect = (key: string, target: string, value: string, o: { db: string; reason?: string }) =>
  onArchive('correct', o.db, (db) => {
    // the department codes of the rules the archive was extracted with
    const departments = loadRules(recordedRulesDir(o.db) ?? defaultRulesDir).departments.map((d) => d.code);
    const r = addCorrection(db, key, target, value, o.reason ?? '', departments);
    return `correction ${r.id}: ${key} ${target} = ${value} (applied to ${r.versions} version(s); kept across re-extraction)`;
  });

export const runUncorrect = (key: string, target: string, o: { db: string }) =>
  onArchive('uncorrect', o.db, (db) => {
    const r = removeCorrection(db, key, target);
    return `correction ${r.id} of ${key} ${target} taken back: the extracted value is back in ${r.versions} version(s)`;
  });
