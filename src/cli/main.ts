/**
 * The `proposals` command line. It only declares commands and options; the work is done by the library
 * (pipeline/, store/). Exit codes: 0 success, 1 some documents failed (or a report has errors),
 * 2 usage or configuration errors.
 */
import { Command, CommanderError } from 'commander';
import { RulesError } from '../rules/index.ts';
import { UsageError } from '../pipeline/files.ts';
import { DatabaseError, DEFAULT_DB } from '../store/db.ts';
import { runBatchCommand } from './import.ts';
import { runQuery } from './query.ts';
import { runShow } from './show.ts';
import { runExport } from './export.ts';
import { runReport } from './report.ts';
import { runDiff } from './diff.ts';
import { runSearch } from './search.ts';
import { runCorrect, runUncorrect } from './correct.ts';
import { runAcceptErrors } from './accept.ts';

export const EXIT = { OK: 0, SOME_FAILED: 1, USAGE: 2 } as const;

/** File-system errors (no permission, not a folder, disk full) and SQLite errors (not a database, corrupt, read-only). */
const FS_CODES = new Set(['EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EROFS', 'ENOSPC', 'EEXIST', 'EMFILE']);

/**
 * A one-line message for an error of the machine rather than of the program: the file it names and the reason,
 * without a stack trace. Null for anything else, which is a bug and keeps its stack.
 */
