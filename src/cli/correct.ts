import { existsSync } from 'node:fs';
import { closeWritable, DatabaseError, givenRulesDir, openWritable, type DB } from '../store/db.ts';
import { acquireWriterLock } from '../pipeline/lock.ts';
import { addCorrection, CorrectionError } from '../store/corrections.ts';
import { defaultRulesDir, loadRules } from '../rules/index.ts';

/** The department codes of the rules the archive was extracted with (the bundled ones unless a run recorded others). */
function departmentCodes(db: DB): string[] {
  let dir: string | null = null;
  try {
    dir = givenRulesDir(db);
  } catch {
    /* no rules folder recorded */
  }
  return loadRules(dir !== null && existsSync(dir) ? dir : defaultRulesDir).departments.map((d) => d.code);
}

export async function runCorrect(key: string, target: string, value: string, o: { db: string; reason?: string }): Promise<number> {
  // a correction is made to an archive: none is created for it
  if (!existsSync(o.db)) throw new DatabaseError(`database ${o.db} does not exist (run 'proposals import' first)`);
  const release = acquireWriterLock(o.db);
  let db: ReturnType<typeof openWritable> | null = null;
  try {
    db = openWritable(o.db);
    if (target.trim() === 'presenting_department') {
      const codes = departmentCodes(db);
      if (!codes.includes(value)) throw new CorrectionError(`"${value}" is not a department code: use one of ${codes.join(', ')}`);
    }
    const r = addCorrection(db, key, target, value, o.reason ?? '');
    process.stdout.write(`correction ${r.id}: ${key} ${target} = ${value} (applied to ${r.versions} version(s); kept across re-extraction)\n`);
    return 0;
  } catch (e) {
    if (e instanceof CorrectionError) {
      process.stderr.write(`proposals correct: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    if (db) closeWritable(db);
    release();
  }
}
