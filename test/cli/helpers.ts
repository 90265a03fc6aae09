/** Runs the real `proposals` command in a child process, as a user would. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { root } from '../eval/score.ts';

export function proposals(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}) {
  // a command that hangs is stopped (status null), rather than the whole test run waiting on it
  const r = spawnSync(process.execPath, [join(root, 'bin', 'proposals.js'), ...args], { cwd: opts.cwd ?? root, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: opts.timeoutMs ?? 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const tempDir = (prefix = 'proposals-') => mkdtempSync(join(tmpdir(), prefix));

/** Every row of every table (timestamps, and the record of runs, left out), to compare two databases or two moments. */
export function snapshot(dbPath: string): Record<string, unknown[]> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('extraction_runs', 'run_changes') ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      const rows = db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[];
      out[t] = rows.map(({ extracted_at: _e, ...r }) => r);
    }
    return out;
  } finally {
    db.close();
  }
}

export function count(dbPath: string, sql: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return Number(Object.values(db.prepare(sql).get() as object)[0]);
  } finally {
    db.close();
  }
}

/** The JSON lines a run writes to stderr when not on a terminal; a line that is not JSON fails the test. */
export function events(stderr: string): Record<string, string>[] {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, string>);
}

/** 'name.ext: [CODE] reason' for each failed file of a run, to match as text. */
export const failures = (stderr: string): string =>
  events(stderr)
    .filter((e) => e.event === 'failed')
    .map((e) => `${e.path}: [${e.code}] ${e.reason}`)
    .join('\n');
