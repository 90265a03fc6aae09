import { loadRules, defaultRulesDir } from '../rules/index.ts';
import { collectFiles } from '../pipeline/files.ts';
import { importFiles, type FileOutcome } from '../pipeline/import.ts';
import { openWritable, createViews } from '../store/db.ts';
import { relinkProposalKeys } from '../store/keys.ts';
import { progressReporter } from './progress.ts';

export async function runImport(paths: string[], o: { db: string; force?: boolean; rules?: string }): Promise<number> {
  const rules = loadRules(o.rules ?? defaultRulesDir);
  const files = await collectFiles(paths);
  const db = openWritable(o.db);
  const progress = progressReporter(files.length);
  try {
    const summary = await importFiles(db, files, { rules, force: o.force, onFile: (out: FileOutcome, done) => progress.file(out, done) });
    progress.end();
    relinkProposalKeys(db, rules);
    createViews(db, rules.reconcile.formatPreference);
    const failed = summary.outcomes.filter((x) => x.status === 'failed');
    for (const f of failed) if (f.status === 'failed') process.stderr.write(`failed: ${f.path}: [${f.code}] ${f.message}\n`);
    process.stdout.write(
      `documents: ${summary.seen} seen, ${summary.extracted} extracted, ${summary.unchanged} unchanged, ${summary.failed} failed; proposals: ${summary.proposals}; database: ${o.db}\n`,
    );
    return summary.failed > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}
