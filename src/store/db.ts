/** Opening the archive: WAL mode and a busy timeout so readers keep working during a run. */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { makeDirs } from '../paths.ts';
import { basename, dirname, join } from 'node:path';
import { ACCEPTED_ERRORS_INDEX_SQL, SCHEMA_SQL, SCHEMA_VERSION, VIEWS_SQL, VIEW_NAMES } from './schema.ts';
import { SEARCH_SCHEMA_SQL, configureSearchIndex } from '../search/index.ts';
import { proposalIdent } from './accepted.ts';
import { nameFieldCorrectionsInRules } from './corrections.ts';

export type DB = Database.Database;
export const DEFAULT_DB = 'extracted/proposals.db';

export class DatabaseError extends Error {}

/** (Re)creates the analysts' views; the format preference comes from rules/reconcile.json. */
export function createViews(db: DB, formatPreference: readonly string[] = ['txt', 'docx', 'pdf']): void {
  const sql = VIEWS_SQL.replace(':f0', `'${formatPreference[0]}'`).replace(':f1', `'${formatPreference[1]}'`);
  db.transaction(() => {
    for (const v of VIEW_NAMES) db.exec(`DROP VIEW IF EXISTS ${v}`);
    db.exec(sql);
  })();
}

/** Columns added after a database was first made: added in place, so old archives keep working. */
const ADDED_COLUMNS: [table: string, column: string, type: string][] = [
  ['documents', 'file_mtime_ms', 'REAL'],
  ['budget_lines', 'in_request', 'INTEGER NOT NULL DEFAULT 0 CHECK (in_request IN (0,1))'],
  ['extraction_runs', 'documents_duplicate', 'INTEGER NOT NULL DEFAULT 0'],
  ['corrections', 'target_label', 'TEXT'],
  ['correction_applications', 'extracted_rule_id', 'TEXT'],
  ['accepted_errors', 'proposal_seq', 'INTEGER'],
  ['accepted_errors', 'proposal_ident', 'TEXT'],
];

/**
 * What an added column holds for the rows already there, until their documents are re-extracted (a partial
 * import, a failed re-extraction, or readers during a long reextract would otherwise see them change meaning).
 */
const BACKFILL: Record<string, (db: DB) => void> = {
  // the label of the line an amount's correction was applied to
  'corrections.target_label': (db) =>
    db.exec(`UPDATE corrections SET target_label = (
      SELECT b.label FROM correction_applications a JOIN budget_lines b ON b.proposal_id = a.proposal_id
      WHERE a.correction_id = corrections.id AND corrections.target = b.table_kind || '/' || b.line_no || '/' || b.year LIMIT 1)
      WHERE target LIKE '%/%/%'`),
  // the place in its document of the proposal an acceptance was made for by its key, when the key names one proposal of
  // that content (kept to be read; a key that names two, or none, leaves it empty)
  'accepted_errors.proposal_seq': (db) =>
    db.exec(`UPDATE accepted_errors SET proposal_seq = (SELECT CASE WHEN COUNT(*) = 1 THEN MIN(p.seq) END FROM proposals p
      JOIN documents d ON d.id = p.document_id
      WHERE d.path = accepted_errors.document_path AND d.sha256 = accepted_errors.document_sha256 AND p.proposal_key = accepted_errors.proposal_key)
      WHERE proposal_key IS NOT NULL`),
  // the BC number and title of the proposal an acceptance was made for (by its key, or by its place in a release that
  // held that): the key's proposals in that content if they all have the same, else the proposal at the place. Left
  // empty when neither tells (the acceptance is then matched by its key, as before). The old unique index is made again.
  'accepted_errors.proposal_ident': (db) => {
    const of = `FROM proposals p JOIN documents d ON d.id = p.document_id
      WHERE d.path = accepted_errors.document_path AND d.sha256 = accepted_errors.document_sha256`;
    db.exec(`UPDATE accepted_errors SET proposal_ident = COALESCE(
        (SELECT CASE WHEN COUNT(DISTINCT ${proposalIdent('p')}) = 1 THEN MIN(${proposalIdent('p')}) END ${of} AND p.proposal_key = accepted_errors.proposal_key),
        (SELECT ${proposalIdent('p')} ${of} AND p.seq = accepted_errors.proposal_seq))
      WHERE proposal_key IS NOT NULL OR proposal_seq IS NOT NULL`);
    db.exec('DROP INDEX IF EXISTS accepted_errors_what');
  },
  // the meaning before the column: the consequences table's lines, else the investments table's
  'budget_lines.in_request': (db) =>
    db.exec(`UPDATE budget_lines SET in_request = 1 WHERE table_kind = 'consequences'
             OR proposal_id NOT IN (SELECT proposal_id FROM budget_lines WHERE table_kind = 'consequences')`),
};

/** schema_meta key of the rules folder a run was given with --rules (none: the bundled rules of the release that runs). */
export const RULES_DIR_KEY = 'rules_dir_given';

/**
 * What the key 'rules_dir' of an earlier release means now. One release recorded the folder of every run, the
 * bundled one too: the `rules` folder of an install of this program was the bundled rules of that install and is
 * not kept; any other folder, there or not (a share may be away), was given with --rules.
 */
function legacyRulesDir(value: string): string | null {
  if (basename(value) !== 'rules') return value;
  try {
    const pkg = JSON.parse(readFileSync(join(value, '..', 'package.json'), 'utf8')) as { name?: unknown };
    if (pkg.name === 'proposal-extract') return null;
  } catch {
    /* no package.json beside it, or the install is gone: not known to be bundled */
  }
  return value;
}

