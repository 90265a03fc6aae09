import { closeWritable, mustExist, openWritable } from '../store/db.ts';
import { acquireWriterLock } from '../pipeline/lock.ts';
import { addCorrection, CorrectionError } from '../store/corrections.ts';
import { defaultRulesDir, loadRules } from '../rules/index.ts';
import { recordedRulesDir } from './import.ts';

export async function runCorrect(key: string, target: string, value: string, o: { db: string; reason?: string }): Promise<number> {
  mustExist(o.db);
  const release = acquireWriterLock(o.db);
  let db: ReturnType<typeof openWritable> | null = null;
  try {
    db = openWritable(o.db);
    // the department codes of the rules the archive was extracted with
    const departments = loadRules(recordedRulesDir(o.db) ?? defaultRulesDir).departments.map((d) => d.code);
    const r = addCorrection(db, key, target, value, o.reason ?? '', departments);
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