export function environmentError(e: unknown, dbPath?: string): string | null {
  if (!(e instanceof Error)) return null;
  const code = (e as { code?: unknown }).code;
  if (e.name === 'SqliteError' && typeof code === 'string') return `${dbPath ? `database ${dbPath}` : 'the database'}: ${e.message} (${code})`;
  if (typeof code === 'string' && FS_CODES.has(code)) return e.message;
  return null;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.OK;
  let dbPath: string | undefined;
  /** The command that runs: every error line names it, as the commands' own messages do (`proposals import: ...`). */
  let prefix = 'proposals';
  const program = new Command()
    .name('proposals')
    .description('Extract Københavns Kommune budget proposals (PDF, DOCX, TXT) into a queryable SQLite archive')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError()
    // the --db of the command that runs, for errors of the database file
    .hook('preAction', (_program, action) => {
      dbPath = action.opts().db as string | undefined;
      prefix = `proposals ${action.name()}`;
    });
  const dbOption = ['--db <file>', 'SQLite database', DEFAULT_DB] as const;

  program
    .command('import')
    .description('find .txt/.pdf/.docx files (recursively), extract them and store them')
    .argument('<paths...>', 'files or folders')
    .option(...dbOption)
    .option('--force', 'extract again even files that are unchanged')
    .option('--rules <dir>', 'rules folder (default: the one the last import or reextract of this database used, else the bundled rules/)')
    .option('--workers <n>', 'worker threads for parsing (default: the number of cores; 0 = in this thread)')
    .option('--timeout <seconds>', 'time limit for one document', '60')
    .action(async (paths: string[], o) => {
      code = await runBatchCommand('import', paths, o);
    });
  program
    .command('reextract')
    .description('extract again the documents whose file, extractor version or rules changed; mark files that are gone')
    .option(...dbOption)
    .option('--all', 'extract every document again')
    .option('--rules <dir>', 'rules folder (default: the one the last import or reextract of this database used, else the bundled rules/)')
    .option('--workers <n>', 'worker threads for parsing (default: the number of cores; 0 = in this thread)')
    .option('--timeout <seconds>', 'time limit for one document', '60')
    .action(async (o) => {
      code = await runBatchCommand(o.all ? 'reextract-all' : 'reextract', [], o);
    });
  program
    .command('query')
    .description('run one SQL statement on a read-only connection')
    .argument('<sql>', 'the SQL statement')
    .option(...dbOption)
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--timeout <seconds>', 'stop a query that runs longer', '30')
    .action(async (sql: string, o) => {
      code = await runQuery(sql, o);
    });
  program
    .command('show')
    .description('a readable view of one proposal')
    .argument('<id>', 'BC number (e.g. BC07), proposal key or numeric proposal id')
    .option(...dbOption)
    .option('--year <yyyy>', 'price-level year, to pick among versions')
    .action(async (id: string, o) => {
      code = await runShow(id, o);
    });
  program
    .command('export')
    .description('write one JSON file per document with everything extracted')
    .option(...dbOption)
    .option('--out <dir>', 'output folder', 'extracted/json')
    .action(async (o) => {
      code = await runExport(o);
    });

  program
    .command('search')
    .description('full-text search (Danish stemming) over titles, summaries and sections, best first')
    .argument('<words>', 'words to find (all of them)')
    .option(...dbOption)
    .option('--year <yyyy>', 'only proposals of this p/l year')
    .option('--department <code>', 'only proposals presented by or affecting this department (e.g. SOF)')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--limit <n>', 'at most this many proposals', '20')
    .option('--rules <dir>', 'the rules folder whose search.json gives the synonyms (default: the bundled rules/)')
    .action(async (words: string, o) => {
      code = await runSearch(words, o);
    });
  program
    .command('correct')
    .description('correct one value for good: kept across re-extraction, shown as corrected, listed in the report')
    .argument('<proposal_key>', 'e.g. BC20/2021')
    .argument('<target>', 'a field (title, subtitle, summary, fund, kind, bc_number, presenting_department, price_level_year) or <consequences|investments>/<line_no>/<year>')
    .argument('<value>', 'the right value (amounts in 1.000 kr.)')
    .requiredOption('--reason <text>', 'why the value is corrected')
    .option(...dbOption)
    .action(async (key: string, target: string, value: string, o) => {
      code = await runCorrect(key, target, value, o);
    });
  program
    .command('uncorrect')
    .description('take a correction back: the extracted value returns in every version')
    .argument('<proposal_key>', 'e.g. BC20/2021')
    .argument('<target>', 'the target the correction was made to, e.g. consequences/5/2021')
    .option(...dbOption)
    .action(async (key: string, target: string, o) => {
      code = await runUncorrect(key, target, o);
    });
  program
    .command('report')
    .description('the data-quality report: findings by code and severity, failed documents, missing fields (exit 1 when there are errors not accepted as known)')
    .option(...dbOption)
    .option('--format <format>', 'table or json', 'table')
    .action(async (o) => {
      code = await runReport(o);
    });
  program
    .command('accept-errors')
    .description("accept the errors the archive holds now as known: the report lists them, but exits 1 only for others (the nightly job's alert)")
    .option('--reason <text>', 'why they are accepted (e.g. "stated totals of the source documents")')
    .option('--clear', 'take back every acceptance')
    .option(...dbOption)
    .action(async (o) => {
      code = await runAcceptErrors(o);
    });
  program
    .command('diff')
    .description('where the stored versions of one proposal differ')
    .argument('<key>', 'proposal key, e.g. BC20/2021')
    .option(...dbOption)
    .action(async (key: string, o) => {
      code = await runDiff(key, o);
    });

  // commander's own usage errors ('error: unknown option ...') named by the command too, as every other error is
  for (const c of [program, ...program.commands]) {
    const name = c === program ? 'proposals' : `proposals ${c.name()}`;
    c.configureOutput({ ...c.configureOutput(), outputError: (str, write) => write(str.replace(/^error: /, `${name}: `)) });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    if (e instanceof UsageError || e instanceof RulesError || e instanceof DatabaseError) {
      process.stderr.write(`${prefix}: ${e.message}\n`);
      return EXIT.USAGE;
    }
    const env = environmentError(e, dbPath);
    if (env) {
      process.stderr.write(`${prefix}: ${env}\n`);
      return EXIT.USAGE;
    }
    throw e;
  }
}