/** The rules folder runs of this database were given with --rules, also as an earlier release recorded it; null: the bundled rules. */
export function givenRulesDir(db: DB): string | null {
  const row = db.prepare('SELECT value FROM schema_meta WHERE key = ?').get(RULES_DIR_KEY) as { value: string } | undefined;
  if (row) return row.value;
  const legacy = db.prepare("SELECT value FROM schema_meta WHERE key = 'rules_dir'").get() as { value: string } | undefined;
  return legacy ? legacyRulesDir(legacy.value) : null;
}

function migrate(db: DB): void {
  if (db.prepare("SELECT 1 FROM schema_meta WHERE key = 'rules_dir'").get()) {
    const given = givenRulesDir(db);
    db.transaction(() => {
      db.prepare("DELETE FROM schema_meta WHERE key = 'rules_dir'").run();
      if (given) db.prepare('INSERT OR IGNORE INTO schema_meta (key, value) VALUES (?, ?)').run(RULES_DIR_KEY, given);
    })();
  }
  // The first full-text layout kept proposal ids inside the FTS5 table; rebuild it (documents are re-extracted
  // anyway when the code changes).
  const fts = (db.prepare('PRAGMA table_info(search_index)').all() as { name: string }[]).map((c) => c.name);
  if (fts.includes('proposal_id')) db.exec('DROP TABLE search_index');
  for (const [table, column, type] of ADDED_COLUMNS) {
    const cols = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    if (cols.includes(column)) continue;
    // one transaction: a column is never there without its values
    db.transaction(() => {
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
      BACKFILL[`${table}.${column}`]?.(db);
    })();
  }
  db.exec(ACCEPTED_ERRORS_INDEX_SQL);
  nameFieldCorrectionsInRules(db);
}

/**
 * A --db that is some other program's SQLite database: an archive is written only into an empty database or one
 * that holds an archive (schema_meta, or a documents table with its sha256), never beside someone else's tables.
 */
function notAnotherDatabase(db: DB, path: string): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  if (!tables.length || tables.includes('schema_meta')) return;
  const documents = tables.includes('documents') && (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('documents') as string[]).includes('sha256');
  if (!documents) throw new DatabaseError(`database ${path} holds other tables (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) and no archive: give a new file or an archive`);
}

/** A --db that a command reads or corrects: it must be there, made by an import (none is created for it). */
export function mustExist(path: string): void {
  if (!existsSync(path)) throw new DatabaseError(`database ${path} does not exist (run 'proposals import' first)`);
  // an empty file is an empty SQLite database: a command that works on an archive would make one of it
  const st = statSync(path);
  if (st.isFile() && st.size === 0) throw new DatabaseError(`database ${path} is an empty file, not an archive (run 'proposals import' first)`);
}

/** A --db that names a folder: SQLite would only say 'disk I/O error'. */
export function notAFolder(path: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) throw new DatabaseError(`database ${path} is a folder, not a database file (give the file, e.g. ${join(path, 'proposals.db')})`);
}

/**
 * The writer's connection. For as long as it is open the database is in WAL mode, so readers keep reading while it
 * writes. Switching to WAL waits for the readers of the moment to finish (up to WAL_SWITCH_WAIT_MS, longer than a
 * `proposals query` may run).
 */
export function openWritable(path: string): DB {
  notAFolder(path);
  makeDirs(dirname(path));
  const db = new Database(path);
  try {
    notAnotherDatabase(db, path);
  } catch (e) {
    db.close();
    throw e;
  }
  db.pragma(`busy_timeout = ${WAL_SWITCH_WAIT_MS}`);
  const mode = switchToWal(db);
  if (mode !== 'wal' && mode !== 'memory') {
    db.close();
    throw new DatabaseError(`database ${path}: other connections kept it busy for ${WAL_SWITCH_WAIT_MS / 1000} s, so it could not be switched to WAL mode for writing; try again`);
  }
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // a run writes each document in a savepoint of its commit group (groups.ts): their page copies stay in memory
  db.pragma('temp_store = MEMORY');
  db.exec(SCHEMA_SQL);
  migrate(db);
  db.exec(SEARCH_SCHEMA_SQL);
  configureSearchIndex(db);
  // written only when it differs: opening the archive to find nothing to do changes nothing
  db.prepare('INSERT INTO schema_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value').run('schema_version', String(SCHEMA_VERSION));
  return db;
}

const WAL_SWITCH_WAIT_MS = 60_000;

/**
 * PRAGMA journal_mode = WAL, tried again until WAL_SWITCH_WAIT_MS have passed: while another program holds a write
 * transaction SQLite answers SQLITE_BUSY at once, without waiting out the busy timeout. The mode it is in after.
 */
function switchToWal(db: DB): unknown {
  const until = Date.now() + WAL_SWITCH_WAIT_MS;
  for (;;) {
    try {
      return db.pragma('journal_mode = WAL', { simple: true });
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= until) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}

/**
 * Closes the writer's connection, leaving the database in rollback-journal mode: one file, with nothing in a -wal
 * file, which readers can open without write permission in its folder (a WAL database needs its -shm file, which
 * SQLite deletes when the last connection closes, and a reader that cannot create it cannot read). If readers
 * hold it at that moment it stays in WAL mode, as during a run.
 */
export function closeWritable(db: DB): void {
  try {
    db.pragma('busy_timeout = 2000');
    db.pragma('journal_mode = DELETE');
  } catch {
    /* busy with readers: stays in WAL mode */
  }
  db.close();
}

/** A read-only connection (mode=ro): analysts' queries can never write. */
export function openReadOnly(path: string): DB {
  mustExist(path);
  notAFolder(path);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
